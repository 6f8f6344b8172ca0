public import MCPCore

/// The vod-mcp application behind the protocol core: tools, resources and prompts.
public final class VODToolServer: MCPServerDelegate {
    public let settings: ServerSettings
    let toolHandlers: [ToolHandler]
    let toolsByName: [String: ToolHandler]

    public init(settings: ServerSettings) {
        self.settings = settings
        var handlers: [ToolHandler] = []
        if settings.testTools { handlers += TestTools.all }
        self.toolHandlers = handlers
        self.toolsByName = Dictionary(handlers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func listTools(context: RequestContext) async -> [JSONValue] {
        toolHandlers.map(\.definition)
    }

    public func callTool(name: String, arguments: [String: JSONValue], context: RequestContext) async throws -> ToolOutcome {
        guard let handler = toolsByName[name] else {
            throw JSONRPCError.invalidParams("Unknown tool: \(name). Call tools/list to see the available tools", data: ["tool": .string(name)])
        }
        return try await handler.run(arguments, context)
    }

    public func runsAsTask(toolName: String) -> Bool {
        toolsByName[toolName]?.runsAsTask ?? false
    }

    public func listResources(context: RequestContext) async -> [JSONValue] { [] }

    public func readResource(uri: String, context: RequestContext) async throws -> [JSONValue]? { nil }
}
