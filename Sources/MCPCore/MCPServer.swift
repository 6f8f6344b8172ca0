import Foundation
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

    public init(configuration: MCPServerConfiguration, delegate: any MCPServerDelegate, logger: Logger? = nil) {
        self.configuration = configuration
        self.delegate = delegate
        self.logger = logger ?? Logger(label: "vod-mcp.protocol")
    }

    /// Serves until end of input, then lets in-flight requests finish within the exit grace period and returns.
    public func run(input: Int32 = 0, output: Int32 = 1) async {
        let connection = Connection(writer: OutputWriter(descriptor: output))
        for await event in LineReader.lines(descriptor: input, limit: configuration.maxMessageBytes) {
            switch event {
            case .line(let bytes):
                await receive(bytes, connection: connection)
            case .tooLong(let limit):
                logger.warning("dropped an input line longer than \(limit) bytes")
                connection.writer.write(
                    Message.error(
                        id: nil,
                        JSONRPCError(
                            code: JSONRPCError.Code.parseError,
                            message:
                                "Parse error: message longer than \(limit) bytes was dropped; send smaller messages (limit set by --max-message-bytes)"
                        )))
            case .endOfInput:
                await drain(connection)
                return
            }
        }
    }

    private func drain(_ connection: Connection) async {
        let deadline = ContinuousClock.now + configuration.exitGrace
        while await connection.inflightCount > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if await connection.inflightCount > 0 {
            let unfinished = await connection.inflightCount
            logger.info("end of input: cancelling \(unfinished) unfinished request(s)")
            await connection.cancelAll()
            await connection.failAllPending()
            let settle = ContinuousClock.now + .milliseconds(300)
            while await connection.inflightCount > 0, ContinuousClock.now < settle {
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        await tasks.cancelAll()
    }

    // MARK: Parsing

    /// Deepest nesting accepted; deeper documents are refused before they are decoded.
    static let maxDepth = 64

    private func receive(_ bytes: [UInt8], connection: Connection) async {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        if let problem = Self.structuralProblem(bytes) {
            connection.writer.write(
                Message.error(id: nil, JSONRPCError(code: JSONRPCError.Code.parseError, message: "Parse error: \(problem)")))
            return
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(Data(bytes))
        } catch {
            connection.writer.write(
                Message.error(
                    id: nil,
                    JSONRPCError(
                        code: JSONRPCError.Code.parseError,
                        message: "Parse error: the line is not valid JSON (one UTF-8 JSON-RPC message per line expected)")))
            return
        }
        if case .array(let batch) = value {
            await receiveBatch(batch, connection: connection)
            return
        }
        if case .int? = value["id"], RequestIDLexeme.hasNonIntegralNumericID(bytes) {
            connection.writer.write(
                Message.error(
                    id: nil,
                    .invalidRequest(
                        "Invalid request: \"id\" must be an integer or a string; a number with a fraction or exponent is neither")))
            return
        }
        if let reply = await handle(value, connection: connection, inBatch: false) {
            connection.writer.write(reply)
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

    private func receiveBatch(_ batch: [JSONValue], connection: Connection) async {
        guard case .handshake(let version?, _, _) = await connection.era, version == "2025-03-26", !batch.isEmpty else {
            connection.writer.write(
                Message.error(
                    id: nil,
                    .invalidRequest("Invalid request: JSON-RPC batches are not supported; send one message per line")))
            return
        }
        var replies: [JSONValue] = []
        for element in batch {
            if let reply = await handle(element, connection: connection, inBatch: true) { replies.append(reply) }
        }
        if !replies.isEmpty { connection.writer.write(.array(replies)) }
    }

    // MARK: Classification

    /// Handles one message. Returns an immediate reply (errors, inline methods, batch members); other responses are
    /// written by the request's task.
    func handle(_ message: JSONValue, connection: Connection, inBatch: Bool) async -> JSONValue? {
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
                id: nil, .invalidRequest("Invalid request: \"id\" must be an integer or a string, not \(rawID.kindName)"))
        }
        if configuration.sequential, let current = params {
            do {
                params = try ScriptReferences.resolve(.object(current), results: await connection.scriptResults).objectValue
            } catch let error as JSONRPCError {
                return Message.error(id: id, error)
            } catch {
                return Message.error(id: id, .internalError("Internal error while resolving script references"))
            }
        }
        if await connection.isInFlight(id) {
            return Message.error(id: id, .invalidRequest("Invalid request: id \(id) is already in use by a running request"))
        }
        return await route(id: id, method: method, params: params, connection: connection, inBatch: inBatch)
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
