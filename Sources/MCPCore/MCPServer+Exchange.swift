extension MCPServer {
    /// Serves one stateless (2026-07-28) message on its own: the way a Streamable HTTP POST is served, and the way
    /// tests drive the core in-process. Everything the request sends (progress, logs, its response) goes to `sink`
    /// and to nothing else, so the answer reaches the exchange that asked for it. Returns once the request is
    /// answered; cancelling the calling task cancels the request, which then sends nothing more.
    public func exchange(_ message: JSONValue, sink: any MessageSink, transport: TransportKind = .http) async {
        let connection = Connection(writer: sink, transport: transport, maxInFlight: 1, maxInFlightBytes: .max)
        await connection.setEra(.stateless)
        await serve(message, alone: connection)
    }

    /// Serves `message` on a connection of its own until its request is answered; cancelling the calling task
    /// cancels the request.
    func serve(_ message: JSONValue, alone connection: Connection) async {
        await withTaskCancellationHandler {
            if let reply = await handle(message, connection: connection, inBatch: false) {
                connection.writer.write(reply)
            }
            if Task.isCancelled { await connection.cancelAll() }
            await connection.waitUntilIdle()
        } onCancel: {
            Task { await connection.cancelAll() }
        }
    }

    /// The methods a stateless exchange answers (others get -32601), for transports that map that error to a status.
    public static var statelessMethodNames: Set<String> { statelessMethods }
}

/// One message body as a transport received it: a JSON-RPC message, or the error that answers it.
public enum ParsedMessage: Sendable {
    case message(JSONValue)
    /// The body was refused before it became a message (not JSON, too deep, a batch); send this error.
    case refused(JSONValue)
}

extension MCPServer {
    /// Parses one message body with the same checks as a stdio line (UTF-8, nesting depth, integral ids).
    public func parseMessage(_ bytes: [UInt8]) -> ParsedMessage {
        switch decode(bytes) {
        case .blank:
            return .refused(
                Message.error(
                    id: nil,
                    JSONRPCError(
                        code: JSONRPCError.Code.parseError,
                        message: "Parse error: the body is "
                            + "empty; send one JSON-RPC message")))
        case .reply(let reply):
            return .refused(reply)
        case .batch:
            return .refused(
                Message.error(
                    id: nil,
                    .invalidRequest(
                        "Invalid request: JSON-RPC batches are not supported; send one "
                            + "message per request")))
        case .message(let value):
            return .message(value)
        }
    }
}
