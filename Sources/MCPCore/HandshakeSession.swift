/// What a handshake-era session (2024-11-05 … 2025-11-25) carries from `initialize` to every later request. Over
/// stdio it lives in the process; over HTTP it travels with the client, sealed in `Mcp-Session-Id`, so any replica
/// can serve the session's next request.
public struct HandshakeSession: Sendable, Equatable {
    /// The negotiated revision.
    public var version: String
    /// The client's declared capabilities (`initialize` params.capabilities).
    public var capabilities: JSONValue
    /// The client's `clientInfo`, if it sent one.
    public var clientInfo: JSONValue?

    public init(version: String, capabilities: JSONValue, clientInfo: JSONValue?) {
        self.version = version
        self.capabilities = capabilities
        self.clientInfo = clientInfo
    }

    /// The session `initialize` with these params starts: the requested revision when this server speaks it, else
    /// the newest; capabilities that are not an object count as none.
    public init(initializeParams params: JSONValue?) {
        version = ProtocolEra.negotiateHandshake(params?["protocolVersion"]?.stringValue)
        capabilities = params?["capabilities"].flatMap { $0.objectValue != nil ? $0 : nil } ?? [:]
        clientInfo = params?["clientInfo"]
    }
}
