import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The built `vod-mcp` binary running over real pipes.
final class ServerProcess: @unchecked Sendable {
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("vod-mcp")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private let lock = NSLock()
    private var lines: [String] = []
    private var stdoutClosed = false
    private var stderrText = Data()
    private let lineSignal = DispatchSemaphore(value: 0)

    init(arguments: [String], environment: [String: String] = [:], directory: URL? = nil) throws {
        process.executableURL = Self.binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["HOME"] = FileManager.default.temporaryDirectory.appendingPathComponent("vod-mcp-test-home").path
        env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
        for key in env.keys where key.hasPrefix("ALIBABA_CLOUD_ACCESS") || key.hasPrefix("VOD_MCP_") { env[key] = nil }
        for (key, value) in environment { env[key] = value }
        process.environment = env
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

    func send(_ text: String) {
        stdinPipe.fileHandleForWriting.write(Data((text + "\n").utf8))
    }

    func sendBytes(_ bytes: Data) {
        stdinPipe.fileHandleForWriting.write(bytes)
    }

    func closeInput() {
        try? stdinPipe.fileHandleForWriting.close()
    }

    /// The next stdout line, or nil on timeout / end of output.
    func nextLine(timeout: TimeInterval) -> String? {
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

    /// Waits for exit; returns the status or nil on timeout.
    func waitForExit(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    var stderr: String { lock.withLock { String(decoding: stderrText, as: UTF8.self) } }

    func terminate() {
        if process.isRunning {
            process.terminate()
            _ = waitForExit(timeout: 2)
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { terminate() }
}
