import MCPCore
import NIOCore
import NIOHTTP1

/// The handshake era over HTTP (2025-03-26 … 2025-11-25): `initialize` returns a sealed `Mcp-Session-Id`, later
/// messages carry it, DELETE ends it.
extension MCPHTTPHandler {
    /// An `initialize` without a session, from a client that announces no revision or a handshake one.
    static func startsHandshake(_ message: JSONValue, _ headers: HTTPHeaders) -> Bool {
        guard message["method"] == "initialize" else { return false }
        guard let version = headers.first(name: "MCP-Protocol-Version") else { return true }
        return ProtocolEra.handshakeVersions.contains(version)
    }

    func serveHandshake(
        _ message: JSONValue, sessionID: String?, head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        let id = message["id"].flatMap(RequestID.init)
        let keepAlive = head.isKeepAlive
        let session: HandshakeSession?
        let sessionKey: String
        var successHeaders = HTTPHeaders()
        if let sessionID {
            switch shared.sessions.open(sessionID) {
            case .failure(let failure):
                respond(sessionRefusal(failure, id: id), keepAlive: keepAlive, context: context)
                return
            case .success(let opened):
                if let refusal = versionRefusal(head.headers, session: opened.session, id: id) {
                    respond(refusal, keepAlive: keepAlive, context: context)
                    return
                }
                session = opened.session
                sessionKey = opened.key
            }
        } else {
            let sealed = shared.sessions.seal(HandshakeSession(initializeParams: message["params"]))
            successHeaders.add(name: "Mcp-Session-Id", value: sealed.id)
            session = nil
            sessionKey = sealed.key
        }
        let server = shared.server
        guard message["method"] != nil, message["id"] != nil else {
            // An answer to one of our requests, or a notification: 202, or 400 for an answer nobody here awaits.
            let channel = context.channel
            let isAnswer = message["method"] == nil
            let unawaited = jsonError(
                .badRequest, id,
                .invalidRequest(
                    "Invalid request: no request of this server is waiting for an answer with id "
                        + "\(Clip.text(message["id"]?.encodedString() ?? "null")) (it was answered, cancelled or "
                        + "has ended)"))
            let delivery = Delivery(
                server: server, message: message, sessionKey: sessionKey, isAnswer: isAnswer, unawaited: unawaited,
                channel: channel, keepAlive: keepAlive)
            Task { await delivery.run() }
            return
        }
        let askClient = shared.askClient && Self.acceptsEventStream(head)
        let (current, key) = (session, String(sessionKey))
        startExchange(head: head, id: id, handshake: true, successHeaders: successHeaders, context: context) { sink in
            _ = await server.exchange(
                message, session: current, sessionKey: key, sink: sink, transport: .http, askClient: askClient)
        }
    }

    /// DELETE: ends the session in this process (see `SessionSeal`); 200, 400 without a session, 404 for an unknown.
    func endSession(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        guard let sessionID = head.headers.first(name: "Mcp-Session-Id") else {
            respond(
                plain(
                    .badRequest, "Bad request: DELETE ends a session; send the Mcp-Session-Id that initialize returned"),
                keepAlive: head.isKeepAlive, context: context)
            return
        }
        switch shared.sessions.open(sessionID) {
        case .failure(let failure):
            respond(sessionRefusal(failure, id: nil), keepAlive: head.isKeepAlive, context: context)
        case .success(let opened):
            shared.sessions.revoke(opened)
            respond(Decided(.ok, HTTPHeaders(), []), keepAlive: head.isKeepAlive, context: context)
        }
    }

    /// 404 for a session id this deployment did not issue or no longer serves (the client starts a new session).
    func sessionRefusal(_ failure: SessionSeal.Failure, id: RequestID?) -> Decided {
        let reason: String
        switch failure {
        case .invalid:
            reason = "was not issued by this server (altered, forged, or sealed with another VOD_MCP_HTTP_SECRET)"
        case .expired: reason = "has expired"
        case .ended: reason = "was ended with DELETE"
        }
        return jsonError(
            .notFound, id,
            JSONRPCError(
                code: -32001,
                message: "Session not found: the Mcp-Session-Id \(reason); start a new session with initialize "
                    + "and no Mcp-Session-Id"))
    }

    /// `MCP-Protocol-Version` within a session: absent is accepted (2025-03-26 clients do not send it), otherwise it
    /// must be the revision the session negotiated.
    private func versionRefusal(_ headers: HTTPHeaders, session: HandshakeSession, id: RequestID?) -> Decided? {
        guard let version = headers.first(name: "MCP-Protocol-Version"), version != session.version else {
            return nil
        }
        let known = ProtocolEra.handshakeVersions + ProtocolEra.statelessVersions
        let detail =
            known.contains(version)
            ? "the session negotiated \(session.version) at initialize; send MCP-Protocol-Version: \(session.version)"
            : "it is not a revision this server speaks (\(known.joined(separator: ", ")))"
        return jsonError(
            .badRequest, id,
            .invalidRequest(
                "Bad request: MCP-Protocol-Version \(Clip.text(version)) does not fit this session: "
                    + detail))
    }
}

/// Hands a client's answer or notification to the exchange it belongs to, then answers the POST (202, or 400 for an
/// answer no request here awaits).
private struct Delivery: Sendable {
    let server: MCPServer
    let message: JSONValue
    let sessionKey: String
    let isAnswer: Bool
    let unawaited: MCPHTTPHandler.Decided
    let channel: any Channel
    let keepAlive: Bool

    func run() async {
        let delivered = await server.deliver(message, sessionKey: sessionKey)
        let response = isAnswer && !delivered ? unawaited : MCPHTTPHandler.Decided(.accepted, HTTPHeaders(), [])
        MCPHTTPHandler.respond(response, keepAlive: keepAlive, channel: channel)
    }
}
