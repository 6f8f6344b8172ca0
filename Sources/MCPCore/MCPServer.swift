public import Logging

/// An MCP server on a pair of file descriptors (stdin/stdout by default), speaking both protocol eras.
///
/// The first request decides the era for the life of the process: `initialize` or a bare request means the handshake
/// era; any other request whose `params._meta` carries `io.modelcontextprotocol/protocolVersion` means the stateless era.
public final class MCPServer: Sendable {
    let configuration: MCPServerConfiguration
    let delegate: any MCPServerDelegate
    let logger: Logger
    let tasks = TaskStore()
    /// Running HTTP exchanges of the handshake era, for the answers and cancellations that follow them.
    let exchangeRoutes = ExchangeRoutes()

    public init(configuration: MCPServerConfiguration, delegate: any MCPServerDelegate, logger: Logger? = nil) {
        self.configuration = configuration
        self.delegate = delegate
        self.logger = logger ?? Logger(label: "vod-mcp.protocol")
    }

    /// Serves until end of input, then lets in-flight requests finish within the exit grace period and returns.
    ///
    /// Every buffer between the pipes is bounded: the reader hands on at most `inputBufferBytes` of unhandled lines,
    /// takes no new line while more than `outputBufferBytes` wait to be written, and starts a request only within
    /// `maxInFlightRequests` / `maxInFlightBytes`. A client that stops reading its replies therefore makes the server
    /// stop reading stdin (backpressure) instead of growing. The reader never waits for a handler or for admission:
    /// requests go, in order, to a dispatcher (which in sequential mode also waits for each to finish), while answers
    /// to the server's own requests (elicitation) and cancellations are handled as soon as they are read.
    public func run(input: Int32 = 0, output: Int32 = 1) async {
        let writer = OutputWriter(
            descriptor: output, limit: configuration.outputBufferBytes, redactor: configuration.redactor)
        let connection = Connection(
            writer: writer, maxInFlight: configuration.maxInFlightRequests,
            maxInFlightBytes: configuration.maxInFlightBytes)
        let budget = LineBudget(limit: configuration.inputBufferBytes)
        // The dispatcher: takes requests (and everything else answered in order) in arrival order, waits for admission
        // and starts them; in sequential mode it also waits for each to finish. Its backlog is bounded too.
        let (ordered, orderedContinuation) = AsyncStream.makeStream(of: (Incoming, Int).self)
        let orderedBudget = AdmissionBudget(maxCount: .max, maxBytes: configuration.inputBufferBytes)
        let dispatcher = Task {
            for await (incoming, cost) in ordered {
                await self.process(incoming, cost: cost, connection: connection)
                await orderedBudget.release(cost)
            }
        }
        for await event in LineReader.lines(descriptor: input, limit: configuration.maxMessageBytes, budget: budget) {
            switch event {
            case .line(let bytes):
                await writer.waitForRoom()
                let incoming = decode(bytes)
                if incoming.bypassesOrder {
                    await process(incoming, cost: bytes.count, connection: connection)
                } else {
                    // Waits (and so stops reading) only while the dispatcher's backlog is full.
                    await orderedBudget.acquire(bytes.count)
                    if let id = incoming.requestID { await connection.noteWaiting(id) }
                    orderedContinuation.yield((incoming, bytes.count))
                }
                budget.give(bytes.count)
            case .tooLong(let limit):
                logger.warning("dropped an input line longer than \(limit) bytes")
                let reply = Message.error(
                    id: nil,
                    JSONRPCError(
                        code: JSONRPCError.Code.parseError,
                        message:
                            "Parse error: message longer than \(limit) bytes was dropped; send smaller messages (limit set by --max-message-bytes)"
                    ))
                await writer.waitForRoom()
                await orderedBudget.acquire(0)
                orderedContinuation.yield((.reply(reply), 0))
            case .endOfInput:
                // No answer to a question of ours can arrive any more: the requests waiting for one stop waiting.
                await connection.closeInput()
                orderedContinuation.finish()
                await dispatcher.value
                await drain(connection)
                await writer.close()
                return
            }
        }
    }

