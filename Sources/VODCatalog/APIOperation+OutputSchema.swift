public import MCPCore

extension APIOperation {
    /// The outputSchema a tool publishes: the catalog's description of the response made tolerant (every member
    /// optional and nullable, unknown members allowed, because VOD omits or nulls members freely, e.g.
    /// `Video.CoverURL` before a cover exists).
    ///
    /// A dry run returns a preview instead of a response: `dryRun: true`, `action`, `request`, `cli`, `python`,
    /// `typescript` (see the server's DryRun). The schema admits it because no member is required and unknown
    /// members are allowed. None of the preview members is listed: the DryRun parameter's description says what
    /// comes back, and listing them in 22 default tools would cost the default list over 600 bytes of its budget.
    /// Nil when the catalog describes no response.
    public var publishedOutputSchema: JSONValue? {
        guard let outputSchema else { return nil }
        return Self.tolerant(outputSchema, root: true)
    }

    /// Drops `required` and `additionalProperties: false`, and lets every non-root member be null.
    static func tolerant(_ schema: JSONValue, root: Bool) -> JSONValue {
        guard case .object(var object) = schema else { return schema }
        object["required"] = nil
        if object["additionalProperties"] == .bool(false) { object["additionalProperties"] = nil }
        if case .object(let properties)? = object["properties"] {
            object["properties"] = .object(properties.mapValues { tolerant($0, root: false) })
        }
        if let items = object["items"] { object["items"] = tolerant(items, root: false) }
        if !root, case .string(let type)? = object["type"], type != "null" {
            object["type"] = [.string(type), "null"]
        }
        return .object(object)
    }
}
