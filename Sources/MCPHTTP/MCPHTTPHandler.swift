import FoundationEssentials
import MCPCore
import NIOCore
import NIOHTTP1

/// One HTTP/1.1 connection to the MCP endpoint: `/mcp` (POST, one JSON-RPC message per request) and `/healthz`.
final class MCPHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let shared: MCPHTTPServer.Shared
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// A response already decided from the head (refusals, /healthz); sent once the body has been read.
    private var decided: Decided?
    private var exchange: Task<Void, Never>?
    /// Bytes of a refused body read and dropped; a sender that goes on far past the limit is cut off.
    private var discarded = 0

    init(shared: MCPHTTPServer.Shared) { self.shared = shared }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): receiveHead(head, context: context)
        case .body(var buffer): receiveBody(&buffer, context: context)
        case .end: receiveEnd(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Closing the response stream is the cancellation signal of the stateless revision.
        exchange?.cancel()
        exchange = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    // MARK: Head

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        self.head = head
        body = nil
        decided = nil
        discarded = 0
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
        switch path {
        case "/healthz":
            decided = Decided(.ok, contentType("text/plain"), Array("ok\n".utf8))
            return
        case "/mcp":
            break
        case "/.well-known/oauth-protected-resource", "/.well-known/oauth-protected-resource/mcp":
            decided = protectedResourceMetadata(head)
            return
        default:
            decided = plain(.notFound, "Not found: the MCP endpoint is /mcp (and /healthz for health checks)")
            return
        }
        if let origin = head.headers.first(name: "Origin"), !originAllowed(origin) {
            decided = jsonError(
                .forbidden, nil,
                .invalidRequest(
                    "Forbidden: Origin \(Clip.text(origin)) is not allowed; only loopback origins and those "
                        + "given with --http-allow-origin are"
                ))
            return
        }
        if let token = shared.settings.bearerToken,
            !BearerToken.matches(head.headers.first(name: "Authorization"), expected: token)
        {
            var refusal = jsonError(
                .unauthorized, nil,
                .invalidRequest(
                    "Unauthorized: send Authorization: Bearer <token> with the token the operator "
                        + "configured"))
            refusal.headers.add(name: "WWW-Authenticate", value: authenticateChallenge(head))
            decided = refusal
            return
        }
        guard head.method == .POST || head.method == .DELETE else {
            var refusal = plain(
                .methodNotAllowed,
                "Method not allowed: send each JSON-RPC message as a POST (DELETE ends a session); this server "
                    + "opens no standalone GET stream: its messages to the client travel on the stream of the POST "
                    + "they belong to"
            )
            refusal.headers.add(name: "Allow", value: "POST, DELETE")
            decided = refusal
            return
        }
        if let length = head.headers.first(name: "Content-Length").flatMap(Int.init),
            length > shared.settings.maxBodyBytes
        {
            decided = tooLarge()
        }
    }

    /// The body is kept up to the limit; past it the request is refused with 413 once its body has been read (and
    /// dropped), so the client can read the answer. A sender going on past 16 times the limit is answered and cut off.
    private func receiveBody(_ buffer: inout ByteBuffer, context: ChannelHandlerContext) {
        guard head != nil else { return }
        if decided != nil {
            discarded += buffer.readableBytes
            if discarded > 16 * shared.settings.maxBodyBytes, let refusal = decided {
                head = nil
                decided = nil
                respond(refusal, keepAlive: false, context: context)
            }
            return
        }
        if (body?.readableBytes ?? 0) + buffer.readableBytes > shared.settings.maxBodyBytes {
            body = nil
            decided = tooLarge()
            return
        }
        if body == nil { body = buffer } else { body!.writeBuffer(&buffer) }
    }

    private func tooLarge() -> Decided {
        var refusal = jsonError(
            .payloadTooLarge, nil,
            .invalidRequest(
                "Request body larger than \(shared.settings.maxBodyBytes) bytes; send a smaller message "
                    + "(limit set by --http-max-body-bytes)"
            ))
        refusal.close = true
        return refusal
    }

    // MARK: End

    private func receiveEnd(context: ChannelHandlerContext) {
        guard let head else { return }
        self.head = nil
        if let decided {
            self.decided = nil
            respond(decided, keepAlive: head.isKeepAlive && !decided.close, context: context)
            return
        }
        let bytes = body.map { Array($0.readableBytesView) } ?? []
        body = nil
        if head.method == .DELETE {
            endSession(head, context: context)
            return
        }
        let message: JSONValue
        switch shared.server.parseMessage(bytes) {
        case .refused(let error):
            let refusal = Decided(.badRequest, contentType("application/json"), Array(error.encoded()))
            respond(refusal, keepAlive: head.isKeepAlive, context: context)
            return
        case .message(let value):
            message = value
        }
        let sessionID = head.headers.first(name: "Mcp-Session-Id")
        if sessionID != nil || Self.startsHandshake(message, head.headers) {
            serveHandshake(message, sessionID: sessionID, head: head, context: context)
            return
        }
        let id = message["id"].flatMap(RequestID.init)
        guard message["method"] != nil else {
            respond(
                jsonError(
                    .badRequest, id,
                    .invalidRequest(
                        "Invalid request: a client sends requests and notifications only; this revision has "
                            + "no server-to-client requests to answer"
                    )), keepAlive: head.isKeepAlive, context: context)
            return
        }
        guard message["id"] != nil else {
            // Notifications have no effect over HTTP (closing the stream cancels), but are accepted.
            respond(Decided(.accepted, HTTPHeaders(), []), keepAlive: head.isKeepAlive, context: context)
            return
        }
        if case .refused(let error) = HeaderCheck.check(head.headers, message: message) {
            let refusal = jsonError(HTTPExchangeSink.status(for: ["error": error.json]), id, error)
            respond(refusal, keepAlive: head.isKeepAlive, context: context)
            return
        }
        let server = shared.server
        startExchange(head: head, id: id, context: context) { sink in
            await server.exchange(message, sink: sink, transport: .http)
        }
    }

    /// Runs one request within the client's concurrency limit, its answer going to a sink on this connection.
    func startExchange(
        head: HTTPRequestHead, id: RequestID?, handshake: Bool = false, successHeaders: HTTPHeaders = [:],
        context: ChannelHandlerContext, run: @escaping @Sendable (HTTPExchangeSink) async -> Void
    ) {
        let client = context.remoteAddress?.ipAddress ?? "unknown"
        switch shared.limiter.acquire(client) {
        case .client?:
            var refusal = jsonError(
                .tooManyRequests, id,
                JSONRPCError(
                    code: JSONRPCError.Code.internalError,
                    message:
                        "Too many requests: this client already has \(shared.settings.maxRequestsPerClient) "
                        + "running; wait for one to finish (limit set by --http-max-requests-per-client)"
                ))
            refusal.headers.add(name: "Retry-After", value: "1")
            respond(refusal, keepAlive: head.isKeepAlive, context: context)
            return
        case .server?:
            var refusal = jsonError(
                .serviceUnavailable, id,
                JSONRPCError(
                    code: JSONRPCError.Code.internalError,
                    message: "Server busy: too many requests "
                        + "are running; retry shortly"))
            refusal.headers.add(name: "Retry-After", value: "1")
            respond(refusal, keepAlive: head.isKeepAlive, context: context)
            return
        case nil:
            break
        }
        let sink = HTTPExchangeSink(
            channel: context.channel, acceptsEventStream: Self.acceptsEventStream(head), keepAlive: head.isKeepAlive,
            redactor: shared.redactor, handshake: handshake, successHeaders: successHeaders
        ) { [limiter = shared.limiter] in limiter.release(client) }
        exchange = Task {
            await run(sink)
            sink.finish()
        }
    }

    static func acceptsEventStream(_ head: HTTPRequestHead) -> Bool {
        head.headers[canonicalForm: "Accept"].contains { $0.lowercased().hasPrefix("text/event-stream") }
    }

    // MARK: Responses

    /// A response the handler writes itself (not the core's).
    struct Decided: Sendable {
        var status: HTTPResponseStatus
        var headers: HTTPHeaders
        var body: [UInt8]
        /// Close the connection after it (a refused body may not have been read to its end).
        var close = false

        init(_ status: HTTPResponseStatus, _ headers: HTTPHeaders, _ body: [UInt8]) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    func respond(_ response: Decided, keepAlive: Bool, context: ChannelHandlerContext) {
        Self.respond(response, keepAlive: keepAlive, channel: context.channel)
    }

    /// Writes a whole response; callable from any thread (the answers of work done in a task).
    static func respond(_ response: Decided, keepAlive: Bool, channel: any Channel) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        let responseHead = HTTPResponseHead(version: .http1_1, status: response.status, headers: headers)
        channel.write(HTTPServerResponsePart.head(responseHead), promise: nil)
        if !response.body.isEmpty {
            channel.write(
                HTTPServerResponsePart.body(.byteBuffer(channel.allocator.buffer(bytes: response.body))),
                promise: nil)
        }
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    func contentType(_ type: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: type)
        return headers
    }

    func plain(_ status: HTTPResponseStatus, _ text: String) -> Decided {
        Decided(status, contentType("text/plain; charset=utf-8"), Array((text + "\n").utf8))
    }

    func jsonError(_ status: HTTPResponseStatus, _ id: RequestID?, _ error: JSONRPCError) -> Decided {
        let body: JSONValue = ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": error.json]
        return Decided(status, contentType("application/json"), Array(body.encoded()))
    }

    /// Loopback origins always (a page served from this machine), others only when the operator lists them exactly.
    private func originAllowed(_ origin: String) -> Bool {
        if shared.settings.allowedOrigins.contains(origin) { return true }
        guard let components = URLComponents(string: origin), let scheme = components.scheme,
            scheme == "http" || scheme == "https", let host = components.host
        else { return false }
        return HTTPServerSettings.isLoopback(host)
    }
}
