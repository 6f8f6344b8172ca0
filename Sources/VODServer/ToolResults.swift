public import MCPCore

/// Builders for `CallToolResult` objects.
public enum ToolResults {
    /// A successful result with a text block and, when given, structured content (also serialized in the text).
    public static func success(text: String? = nil, structured: JSONValue? = nil) -> JSONValue {
        var content: [JSONValue] = []
        if let text { content.append(["type": "text", "text": .string(text)]) }
        if let structured, text == nil {
            content.append(["type": "text", "text": .string(structured.prettyString())])
        }
        var result: [String: JSONValue] = ["content": .array(content), "isError": false]
        if let structured { result["structuredContent"] = structured }
        return .object(result)
    }
}
