/// Application policies on RAM identities (the two system policies VOD offers per application).
extension RPCService {
    static let appPolicies: [(name: String, description: String)] = [
        ("VODAppFullAccess", "Full access to the application's resources."),
        ("VODAppReadOnlyAccess", "Read-only access to the application's resources."),
    ]

    private func grantKey(_ context: RPCContext) throws(RPCFailure) -> String {
        let appId = context.string("AppId") ?? "app-1000000"
        guard store.read({ $0.apps[appId] }) != nil else {
            throw RPCFailure.notFound("InvalidAppId.NotFound", "The application \(appId) does not exist.")
        }
        let type = try context.required("IdentityType")
        guard ["RamUser", "RamRole"].contains(type) else {
            throw RPCFailure.invalid("IdentityType", "Use RamUser or RamRole.")
        }
        return "\(appId)|\(type)|\(try context.required("IdentityName"))"
    }

    private func changeGrants(_ context: RPCContext, attach: Bool) throws(RPCFailure) -> [(String, JSON)] {
        let key = try grantKey(context)
        let names = context.list("PolicyNames")
        let known = Set(Self.appPolicies.map(\.name))
        let unknown = names.filter { !known.contains($0) }
        store.mutate { state in
            var grants = state.policyGrants ?? [:]
            var held = grants[key] ?? []
            for name in names where known.contains(name) {
                if attach { if !held.contains(name) { held.append(name) } } else { held.removeAll { $0 == name } }
            }
            grants[key] = held.isEmpty ? nil : held
            state.policyGrants = grants
        }
        return [("NonExistPolicyNames", .array(unknown.map(JSON.string))), ("FailedPolicyNames", .array([]))]
    }

    func attachAppPolicyToIdentity(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        try changeGrants(context, attach: true)
    }

    func detachAppPolicyFromIdentity(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        try changeGrants(context, attach: false)
    }

    func listAppPoliciesForIdentity(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId")
        let type = context.string("IdentityType")
        let name = context.string("IdentityName")
        let created = store.read { $0.apps[appId ?? "app-1000000"]?.creationTime } ?? store.now()
        let grants = (store.read { $0.policyGrants } ?? [:]).filter { key, _ in
            let parts = key.split(separator: "|", maxSplits: 2).map(String.init)
            return parts.count == 3 && (appId == nil || parts[0] == appId) && (type == nil || parts[1] == type)
                && (name == nil || parts[2] == name)
        }
        var listed: [JSON] = []
        for key in grants.keys.sorted() {
            let grantedApp = String(key.split(separator: "|").first ?? "")
            for policy in grants[key] ?? [] {
                let description = Self.appPolicies.first { $0.name == policy }?.description ?? ""
                listed.append(
                    .object([
                        ("PolicyName", .string(policy)), ("PolicyType", .string("System")),
                        ("PolicyValue", .string("{\"AppId\":\"\(grantedApp)\"}")),
                        ("Description", .string(description)),
                        ("AppId", .string(grantedApp)), ("CreationTime", iso(created)),
                        ("ModificationTime", iso(created)),
                    ]))
            }
        }
        return [("AppPolicyList", .array(listed))]
    }

    func updateAttachedMediaInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let updates = JSON.parse(try context.required("UpdateContent")) as? [[String: Any]] else {
            throw RPCFailure.invalid("UpdateContent", "It must be a JSON array of objects with MediaId.")
        }
        var missing: [JSON] = []
        let now = store.now()
        for update in updates {
            guard let id = update["MediaId"] as? String else { throw RPCFailure.missing("MediaId") }
            let found = store.mutate { state -> Bool in
                guard var asset = state.assets[id], asset.kind == "attached" else { return false }
                if let value = update["Title"] as? String { asset.title = value }
                if let value = update["Description"] as? String { asset.description = value }
                if let value = update["Tags"] as? String { asset.tags = value }
                if let value = update["CateId"] as? JSONNumber { asset.cateId = value.int64Value }
                asset.modificationTime = now
                state.assets[id] = asset
                return true
            }
            if !found { missing.append(.string(id)) }
        }
        return [("NonExistMediaIds", .array(missing))]
    }
}
