public import MCPCore

/// One tool: its MCP definition and what it does.
public struct ToolHandler: Sendable {
    public let name: String
    public let definition: JSONValue
    public let runsAsTask: Bool
    let run: @Sendable ([String: JSONValue], RequestContext) async throws -> ToolOutcome

    public init(
        name: String, definition: JSONValue, runsAsTask: Bool = false,
        run: @escaping @Sendable ([String: JSONValue], RequestContext) async throws -> ToolOutcome
    ) {
        self.name = name
        self.definition = definition
        self.runsAsTask = runsAsTask
        self.run = run
    }
}
