import ArgumentParser

/// The one parser of boolean settings from the environment. Exactly these spellings are accepted, in any letter
/// case: `1`/`0`, `true`/`false`, `yes`/`no`, `on`/`off`; an empty value counts as unset. Anything else (`"TRUE "`,
/// `y`, `enabled`) stops startup with an error naming the variable, so a typo never silently means the opposite.
enum BooleanSetting {
    static let truthy: Set<String> = ["1", "true", "yes", "on"]
    static let falsy: Set<String> = ["0", "false", "no", "off"]

    /// Every boolean variable read at startup: vod-mcp's own and the credential chain's (`ALIBABA_CLOUD_*`).
    static let names = [
        "VOD_MCP_READ_ONLY", "VOD_MCP_ALLOW_DESTRUCTIVE", "VOD_MCP_DRY_RUN", "VOD_MCP_SEQUENTIAL", "VOD_MCP_TEST_TOOLS",
        "VOD_MCP_SANDBOX", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "ALIBABA_CLOUD_ECS_METADATA_DISABLED",
        "ALIBABA_CLOUD_IMDSV1_DISABLED",
    ]

    /// The value of `name` in `environment`: `nil` when unset or empty.
    static func value(_ name: String, in environment: [String: String]) throws -> Bool? {
        guard let text = environment[name], !text.isEmpty else { return nil }
        let folded = text.lowercased()
        if truthy.contains(folded) { return true }
        if falsy.contains(folded) { return false }
        throw ValidationError(
            "\(name)=\(quoted(text)) is not a boolean; use one of 1, true, yes, on (enabled) or 0, false, no, off "
                + "(disabled), with no spaces")
    }

    /// `flag || environment[name]`, strictly parsed.
    static func resolve(_ flag: Bool, _ name: String, in environment: [String: String]) throws -> Bool {
        let fromEnvironment = try value(name, in: environment)
        return flag || fromEnvironment == true
    }

    /// Checks every boolean variable and spells the set ones canonically (`true`/`false`), so the libraries that
    /// read them (the credential chain compares with `true`) see the value that was validated here.
    static func normalized(_ environment: [String: String]) throws -> [String: String] {
        var result = environment
        for name in names {
            if let value = try value(name, in: environment) { result[name] = value ? "true" : "false" }
        }
        return result
    }

    private static func quoted(_ text: String) -> String {
        let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
        let escaped = shown.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value >= 0x20 ? String(scalar) : scalar.escaped(asASCII: true)
        }
        return "\"" + escaped.joined() + "\""
    }
}
