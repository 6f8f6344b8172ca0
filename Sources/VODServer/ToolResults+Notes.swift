import MCPCore

extension ToolResults {
    /// `outcome` with `notes` added to a non-error result's `Notes:` block (made when there is none); an error
    /// result or an empty list leaves it as it is.
    static func noting(_ notes: [String], in outcome: ToolOutcome) -> ToolOutcome {
        guard !notes.isEmpty, case .complete(.object(var result)) = outcome, result["isError"] != .bool(true) else {
            return outcome
        }
        var content = result["content"]?.arrayValue ?? []
        let prefix = "Notes: "
        if let index = content.lastIndex(where: { $0["text"]?.stringValue?.hasPrefix(prefix) == true }),
            let existing = content[index]["text"]?.stringValue
        {
            content[index] = ["type": "text", "text": .string(existing + " | " + notes.joined(separator: " | "))]
        } else {
            content.append(["type": "text", "text": .string(prefix + notes.joined(separator: " | "))])
        }
        result["content"] = .array(content)
        return .complete(.object(result))
    }
}
