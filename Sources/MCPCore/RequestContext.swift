/// Everything a handler may know about the request it serves, and the ways it may talk back while it runs.
public struct RequestContext: Sendable {
    public let requestID: RequestID
    public let method: String
    public let era: ProtocolEra
    /// Client capabilities: from `initialize` (handshake era) or this request's envelope (stateless era).
    public let clientCapabilities: JSONValue
    public let clientInfo: JSONValue?
    /// `params` of a stateless `tools/call` retry: answers to an earlier `input_required` result.
    public let inputResponses: JSONValue?
    /// The `requestState` echoed by a stateless retry.
    public let requestState: String?
    let progressToken: JSONValue?
    let logLevel: LogLevel?
    let connection: Connection

    /// The transport the request came over.
    public var transport: TransportKind { connection.transport }

    /// Whether the request opted into progress notifications.
    public var wantsProgress: Bool { progressToken != nil }

    /// Whether the client can answer a form elicitation (handshake: declared at initialize; stateless: in this request).
    /// False over a transport where an answer could not come back to this process (HTTP behind a balancer).
    public var supportsElicitation: Bool {
        guard era.isStateless || connection.canAskClient else { return false }
        guard let elicitation = clientCapabilities["elicitation"], elicitation.objectValue != nil else { return false }
        if let form = elicitation["form"] { return form.objectValue != nil }
        return true  // `elicitation: {}` (2025-06-18) means form support.
    }

    /// Reports progress when the request carries a progress token. Values that do not increase are dropped.
    public func reportProgress(_ progress: Double, total: Double? = nil, message: String? = nil) async {
        guard let progressToken else { return }
        await connection.sendProgress(
            requestID: requestID, token: progressToken, progress: progress, total: total, message: message)
    }

    /// Sends a `notifications/message` when the client asked for this level (never otherwise).
    public func log(_ level: LogLevel, _ message: String, logger: String? = nil) async {
        await connection.sendLog(
            requestID: requestID, requestLevel: logLevel, level: level, message: message, logger: logger)
    }

    /// Handshake era only: asks the client for input with `elicitation/create` and waits for its answer.
    /// Returns the `ElicitResult` object. Throws `CancellationError` if the request is cancelled meanwhile.
    public func elicit(message: String, requestedSchema: JSONValue) async throws -> JSONValue {
        let params: JSONValue = ["mode": "form", "message": .string(message), "requestedSchema": requestedSchema]
        return try await connection.sendRequest(method: "elicitation/create", params: params, onBehalfOf: requestID)
    }
}
