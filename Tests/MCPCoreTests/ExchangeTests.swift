import Foundation
import Testing

@testable import MCPCore

/// Collects what the core sends to one exchange.
private final class CollectingSink: MessageSink, @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [JSONValue] = []

    func write(_ message: JSONValue) -> Bool {
        lock.withLock { messages.append(message) }
        return true
    }

    func writeDroppable(_ message: JSONValue) -> Bool { write(message) }

    var all: [JSONValue] { lock.withLock { messages } }
}

/// Tools: `echo` returns its arguments and the transport; `slow` reports progress, then waits until cancelled.
private final class ExchangeDelegate: MCPServerDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var sawCancellation = false
    var cancelled: Bool { lock.withLock { sawCancellation } }

    func listTools(context: RequestContext) async -> [JSONValue] {
        [["name": "echo", "inputSchema": ["type": "object"]], ["name": "slow", "inputSchema": ["type": "object"]]]
    }

    func callTool(name: String, arguments: [String: JSONValue], context: RequestContext) async throws -> ToolOutcome {
        if name == "slow" {
            await context.reportProgress(1, total: 2)
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                lock.withLock { sawCancellation = true }
                throw error
            }
        }
        let transport: JSONValue = context.transport == .http ? "http" : "stdio"
        let structured: JSONValue = ["arguments": .object(arguments), "transport": transport]
        return .complete(["content": [], "structuredContent": structured])
    }

    func listResources(context: RequestContext) async -> [JSONValue] { [] }
    func readResource(uri: String, context: RequestContext) async throws -> [JSONValue]? { nil }
}

private func request(_ id: Int64, _ method: String, _ params: [String: JSONValue] = [:]) -> JSONValue {
    var params = params
    var meta = params["_meta"]?.objectValue ?? [:]
    meta["io.modelcontextprotocol/protocolVersion"] = "2026-07-28"
    meta["io.modelcontextprotocol/clientCapabilities"] = [:]
    params["_meta"] = .object(meta)
    return ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": .object(params)]
}

@Suite struct ExchangeTests {
    private let server = MCPServer(
        configuration: MCPServerConfiguration(name: "t", version: "1"), delegate: ExchangeDelegate())

    @Test func eachExchangeGetsItsOwnProgressAndResponse() async {
        let sinks = (1...8).map { _ in CollectingSink() }
        await withTaskGroup(of: Void.self) { group in
            for (index, sink) in sinks.enumerated() {
                let message = request(
                    Int64(index), "tools/call",
                    [
                        "name": "echo", "arguments": ["n": .int(Int64(index))],
                        "_meta": ["progressToken": .int(Int64(index))],
                    ])
                group.addTask { await server.exchange(message, sink: sink, transport: .http) }
            }
        }
        for (index, sink) in sinks.enumerated() {
            let messages = sink.all
            #expect(messages.count == 1, "one response per exchange, nothing from the others")
            #expect(messages.last?["id"] == .int(Int64(index)))
            #expect(messages.last?["result"]?["structuredContent"]?["arguments"]?["n"] == .int(Int64(index)))
            #expect(messages.last?["result"]?["structuredContent"]?["transport"] == "http")
        }
    }

    @Test func progressPrecedesTheResponseOnTheSameSink() async throws {
        let delegate = ExchangeDelegate()
        let server = MCPServer(configuration: MCPServerConfiguration(name: "t", version: "1"), delegate: delegate)
        let sink = CollectingSink()
        let message = request(7, "tools/call", ["name": "slow", "_meta": ["progressToken": "p"]])
        let exchange = Task { await server.exchange(message, sink: sink, transport: .http) }
        while sink.all.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
        #expect(sink.all.first?["method"] == "notifications/progress")
        #expect(sink.all.first?["params"]?["progressToken"] == "p")
        exchange.cancel()
        await exchange.value
        #expect(delegate.cancelled, "cancelling the exchange cancels the tool")
        #expect(sink.all.count == 1, "a cancelled request sends no response")
    }

    @Test func errorsAndInlineAnswersComeBackOnTheSink() async {
        let unknown = CollectingSink()
        await server.exchange(request(1, "no/such"), sink: unknown)
        #expect(unknown.all.first?["error"]?["code"] == .int(-32601))
        let initialize = CollectingSink()
        await server.exchange(
            ["jsonrpc": "2.0", "id": 2, "method": "initialize", "params": ["protocolVersion": "2025-11-25"]],
            sink: initialize)
        #expect(initialize.all.first?["error"]?["code"] == .int(Int64(JSONRPCError.Code.unsupportedProtocolVersion)))
        let discover = CollectingSink()
        await server.exchange(request(3, "server/discover"), sink: discover)
        #expect(discover.all.first?["result"]?["supportedVersions"] == ["2026-07-28"])
    }

    @Test func parseMessageRefusesWhatAStdioLineWouldRefuse() {
        guard case .refused(let deep) = server.parseMessage(Array(String(repeating: "[", count: 100).utf8)) else {
            Issue.record("a 100-deep document was accepted")
            return
        }
        #expect(deep["error"]?["code"] == .int(-32700))
        guard case .refused(let batch) = server.parseMessage(Array("[{}]".utf8)) else {
            Issue.record("a batch was accepted")
            return
        }
        #expect(batch["error"]?["code"] == .int(-32600))
        guard case .message = server.parseMessage(Array(#"{"jsonrpc":"2.0","id":1,"method":"x"}"#.utf8)) else {
            Issue.record("a plain request was refused")
            return
        }
    }
}
