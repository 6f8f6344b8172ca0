extension MCPServer {
    /// Serves one handshake-era message (2024-11-05 … 2025-11-25) on its own, within `session`: the way a
    /// Streamable HTTP POST of that era is served. `session` nil serves `initialize` (anything else is refused as
    /// not initialized) and returns the session it negotiated; otherwise returns `session` unchanged.
    ///
    /// With `askClient` the request may ask the client (elicitation) on `sink`; the answer must then come back to
    /// this process through `deliver(_:sessionKey:)`. `sessionKey` names the session in this process's route table
    /// (so a cancellation finds the request). Cancelling the calling task cancels the request.
    public func exchange(
        _ message: JSONValue, session: HandshakeSession?, sessionKey: String, sink: any MessageSink,
        transport: TransportKind = .http, askClient: Bool
    ) async -> HandshakeSession? {
        var randomness = SystemRandomNumberGenerator()
        let prefix = "s-" + String(randomness.next(), radix: 36) + String(randomness.next(), radix: 36) + "-"
        let connection = Connection(
            writer: sink, transport: transport, maxInFlight: 1, maxInFlightBytes: .max, canAskClient: askClient,
            serverRequestPrefix: prefix)
        await connection.setEra(
            .handshake(
                version: session?.version, capabilities: session?.capabilities ?? [:],
                clientInfo: session?.clientInfo))
        let requestKey = Self.routeKey(sessionKey, message["id"])
        await exchangeRoutes.add(prefix: prefix, request: requestKey, connection)
        await serve(message, alone: connection)
        await exchangeRoutes.remove(prefix: prefix, request: requestKey)
        if session == nil, case .handshake(let version?, let capabilities, let clientInfo) = await connection.era {
            return HandshakeSession(version: version, capabilities: capabilities, clientInfo: clientInfo)
        }
        return session
    }

    /// Takes a handshake-era message that answers or cancels a running exchange of `sessionKey`: a response to one
    /// of its requests to the client, or `notifications/cancelled`. Returns false when no exchange of this process
    /// was waiting for it (it may have finished, or have run on another replica).
    public func deliver(_ message: JSONValue, sessionKey: String) async -> Bool {
        if message["method"] == nil {
            guard case .string(let text)? = message["id"], let cut = text.lastIndex(of: "-"),
                let connection = await exchangeRoutes.connection(prefix: String(text[...cut]))
            else { return false }
            return await connection.deliverResponse(
                id: .string(text), result: message["result"], error: message["error"])
        }
        guard message["method"] == "notifications/cancelled", let requestID = message["params"]?["requestId"],
            let connection = await exchangeRoutes.connection(request: Self.routeKey(sessionKey, requestID)),
            let id = RequestID(requestID)
        else { return false }
        await connection.cancel(id)
        return true
    }

    private static func routeKey(_ sessionKey: String, _ id: JSONValue?) -> String {
        sessionKey + "\u{0}" + (id?.encodedString() ?? "")
    }
}
