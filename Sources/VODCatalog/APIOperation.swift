public import MCPCore

/// One VOD API operation (Action), with everything needed to expose it as an MCP tool.
public struct APIOperation: Sendable, Equatable {
    /// The RPC Action and the tool name, e.g. `GetVideoInfo`.
    public let action: String
    /// `GET` or `POST`; all parameters go in the query string either way.
    public let httpMethod: String
    /// The toolset (module) this operation belongs to, one of `Catalog.toolsets`.
    public let toolset: String
    /// Read, write or destructive.
    public let access: AccessClass
    /// Whether the call only starts a background job whose result arrives later.
    public let startsJob: Bool
    /// Whether the result carries secrets (upload credentials, play tokens, signed URLs, keys).
    public let sensitiveOutput: Bool
    /// Whether repeating the call with the same arguments changes nothing more.
    public let idempotent: Bool
    /// A short human title, e.g. "Get video info".
    public let title: String
    /// The tool description: what it does and what to watch out for.
    public let summary: String
    /// Business parameters, sorted by name; internal routing parameters are already removed.
    public let parameters: [OperationParameter]
    /// Groups of parameters of which at least one must be given, e.g. `[["VideoId", "ReferenceId"]]`.
    public let requiresOneOf: [[String]]
    /// JSON Schema of a successful result, defined for the default operations.
    public let outputSchema: JSONValue?
    /// Likely intended names for wrong parameter names, e.g. `PageNumber` -> `PageNo`.
    let aliases: [String: [String]]

    /// Creates an operation.
    public init(
        action: String, httpMethod: String, toolset: String, access: AccessClass, startsJob: Bool = false,
        sensitiveOutput: Bool = false, idempotent: Bool, title: String, summary: String,
        parameters: [OperationParameter], requiresOneOf: [[String]] = [], outputSchema: JSONValue? = nil,
        aliases: [String: [String]] = [:]
    ) {
        self.action = action
        self.httpMethod = httpMethod
        self.toolset = toolset
        self.access = access
        self.startsJob = startsJob
        self.sensitiveOutput = sensitiveOutput
        self.idempotent = idempotent
        self.title = title
        self.summary = summary
        self.parameters = parameters
        self.requiresOneOf = requiresOneOf
        self.outputSchema = outputSchema
        self.aliases = aliases
    }

    /// The parameter called `name` (exact spelling), if any.
    public func parameter(_ name: String) -> OperationParameter? {
        parameters.first { $0.name == name }
    }
}
