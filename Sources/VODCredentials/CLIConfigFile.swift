import VODSigning

/// `~/.aliyun/config.json`, the aliyun CLI's profiles.
enum CLIConfigFile {
    static let supportedModes = ["AK", "StsToken", "RamRoleArn", "EcsRamRole"]

    /// The profile named `profile` (or the file's `current`); `nil` when the file has no such profile.
    static func spec(contents: [UInt8], path: String, profile: String?) throws(CredentialsError) -> (
        name: String, spec: ProfileSpec
    )? {
        guard let root = LooseJSON.parse(contents)?.object else {
            throw .invalid(path: path, line: nil, reason: "not a JSON object")
        }
        guard let wanted = profile ?? (root["current"]?.string), !wanted.isEmpty else { return nil }
        // Like JSONSerialization's `as? [[String: Any]]`: one element that is not an object voids the list.
        let listed = root["profiles"]?.array?.map(\.object) ?? []
        let profiles = listed.contains(where: { $0 == nil }) ? [] : listed.compactMap { $0 }
        guard let entry = profiles.first(where: { $0["name"]?.string == wanted }) else { return nil }
        let source = "profile '\(wanted)' in \(path)"
        let mode = entry["mode"]?.string ?? "AK"

        func field(_ key: String) throws(CredentialsError) -> String {
            guard let value = entry[key]?.string, !value.isEmpty else {
                throw .invalid(path: path, line: nil, reason: "\(source) (mode \(mode)) has no \(key)")
            }
            return value
        }
        func optional(_ key: String) -> String? {
            entry[key]?.string.flatMap { $0.isEmpty ? nil : $0 }
        }

        switch mode {
        case "AK":
            return (
                wanted,
                .accessKey(
                    Credential(accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret"))
                )
            )
        case "StsToken":
            return (
                wanted,
                .accessKey(
                    Credential(
                        accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret"),
                        securityToken: try field("sts_token")))
            )
        case "RamRoleArn":
            let duration = entry["expired_seconds"]?.int ?? Int(optional("expired_seconds") ?? "") ?? 3600
            let role = ProfileSpec.RoleSpec(
                source: Credential(
                    accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret")),
                roleArn: try field("ram_role_arn"), sessionName: optional("ram_session_name") ?? "vod-mcp",
                durationSeconds: duration, policy: optional("policy"), externalId: optional("external_id"),
                stsRegion: optional("sts_region"), useVPC: entry["enable_vpc"]?.bool ?? false)
            return (wanted, .ramRoleArn(role))
        case "EcsRamRole":
            return (wanted, .ecsRamRole(roleName: optional("ram_role_name")))
        default:
            throw .modeUnsupported(mode: mode, source: source, supported: supportedModes)
        }
    }
}
