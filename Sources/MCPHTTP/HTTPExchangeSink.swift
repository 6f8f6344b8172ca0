import FoundationEssentials
import MCPCore
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

/// The reply side of one POST: the final response goes out as a JSON body, unless a notification (progress, log) or,
/// in the handshake era, a request to the client (elicitation) came first and the client accepts
/// `text/event-stream`; then the answer becomes an SSE stream scoped to the request, ending with the response.
/// Everything passes the redactor on the way out.
final class HTTPExchangeSink: MessageSink {
    private enum Phase {
        case pending
        case streaming
        case done
    }

    private let channel: any Channel
    private let acceptsEventStream: Bool
    private let keepAlive: Bool
    private let redactor: Redactor?
    private let phase = NIOLockedValueBox(Phase.pending)
    /// Runs once, when the exchange is over for the client (its response is queued, or it will get none): the
    /// client's concurrency slot is free from then on, before it can read the answer and send its next request.
    private let onDone: @Sendable () -> Void
    /// The handshake era: requests to the client may go on the stream, JSON-RPC errors travel with 200.
    private let handshake: Bool
    /// Headers the response carries when it succeeds (`Mcp-Session-Id` for `initialize`).
    private let successHeaders: HTTPHeaders

    init(
        channel: any Channel, acceptsEventStream: Bool, keepAlive: Bool, redactor: Redactor?, handshake: Bool = false,
        successHeaders: HTTPHeaders = [:], onDone: @escaping @Sendable () -> Void
    ) {
        self.channel = channel
        self.acceptsEventStream = acceptsEventStream
        self.keepAlive = keepAlive
        self.redactor = redactor
        self.handshake = handshake
        self.successHeaders = successHeaders
        self.onDone = onDone
    }

    @discardableResult
    func write(_ message: JSONValue) -> Bool {
        if message["method"] != nil {
            // A request to the client (handshake era only) opens or joins the stream; it is never dropped.
            guard handshake, acceptsEventStream else { return false }
            return phase.withLockedValue { phase in
                switch phase {
                case .done:
                    return false
                case .pending:
                    phase = .streaming
                    openStream()
                    sendEvent(message)
                    return channel.isActive
                case .streaming:
                    sendEvent(message)
                    return channel.isActive
                }
            }
        }
        return phase.withLockedValue { phase in
            switch phase {
            case .done:
                return false
            case .pending:
                phase = .done
                onDone()
                let body = scrub(message.encoded())
                var headers = Self.baseHeaders(keepAlive: keepAlive)
                if message["result"] != nil { headers.add(contentsOf: successHeaders) }
                headers.add(name: "Content-Type", value: "application/json")
                headers.add(name: "Content-Length", value: String(body.count))
                let status = handshake ? .ok : Self.status(for: message)
                send(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers)))
                send(.body(.byteBuffer(channel.allocator.buffer(bytes: body))))
                end()
                return true
            case .streaming:
                phase = .done
                onDone()
                sendEvent(message)
                end()
                return true
            }
        }
    }

    @discardableResult
    func writeDroppable(_ message: JSONValue) -> Bool {
        phase.withLockedValue { phase in
            switch phase {
            case .done:
                return false
            case .pending:
                guard acceptsEventStream else { return true }  // the client takes JSON only: no place for it
                phase = .streaming
                openStream()
                sendEvent(message)
                return true
            case .streaming:
                // A client that does not read its stream loses notifications, never the response.
                guard channel.isWritable else { return false }
                sendEvent(message)
                return true
            }
        }
    }

    /// Called when the exchange returned: a request that sent no response (cancelled) leaves the connection closed.
    func finish() {
        let unanswered = phase.withLockedValue { phase -> Bool in
            defer { phase = .done }
            return phase != .done
        }
        if unanswered {
            onDone()
            channel.close(promise: nil)
        }
    }

    /// The head of an SSE answer. `initialize` is never streamed, so no session header is needed here.
    private func openStream() {
        var headers = Self.baseHeaders(keepAlive: keepAlive)
        headers.add(name: "Content-Type", value: "text/event-stream")
        headers.add(name: "Cache-Control", value: "no-cache")
        headers.add(name: "X-Accel-Buffering", value: "no")
        send(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers)))
    }

    private func sendEvent(_ message: JSONValue) {
        var event = Array("event: message\ndata: ".utf8)
        event += scrub(message.encoded())
        event += Array("\n\n".utf8)
        send(.body(.byteBuffer(channel.allocator.buffer(bytes: event))))
        channel.flush()
    }

    private func end() {
        let keepAlive = keepAlive
        let channel = channel
        channel.writeAndFlush(HTTPServerResponsePart.end(nil)).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
        }
    }

    private func send(_ part: HTTPServerResponsePart) {
        channel.write(part, promise: nil)
    }

    private func scrub(_ data: Data) -> [UInt8] {
        Array(redactor?.scrub(data) ?? data)
    }

    static func baseHeaders(keepAlive: Bool) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        return headers
    }

    /// The status a final response travels with: 404 for an unknown method, 400 for requests refused as malformed.
    static func status(for response: JSONValue) -> HTTPResponseStatus {
        switch response["error"]?["code"]?.intValue {
        case Int64(JSONRPCError.Code.methodNotFound)?: return .notFound
        case Int64(JSONRPCError.Code.parseError)?, Int64(JSONRPCError.Code.invalidRequest)?,
            Int64(JSONRPCError.Code.unsupportedProtocolVersion)?, Int64(HeaderCheck.headerMismatch)?:
            return .badRequest
        default: return .ok
        }
    }
}
