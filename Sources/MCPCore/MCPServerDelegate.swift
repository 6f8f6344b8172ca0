/// What an application supplies to the protocol core: its tools, resources and prompts.
///
/// The core owns the wire (eras, envelopes, pagination, cancellation, progress, result decoration); the delegate only
/// answers in MCP shapes. Throw `JSONRPCError` for protocol-level failures (unknown tool, missing resource); report tool
/// failures as results with `isError: true`.
public protocol MCPServerDelegate: Sendable {
    /// Every tool definition, in a stable order. The core paginates.
    func listTools(context: RequestContext) async -> [JSONValue]
    /// Runs a tool. `arguments` is the (possibly empty) arguments object.
    func callTool(name: String, arguments: [String: JSONValue], context: RequestContext) async throws -> ToolOutcome
    /// Whether a call to this tool may run as a task for clients of the Tasks extension.
    func runsAsTask(toolName: String) -> Bool
    func listResources(context: RequestContext) async -> [JSONValue]
    func listResourceTemplates(context: RequestContext) async -> [JSONValue]
    /// The `contents` array for `uri`, or `nil` when no such resource exists.
    func readResource(uri: String, context: RequestContext) async throws -> [JSONValue]?
    func listPrompts(context: RequestContext) async -> [JSONValue]
    /// A `prompts/get` result; throw `JSONRPCError.invalidParams` for unknown prompts or missing arguments.
    func getPrompt(name: String, arguments: [String: String], context: RequestContext) async throws -> JSONValue
    /// Completion values for an argument of a prompt or resource template.
    func complete(reference: JSONValue, argumentName: String, value: String, context: RequestContext) async -> [String]
}

/// The result of a tool call: finished, or (stateless era) in need of client input first.
public enum ToolOutcome: Sendable {
    /// A `CallToolResult` object (`content`, optional `structuredContent`, `isError`).
    case complete(JSONValue)
    /// Multi-round-trip: ask the client for input and resume with `requestState` echoed back.
    case inputRequired(inputRequests: JSONValue, requestState: String)
}

extension MCPServerDelegate {
    public func runsAsTask(toolName: String) -> Bool { false }
    public func listResourceTemplates(context: RequestContext) async -> [JSONValue] { [] }
    public func listPrompts(context: RequestContext) async -> [JSONValue] { [] }
    public func getPrompt(name: String, arguments: [String: String], context: RequestContext) async throws -> JSONValue
    {
        throw JSONRPCError.invalidParams("Unknown prompt: \(name)")
    }
    public func complete(reference: JSONValue, argumentName: String, value: String, context: RequestContext) async
        -> [String]
    { [] }
}

/// Identity and behaviour of the server.
public struct MCPServerConfiguration: Sendable {
    public var name: String
    public var version: String
    public var title: String?
    public var instructions: String?
    /// Items per page of resource, template and prompt lists.
    public var pageSize: Int
    /// Items per page of `tools/list`: large by default, because some clients never follow `nextCursor` and would
    /// otherwise miss tools with `--toolsets all`.
    public var toolsPageSize: Int
    /// Longest accepted input line, in bytes; longer lines get a -32700 error naming the limit.
    public var maxMessageBytes: Int
    /// How long in-flight requests may finish after stdin closes before they are cancelled.
    public var exitGrace: Duration
    /// Run requests one at a time in arrival order and finish all of them at EOF (for piped scripts).
    public var sequential: Bool
    /// `ttlMs` advertised on cacheable stateless results.
    public var cacheTTLMilliseconds: Int64
    /// Bytes of input lines read ahead of the handlers; past it the server stops reading stdin (backpressure).
    public var inputBufferBytes: Int = 2 << 20
    /// Bytes of output waiting for the client; past it no new input line is taken and notifications are dropped.
    public var outputBufferBytes: Int = 1 << 20
    /// Requests that may run at once (a request waiting for the client's answer does not count).
    public var maxInFlightRequests: Int = 32
    /// Bytes of request lines that may run at once (one request is always let through).
    public var maxInFlightBytes: Int = 8 << 20
    /// Masks known secrets in every stdout line (the application registers them).
    public var redactor: Redactor?

    public init(
        name: String, version: String, title: String? = nil, instructions: String? = nil, pageSize: Int = 100,
        toolsPageSize: Int = 250,
        maxMessageBytes: Int = 8 << 20, exitGrace: Duration = .milliseconds(1000), sequential: Bool = false,
        cacheTTLMilliseconds: Int64 = 300_000
    ) {
        self.name = name
        self.version = version
        self.title = title
        self.instructions = instructions
        self.pageSize = pageSize
        self.toolsPageSize = toolsPageSize
        self.maxMessageBytes = maxMessageBytes
        self.exitGrace = exitGrace
        self.sequential = sequential
        self.cacheTTLMilliseconds = cacheTTLMilliseconds
    }
}
