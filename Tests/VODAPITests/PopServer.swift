import CurlHTTP
import Foundation

/// Runs `Fixtures/pop_server.py` on 127.0.0.1 for one test; stops when released (or when the test process exits).
final class PopServer: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/pop_server.py").path

    let process = Process()
    private let input = Pipe()
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(keys: [String] = ["testid:testsecret", "STS.testid:stssecret:STS.tok/en+abc=SECRETTOKEN"]) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.script, "--exit-on-eof"] + keys.flatMap { ["--key", $0] }
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = [UInt8]()
        let handle = output.fileHandleForReading
        while true {
            let byte = try handle.read(upToCount: 1) ?? Data()
            guard let first = byte.first else { break }
            if first == UInt8(ascii: "\n") { break }
            line.append(first)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            throw ServerError.noPort
        }
        self.port = port
    }

    enum ServerError: Error { case noPort }

    deinit {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// Stops the server and waits until it has exited.
    func stop() async throws {
        process.terminate()
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
    }

    struct Entry: Decodable {
        var action: String
        var method: String
        var version: String
        var nonce: String
        var faultKey: String?
        var port: Int
        var userAgent: String
    }

    /// Every request the server has seen.
    func log(transport: any HTTPTransport) async throws -> [Entry] {
        let response = try await transport.send(HTTPRequest(method: "GET", url: baseURL + "/__log"))
        return try JSONDecoder().decode([Entry].self, from: Data(response.body))
    }
}