    private func drain(_ connection: Connection) async {
        let deadline = ContinuousClock.now + configuration.exitGrace
        while await connection.busy, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if await connection.busy {
            let unfinished = await connection.inflightCount
            logger.info("end of input: cancelling \(unfinished) unfinished request(s)")
            await connection.cancelAll()
            await connection.failAllPending()
            let settle = ContinuousClock.now + .milliseconds(300)
            while await connection.busy, ContinuousClock.now < settle {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        await tasks.cancelAll()
    }

    // MARK: Parsing

    /// Deepest nesting accepted; deeper documents are refused before they are decoded.
    static let maxDepth = 64

    /// One input line, decoded.
    enum Incoming: Sendable {
        case blank
        /// The line was refused before it became a message; this is the error to send.
        case reply(JSONValue)
        case message(JSONValue)
        case batch([JSONValue])

        /// Responses to the server's requests and cancellations are handled as soon as they are read, even in
        /// sequential mode: they belong to the request that is running, not to the queue behind it.
        var bypassesOrder: Bool {
            guard case .message(let value) = self else { return self.isBlank }
            if value["method"] == nil { return value["result"] != nil || value["error"] != nil }
            return value["method"] == "notifications/cancelled" && value["id"] == nil
        }

        /// The id of a request (not a notification or a batch).
        var requestID: RequestID? {
            guard case .message(let value) = self, value["method"] != nil else { return nil }
            return value["id"].flatMap(RequestID.init)
        }

        private var isBlank: Bool {
            if case .blank = self { return true }
            return false
        }
    }

    func decode(_ bytes: [UInt8]) -> Incoming {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        if let problem = Self.structuralProblem(bytes) {
            return .reply(
                Message.error(
                    id: nil, JSONRPCError(code: JSONRPCError.Code.parseError, message: "Parse error: \(problem)")))
        }
        let value: JSONValue
        do {
            value = try bytes.withUnsafeBytes { buffer throws(JSONParseError) in try JSONValue.parse(utf8: buffer) }
        } catch {
            return .reply(
                Message.error(
                    id: nil,
                    JSONRPCError(
                        code: JSONRPCError.Code.parseError,
                        message: "Parse error: the line is not valid JSON: \(error) "
                            + "(one UTF-8 JSON-RPC message per line expected)")))
        }
        if case .array(let batch) = value { return .batch(batch) }
        if case .int? = value["id"], RequestIDLexeme.hasNonIntegralNumericID(bytes) {
            return .reply(
                Message.error(
                    id: nil,
                    .invalidRequest(
                        "Invalid request: \"id\" must be an integer or a string; a number with a fraction or exponent is neither"
                    )))
        }
        return .message(value)
    }

    /// Handles one decoded line; in sequential mode, until its answer is written.
    private func process(_ incoming: Incoming, cost: Int, connection: Connection) async {
        switch incoming {
        case .blank:
            return
        case .reply(let reply):
            connection.writer.write(reply)
        case .batch(let batch):
            await receiveBatch(batch, cost: cost, connection: connection)
        case .message(let value):
            let id = incoming.requestID
            if let id, await connection.dropIfCancelledWhileWaiting(id) { return }
            let reply = await handle(value, connection: connection, inBatch: false, cost: cost)
            if let id { await connection.doneWaiting(id) }
            if let reply { connection.writer.write(reply) }
        }
    }

    /// Checks nesting depth and UTF-8 validity without recursion.
    static func structuralProblem(_ bytes: [UInt8]) -> String? {
        if String(validating: bytes, as: UTF8.self) == nil { return "the line is not valid UTF-8" }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return "nesting deeper than \(maxDepth) levels" }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return nil
    }

    /// Answers a 2025-03-26 batch with one array once every member is done. Members run as ordinary registered
    /// requests (cancellable, able to ask the client), and the reader goes on meanwhile.
    private func receiveBatch(_ batch: [JSONValue], cost: Int, connection: Connection) async {
        guard case .handshake(let version?, _, _) = await connection.era, version == "2025-03-26", !batch.isEmpty else {
            connection.writer.write(
                Message.error(
                    id: nil,
                    .invalidRequest("Invalid request: JSON-RPC batches are not supported; send one message per line")))
            return
        }
        enum Slot: Sendable {
            case ready(JSONValue)
            case running(Task<JSONValue?, Never>)
        }
        var slots: [Slot] = []
        let share = cost / batch.count
        for element in batch {
            if let reply = await handle(element, connection: connection, inBatch: true, cost: share) {
                slots.append(.ready(reply))
            } else if let id = element["id"].flatMap(RequestID.init), element["method"] != nil,
                let member = await connection.takeBatchMember(id)
            {
                slots.append(.running(member))
            }
        }
        await connection.beginBatch()
        let collector = Task {
            var replies: [JSONValue] = []
            for slot in slots {
                switch slot {
                case .ready(let reply): replies.append(reply)
                case .running(let member): if let reply = await member.value { replies.append(reply) }
                }
            }
            if !replies.isEmpty { connection.writer.write(.array(replies)) }
            await connection.endBatch()
        }
        if configuration.sequential { await collector.value }
    }

    // MARK: Classification

    /// Handles one message. Returns an immediate reply (errors, inline methods, batch members); other responses are
    /// written by the request's task.
    func handle(_ message: JSONValue, connection: Connection, inBatch: Bool, cost: Int = 0) async -> JSONValue? {
        guard case .object(let object) = message else {
            return Message.error(id: nil, .invalidRequest("Invalid request: a JSON-RPC message must be a JSON object"))
        }
        let rawID = object["id"]
        let readableID = rawID.flatMap(RequestID.init)
        guard object["jsonrpc"] == .string("2.0") else {
            return Message.error(id: readableID, .invalidRequest("Invalid request: \"jsonrpc\" must be \"2.0\""))
        }
        guard let methodValue = object["method"] else {
            if let readableID, object["result"] != nil || object["error"] != nil {
                await connection.deliverResponse(id: readableID, result: object["result"], error: object["error"])
                return nil
            }
            return Message.error(id: readableID, .invalidRequest("Invalid request: missing \"method\""))
        }
        guard case .string(let method) = methodValue else {
            return Message.error(id: readableID, .invalidRequest("Invalid request: \"method\" must be a string"))
        }
        var params: [String: JSONValue]?
        switch object["params"] {
        case nil, .null?: params = nil
        case .object(let members)?: params = members
        default:
            if rawID == nil { return nil }
            return Message.error(id: readableID, .invalidParams("Invalid params: \"params\" must be an object"))
        }
        guard let rawID else {
            await handleNotification(method, params: params, connection: connection)
            return nil
        }
        guard let id = RequestID(rawID) else {
            return Message.error(
                id: nil,
                .invalidRequest("Invalid request: \"id\" must be an integer or a string, not \(rawID.kindName)"))
        }
        if configuration.sequential, let current = params {
            do {
                params = try ScriptReferences.resolve(.object(current), results: await connection.scriptResults)
                    .objectValue
            } catch let error as JSONRPCError {
                return Message.error(id: id, error)
            } catch {
                return Message.error(id: id, .internalError("Internal error while resolving script references"))
            }
        }
        if await connection.rejectReuse(id) {
            return Message.error(
                id: id,
                .invalidRequest(
                    "Invalid request: id \(Clip.text(id.description)) was sent again while the request with that id was "
                        + "running; that request was cancelled and this one was not run, so this error is the only "
                        + "answer to the id. Use a new id for every request"))
        }
        return await route(id: id, method: method, params: params, connection: connection, inBatch: inBatch, cost: cost)
    }

    private func handleNotification(_ method: String, params: [String: JSONValue]?, connection: Connection) async {
        switch method {
        case "notifications/cancelled":
            if let raw = params?["requestId"], let id = RequestID(raw) { await connection.cancel(id) }
        default:
            break  // initialized, roots/list_changed, unknown: nothing to do.
        }
    }
}
