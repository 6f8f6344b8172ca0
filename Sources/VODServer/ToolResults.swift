public import MCPCore

/// Builders for `CallToolResult` objects: every non-error result of every tool is made here, and checked against
/// the tool's outputSchema in one place (`ResultContract`, applied by `VODToolServer.callTool`).
public enum ToolResults {
    /// A successful result with a text block and, when given, structured content (also serialized in the text).
    public static func success(text: String? = nil, structured: JSONValue? = nil, notes: [String] = []) -> JSONValue {
        var texts: [String] = []
        if let text { texts.append(text) }
        if let structured, text == nil { texts.append(structured.prettyString()) }
        return success(texts: texts, structured: structured, notes: notes)
    }

    /// A successful result with these text blocks (then one `Notes:` block when there are notes) and, when given,
    /// structured content.
    public static func success(texts: [String], structured: JSONValue?, notes: [String] = []) -> JSONValue {
        var content: [JSONValue] = texts.map { ["type": "text", "text": .string($0)] }
        if !notes.isEmpty {
            content.append(["type": "text", "text": .string("Notes: " + notes.joined(separator: " | "))])
        }
        var result: [String: JSONValue] = ["content": .array(content), "isError": false]
        if let structured { result["structuredContent"] = structured }
        return .object(result)
    }
}
