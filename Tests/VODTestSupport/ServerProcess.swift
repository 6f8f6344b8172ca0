public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `vod-mcp` binary running over real pipes: the one harness every test of the binary uses.
///
/// The child gets a clean environment: no `ALIBABA_CLOUD_*` or `VOD_MCP_*` variable of the test runner, the ECS
/// metadata lookup off, and `HOME` in a scratch folder; `environment` is applied on top of that.
public final class ServerProcess: @unchecked Sendable {
    public static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vod-mcp")
    }

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The test runner's environment without credentials or server settings, plus `overrides`.
    public static func cleanEnvironment(_ overrides: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("ALIBABA_CLOUD_") || key.hasPrefix("VOD_MCP_") { env[key] = nil }
        env["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("vod-mcp-test-home").path
        env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
        for (key, value) in overrides { env[key] = value }
        return env
    }

    public let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    private var stdoutClosed = false
    private var stderrText = Data()
    private let lineSignal = DispatchSemaphore(value: 0)

    public init(arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = Self.cleanEnvironment(environment)
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
        let out = stdoutPipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = out.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    lock.withLock { lines.append(line) }
                    lineSignal.signal()
                }
            }
            lock.withLock {
                if !buffer.isEmpty { lines.append(String(decoding: buffer, as: UTF8.self)) }
                stdoutClosed = true
            }
            lineSignal.signal()
        }
        let err = stderrPipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = err.availableData
                if chunk.isEmpty { break }
                lock.withLock { stderrText.append(chunk) }
            }
        }
    }

    // MARK: Raw lines

    public func send(_ text: String) {
        stdinPipe.fileHandleForWriting.write(Data((text + "\n").utf8))
    }

    public func sendBytes(_ bytes: Data) {
        stdinPipe.fileHandleForWriting.write(bytes)
    }

    public func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// The next stdout line, or nil on timeout / end of output.
    public func nextLine(timeout: TimeInterval) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let next: String?? = lock.withLock {
                if !lines.isEmpty { return .some(lines.removeFirst()) }
                if stdoutClosed { return .some(nil) }
                return .none
            }
            if let next { return next }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            _ = lineSignal.wait(timeout: .now() + remaining)
        }
    }

    public var stderr: String { lock.withLock { String(decoding: stderrText, as: UTF8.self) } }

    // MARK: JSON-RPC messages

    public func send(_ object: [String: Any]) throws {
        var data = try JSONSerialization.data(withJSONObject: object)
        data.append(0x0A)
        stdinPipe.fileHandleForWriting.write(data)
    }

    /// The 2025-06-18 handshake: `initialize`, its answer, then `notifications/initialized`.
    public func initialize() async throws {
        try send([
            "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": [
                "protocolVersion": "2025-06-18", "capabilities": [:] as [String: Any],
                "clientInfo": ["name": "test", "version": "1"],
            ],
        ])
        _ = try await response(id: 0, timeout: .seconds(20))
        try send(["jsonrpc": "2.0", "method": "notifications/initialized"])
    }

    /// Calls a tool with a progress token.
    public func callTool(id: Int, _ name: String, _ arguments: [String: Any]) throws {
        try send([
            "jsonrpc": "2.0", "id": id, "method": "tools/call",
            "params": ["name": name, "arguments": arguments, "_meta": ["progressToken": "t\(id)"]],
        ])
    }

    /// Waits for the next message matching `predicate`; earlier ones are dropped.
    public func next(timeout: Duration, where predicate: ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let line: String? = lock.withLock { lines.isEmpty ? nil : lines.removeFirst() }
            if let line {
                if let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any],
                    predicate(object)
                {
                    return object
                }
                continue
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw CocoaError(.fileReadUnknown)
    }

    public func response(id: Int, timeout: Duration) async throws -> [String: Any] {
        try await next(timeout: timeout) { ($0["id"] as? Int) == id }
    }

    // MARK: The process

    /// Peak resident memory (VmHWM) in bytes, from /proc.
    public func peakRSS() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Int64($0) }
        return kilobytes.map { $0 * 1024 }
    }

    /// Waits for exit; returns the status or nil on timeout.
    public func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// SIGKILL, then waits for the exit.
    public func kill() {
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Closes stdin, gives the server 5 seconds to exit on its own, then kills it.
    public func close() {
        closeInput()
        _ = waitForExit(timeout: 5)
        kill()
    }

    /// SIGTERM, 2 seconds to exit, then SIGKILL.
    public func terminate() {
        if process.isRunning {
            process.terminate()
            _ = waitForExit(timeout: 2)
        }
        if process.isRunning { Glibc.kill(process.processIdentifier, SIGKILL) }
    }

    deinit { terminate() }
}

/// The name the upload tests used for the same harness.
public typealias MCPProcess = ServerProcess
