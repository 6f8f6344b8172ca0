import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `vod-mcp` binary over pipes, for tests that must kill it or read its memory use.
final class MCPProcess: @unchecked Sendable {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vod-mcp")
    }

    static var available: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    private var buffer = Data()

    init(arguments: [String], environment: [String: String], directory: URL) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("ALIBABA_CLOUD_") || key.hasPrefix("VOD_MCP_") { env[key] = nil }
        env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let chunk = handle.availableData
            guard let self, !chunk.isEmpty else { return }
            self.lock.withLock {
                self.buffer.append(chunk)
                while let newline = self.buffer.firstIndex(of: 0x0A) {
                    self.lines.append(String(decoding: self.buffer[self.buffer.startIndex..<newline], as: UTF8.self))
                    self.buffer.removeSubrange(self.buffer.startIndex...newline)
                }
            }
        }
        try process.run()
    }

    func send(_ object: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: object)
        data.append(0x0A)
        input.fileHandleForWriting.write(data)
    }

    func initialize() async throws {
        try send([
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": ["protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any], "clientInfo": ["name": "test", "version": "1"]],
        ])
        _ = try await response(id: 0, timeout: .seconds(20))
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    /// Calls a tool with a progress token.
    func callTool(id: Int, _ name: String, _ arguments: [String: Any]) throws {
        try send([
            "jsonrpc": "2.0", "id": id, "method": "tools/call",
            "params": ["name": name, "arguments": arguments, "_meta": ["progressToken": "t\(id)"]],
        ])
    }

    /// Waits for the next message matching `predicate`; earlier ones are dropped.
    func next(timeout: Duration, where predicate: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let line: String? = lock.withLock { lines.isEmpty ? nil : lines.removeFirst() }
            if let line {
                if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any], predicate(object) {
                    return object
                }
                continue
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CocoaError(.fileReadUnknown)
    }

    func response(id: Int, timeout: Duration) async throws -> [String: Any] {
        try await next(timeout: timeout) { ($0["id"] as? Int) == id }
    }

    /// Peak resident memory (VmHWM) in bytes, from /proc.
    func peakRSS() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
        return kilobytes.map { $0 * 1024 }
    }

    func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    func close() {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        kill()
        output.fileHandleForReading.readabilityHandler = nil
    }
}
