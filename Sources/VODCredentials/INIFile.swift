import TextSupport

/// `~/.alibabacloud/credentials.ini`: `[section]` headers and `key = value` lines.
enum INIFile {
    static let supportedTypes = ["access_key", "ram_role_arn", "ecs_ram_role"]

    /// Parses every section. Malformed lines are reported by number, without their content.
    static func parse(_ text: String, path: String) throws(CredentialsError) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespaceAndNewlines()
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw .invalid(path: path, line: index + 1, reason: "malformed section header")
                }
                let name = line.dropFirst().dropLast().trimmingWhitespace()
                current = name
                sections[name, default: [:]] = sections[name] ?? [:]
                continue
            }
            guard let equals = line.firstIndex(of: "="), let section = current else {
                throw .invalid(path: path, line: index + 1, reason: "expected `key = value` inside a [section]")
            }
            let key = line[..<equals].trimmingWhitespace()
            var value = String(line[line.index(after: equals)...])
            if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
            sections[section, default: [:]][key] = value.trimmingWhitespace()
        }
        return sections
    }

    /// The spec of `section`; `nil` when the section is absent.
    static func spec(text: String, path: String, section: String) throws(CredentialsError) -> ProfileSpec? {
        guard let values = try parse(text, path: path)[section] else { return nil }
        let source = "section [\(section)] in \(path)"
        func field(_ key: String) throws(CredentialsError) -> String {
            guard let value = values[key], !value.isEmpty else {
                throw .invalid(path: path, line: nil, reason: "\(source) has no \(key)")
            }
            return value
        }
        func optional(_ key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
        let type = values["type"] ?? "access_key"
        switch type {
        case "access_key":
            return .accessKey(
                Credential(accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret")))
        case "ram_role_arn":
            return .ramRoleArn(
                ProfileSpec.RoleSpec(
                    source: Credential(
                        accessKeyId: try field("access_key_id"), accessKeySecret: try field("access_key_secret")),
                    roleArn: try field("role_arn"), sessionName: optional("role_session_name") ?? "vod-mcp",
                    durationSeconds: Int(optional("duration_seconds") ?? "") ?? 3600, policy: optional("policy"),
                    externalId: optional("external_id"), stsRegion: optional("sts_region"), useVPC: false))
        case "ecs_ram_role":
            return .ecsRamRole(roleName: optional("role_name"))
        default:
            throw .modeUnsupported(mode: type, source: source, supported: supportedTypes)
        }
    }
}
