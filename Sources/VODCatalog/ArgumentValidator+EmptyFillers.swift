import MCPCore

extension ArgumentValidator {
    /// `members` without empty fillers: `null` or `""` given for an optional parameter or a reserved flag means "not
    /// given". Models in strict function-calling mode must send every property, and send these for "no value"
    /// (e.g. `StartTime: ""`, `UserData: ""`), which VOD would refuse. The names dropped are listed in the notes.
    /// Required parameters are left alone, so a missing one is still reported; no other value changes meaning.
    mutating func withoutEmptyFillers(_ members: [String: JSONValue]) -> [String: JSONValue] {
        let required = Set(operation.parameters.filter(\.required).map(\.name))
        let optional = Set(
            operation.parameters.map(\.name) + [APIOperation.dryRunArgument, APIOperation.confirmArgument]
        )
        .subtracting(required)
        var kept = members
        var ignored: [String] = []
        for (name, value) in members where optional.contains(name) && Self.isEmptyFiller(value) {
            kept[name] = nil
            ignored.append(name)
        }
        if !ignored.isEmpty {
            coercions.append(
                "\(ignored.sorted().joined(separator: ", ")): empty value (null or \"\") ignored; left out as not given."
            )
        }
        return kept
    }

    /// `null` or the empty string.
    static func isEmptyFiller(_ value: JSONValue) -> Bool {
        value == .null || value == .string("")
    }
}
