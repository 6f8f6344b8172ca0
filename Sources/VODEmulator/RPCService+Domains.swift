extension RPCService {
    func requireDomain(_ context: RPCContext, _ name: String = "DomainName") throws(RPCFailure) -> DomainRecord {
        let domain = try context.required(name).lowercased()
        guard let record = store.read({ $0.domains[domain] }) else {
            throw RPCFailure.notFound("InvalidDomain.NotFound", "The domain \(domain) does not belong to this account.")
        }
        return record
    }

    private func sourcesJSON(_ record: DomainRecord, enabled: Bool) -> JSON {
        let items = JSON.parse(record.sources) as? [[String: Any]] ?? []
        let sources: [JSON] = items.map { item in
            var fields: [(String, JSON)] = [
                ("Content", .string(item["content"] as? String ?? "")),
                ("Type", .string(item["type"] as? String ?? "")),
                ("Priority", .string(text(item["priority"]) ?? "20")),
                ("Port", .int(Int64(text(item["port"]) ?? "") ?? 80)),
            ]
            if enabled {
                fields.append(("Enabled", .string("online")))
                fields.append(("Weight", .string(text(item["weight"]) ?? "10")))
            }
            return .object(fields)
        }
        return .object([("Source", .array(sources))])
    }

    private func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string
        case let number as JSONNumber: number.stringValue
        default: nil
        }
    }

    func describeVodDomainDetail(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try requireDomain(context)
        return [
            (
                "DomainDetail",
                .object([
                    ("DomainName", .string(record.domainName)), ("Cname", .string(record.cname)),
                    ("DomainStatus", .string(record.status)), ("Scope", .string(record.scope)),
                    ("Description", .string("")), ("GmtCreated", iso(record.creationTime)),
                    ("GmtModified", iso(record.modificationTime ?? record.creationTime)),
                    ("SSLProtocol", .string(record.sslProtocol ?? "off")), ("SSLPub", .string("")),
                    ("CertName", .string(record.certName ?? "")), ("Weight", .string("10")),
                    ("Sources", sourcesJSON(record, enabled: true)),
                ])
            )
        ]
    }

    func describeVodUserDomains(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let filter = context.string("DomainName")?.lowercased()
        let exact = context.string("DomainSearchType") == "full_match"
        let status = context.string("DomainStatus")
        let number = Int(try context.int("PageNumber") ?? 1)
        let size = Int(try context.int("PageSize") ?? 20)
        guard number >= 1, (1...500).contains(size) else { throw RPCFailure.invalid("PageSize", "Use 1 to 500.") }
        let domains = store.read { Array($0.domains.values) }
            .filter { record in
                guard let filter else { return true }
                return exact ? record.domainName == filter : record.domainName.contains(filter)
            }
            .filter { status == nil || $0.status == status }
            .sorted {
                $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.domainName < $1.domainName
            }
        let page: [JSON] = domains.page((number, size)).map { record in
            .object([
                ("DomainName", .string(record.domainName)), ("Cname", .string(record.cname)),
                ("DomainStatus", .string(record.status)), ("Description", .string("")),
                ("GmtCreated", iso(record.creationTime)),
                ("GmtModified", iso(record.modificationTime ?? record.creationTime)),
                ("SslProtocol", .string(record.sslProtocol ?? "off")), ("Sandbox", .string("normal")),
                ("Sources", sourcesJSON(record, enabled: false)),
            ])
        }
        return [
            ("Domains", .object([("PageData", .array(page))])), ("PageNumber", .int(number)), ("PageSize", .int(size)),
            ("TotalCount", .int(domains.count)),
        ]
    }

    func deleteVodDomain(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try requireDomain(context)
        store.mutate { _ = $0.domains.removeValue(forKey: record.domainName) }
        return []
    }

    func updateVodDomain(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try requireDomain(context)
        if let sources = context.string("Sources") {
            guard JSON.parse(sources) is [Any] else {
                throw RPCFailure(
                    status: 400, code: "InvalidSources.Malformed", message: "Sources must be a JSON array.")
            }
            let now = store.now()
            store.mutate {
                $0.domains[record.domainName]?.sources = sources
                $0.domains[record.domainName]?.modificationTime = now
            }
        }
        return []
    }

    func batchSetVodDomainConfigs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let names = context.list("DomainNames").map { $0.lowercased() }
        for name in names where store.read({ $0.domains[name] }) == nil {
            throw RPCFailure.notFound("InvalidDomain.NotFound", "The domain \(name) does not belong to this account.")
        }
        guard let functions = JSON.parse(try context.required("Functions")) as? [[String: Any]] else {
            throw RPCFailure.invalid("Functions", "It must be a JSON array of {functionName, functionArgs}.")
        }
        var configs: [DomainConfigRecord] = []
        for function in functions {
            guard let name = function["functionName"] as? String, !name.isEmpty else {
                throw RPCFailure.invalid("Functions", "Every function needs a functionName.")
            }
            let args = (function["functionArgs"] as? [[String: Any]] ?? []).map { arg in
                [arg["argName"] as? String ?? "", text(arg["argValue"]) ?? ""]
            }
            configs.append(
                DomainConfigRecord(
                    configId: String(Int.random(in: 1_000_000...9_999_999)), functionName: name, args: args))
        }
        let now = store.now()
        store.mutate { state in
            for name in names {
                var existing = (state.domains[name]?.configs ?? []).filter { old in
                    !configs.contains { $0.functionName == old.functionName }
                }
                existing += configs
                state.domains[name]?.configs = existing
                state.domains[name]?.modificationTime = now
            }
        }
        return []
    }

    func describeVodDomainConfigs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try requireDomain(context)
        let wanted = Set(context.list("FunctionNames"))
        let configs: [JSON] = (record.configs ?? []).filter { wanted.isEmpty || wanted.contains($0.functionName) }.map {
            config in
            .object([
                ("ConfigId", .string(config.configId)), ("FunctionName", .string(config.functionName)),
                ("Status", .string("success")),
                (
                    "FunctionArgs",
                    .object([
                        (
                            "FunctionArg",
                            .array(
                                config.args.map {
                                    .object([
                                        ("ArgName", .string($0.first ?? "")), ("ArgValue", .string($0.last ?? "")),
                                    ])
                                })
                        )
                    ])
                ),
            ])
        }
        return [("DomainConfigs", .object([("DomainConfig", .array(configs))]))]
    }

    func deleteVodSpecificConfig(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try requireDomain(context)
        let configId = try context.required("ConfigId")
        store.mutate { $0.domains[record.domainName]?.configs?.removeAll { $0.configId == configId } }
        return []
    }
}
