import CurlHTTP
import Foundation
import Testing

/// A tiny loopback echo server: replies with the method, body length and SHA-256 of the body it received;
/// `/big` sends 1 MiB of `x`; `/hang` sleeps 10 s; `/headers` sends headers with odd spacing, a repeat and a Latin-1
/// byte.
final class EchoServer: @unchecked Sendable {
    static let script = #"""
        import hashlib, json, signal, sys, threading, os, time
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True
            def log_message(self, *a): pass
            def go(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                if self.path == "/hang": time.sleep(10)
                if self.path == "/headers":
                    self.send_response(200); self.send_header("Content-Length", "0")
                    self.send_header("X-Pad", "\t padded  value \t"); self.send_header("X-Dup", "1")
                    self.send_header("x-DUP", "2"); self.send_header("X-Latin", "caf\xe9")
                    self.send_header("X-Empty", "")
                    self.end_headers(); return
                if self.path == "/big": data = b"x" * (1 << 20)
                else: data = json.dumps({"method": self.command, "length": len(body), "sha256": hashlib.sha256(body).hexdigest(),
                    "ua": self.headers.get("User-Agent"), "ct": self.headers.get("Content-Type"), "x": self.headers.get("X-Test"),
                    "sum": sum(body), "first": body[0] if body else -1}).encode()
                self.send_response(200); self.send_header("Content-Length", str(len(data))); self.send_header("X-Reply", "yes")
                self.end_headers(); self.wfile.write(data)
            do_GET = do_POST = do_PUT = do_DELETE = go
        s = ThreadingHTTPServer(("127.0.0.1", 0), H); s.daemon_threads = True
        print(s.server_address[1], flush=True)
        threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        s.serve_forever()
        """#
    let process = Process()
    private let input = Pipe()
    let port: Int

    init() throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script]
        process.standardOutput = output
        process.standardInput = input
        try process.run()
        var line = [UInt8]()
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        port = Int(String(decoding: line, as: UTF8.self)) ?? 0
    }

    deinit {
        try? input.fileHandleForWriting.close()
        process.terminate()
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
}

func echo(_ response: HTTPResponse) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
}

func temporaryFile(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("curlhttp-\(UUID().uuidString)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

@Suite(.serialized, .timeLimit(.minutes(1)))
final class CurlTransportTests {
    let server: EchoServer
    let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/9.9"))

    init() throws { server = try EchoServer() }

    @Test func sendsMethodsHeadersAndBytes() async throws {
        let body = Array("hello".utf8)
        let response = try await transport.send(
            HTTPRequest(method: "PUT", url: server.url("/p"), headers: [("X-Test", "1")], body: .bytes(body)))
        #expect(response.status == 200)
        #expect(response.headers["x-reply"] == "yes")
        let json = try echo(response)
        #expect(json["method"] as? String == "PUT")
        #expect(json["length"] as? Int == 5)
        #expect(json["ua"] as? String == "vod-mcp/9.9")
        #expect(json["x"] as? String == "1")
        let post = try echo(try await transport.send(HTTPRequest(method: "POST", url: server.url("/"))))
        #expect(post["method"] as? String == "POST")
        #expect(post["length"] as? Int == 0)
        #expect(post["ct"] is NSNull)
        let delete = try echo(try await transport.send(HTTPRequest(method: "DELETE", url: server.url("/"))))
        #expect(delete["method"] as? String == "DELETE")
    }

    @Test func responseHeadersAreTrimmedLowercasedAndTheLastRepeatWins() async throws {
        let response = try await transport.send(HTTPRequest(method: "GET", url: server.url("/headers")))
        #expect(response.status == 200)
        #expect(response.headers["x-pad"] == "padded  value")
        #expect(response.headers["x-dup"] == "2")
        #expect(response.headers["x-latin"] == "caf\u{FFFD}")
        #expect(response.headers["x-empty"] == "")
        #expect(response.headers["content-length"] == "0")
    }

    @Test func streamsAFileRangeAndReportsProgress() async throws {
        let bytes = (0..<300_000).map { UInt8($0 % 251) }
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let last = ProgressBox()
        let response = try await transport.send(
            HTTPRequest(method: "PUT", url: server.url("/up"), body: .file(path: path, offset: 1000, length: 200_000)),
            progress: { sent, total in last.set(sent, total) })
        let json = try echo(response)
        let slice = bytes[1000..<201_000]
        #expect(json["length"] as? Int == 200_000)
        #expect(json["sum"] as? Int == slice.reduce(0) { $0 + Int($1) })
        #expect(json["first"] as? Int == Int(bytes[1000]))
        #expect(last.value == (200_000, 200_000))
    }

    @Test func streamsTheResponseToAFile() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("curlhttp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let response = try await transport.send(
            HTTPRequest(method: "GET", url: server.url("/big"), responseBodyFile: path))
        #expect(response.body.isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == 1 << 20)
    }

    @Test func refusesPlainHTTPToRemoteHostsAndBadFiles() async throws {
        await #expect(throws: CurlError.insecureURL(host: "example.com")) {
            try await self.transport.send(HTTPRequest(method: "GET", url: "http://example.com/x?SecurityToken=abc"))
        }
        await #expect(throws: CurlError.self) {
            try await self.transport.send(HTTPRequest(method: "GET", url: "ftp://127.0.0.1/"))
        }
        for local in ["http://localhost:\(server.port)/", "http://127.0.0.1:\(server.port)/"] {
            #expect(try await transport.send(HTTPRequest(method: "GET", url: local)).status == 200)
        }
        do {
            _ = try await transport.send(
                HTTPRequest(
                    method: "PUT", url: server.url("/"), body: .file(path: "/nonexistent/file", offset: 0, length: 1)))
            Issue.record("expected failure")
        } catch {
            #expect(error.code == "Network.FileUnreadable")
            #expect(!error.mayHaveReachedServer)
        }
        let insecure = CurlError.insecureURL(host: "example.com")
        #expect(insecure.description.contains("loopback"))
    }

    @Test func timeoutsAndConnectFailuresHaveStableCodes() async throws {
        do {
            _ = try await transport.send(
                HTTPRequest(method: "GET", url: server.url("/hang"), timeout: .milliseconds(300)))
            Issue.record("expected timeout")
        } catch {
            #expect(error.code == "Network.Timeout")
            #expect(error.mayHaveReachedServer)
        }
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "http://127.0.0.1:1/"))
            Issue.record("expected connect failure")
        } catch {
            #expect(error.code == "Network.ConnectFailed")
            #expect(!error.mayHaveReachedServer)
        }
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "https://nonexistent.invalid/"))
            Issue.record("expected DNS failure")
        } catch {
            #expect(["Network.DNS", "Network.ConnectFailed"].contains(error.code))
        }
    }

    @Test func cancellationAbortsWithinAFewMilliseconds() async throws {
        let transport = self.transport
        let url = server.url("/hang")
        let task = Task { try await transport.send(HTTPRequest(method: "GET", url: url)) }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < .milliseconds(100))
        guard case .failure(let error) = result else {
            Issue.record("expected cancellation")
            return
        }
        #expect((error as? CurlError)?.code == "Network.Cancelled")
    }

    @Test func concurrentCallsShareTheTransport() async throws {
        let transport = self.transport
        let url = server.url("/c")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 { group.addTask { try await transport.send(HTTPRequest(method: "GET", url: url)).status } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 200, count: 20))
    }

    /// The first `send` loads libcurl and starts the loop; many at once on a fresh transport share one loop.
    @Test func concurrentFirstSendsOnAFreshTransportAllSucceed() async throws {
        let fresh = CurlTransport(configuration: .init(userAgent: "vod-mcp/9.9"))
        let url = server.url("/first")
        let agents = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<16 {
                group.addTask { try echo(try await fresh.send(HTTPRequest(method: "GET", url: url)))["ua"] as? String }
            }
            return try await group.reduce(into: [String?]()) { $0.append($1) }
        }
        #expect(agents == Array(repeating: "vod-mcp/9.9", count: 16))
    }
}

final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (Int64, Int64) = (0, 0)
    func set(_ sent: Int64, _ total: Int64) { lock.withLock { last = (sent, total) } }
    var value: (Int64, Int64) { lock.withLock { last } }
}

/// The response-size cap and descriptor bodies.
@Suite(.serialized, .timeLimit(.minutes(1)))
final class CurlBoundaryTests {
    let server: EchoServer
    let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/9.9", maxResponseBytes: 100_000))

    init() throws { server = try EchoServer() }

    @Test func aBodyOverTheCapFailsNamingTheCap() async throws {
        await #expect(throws: CurlError.responseTooLarge(limit: 100_000, announced: 1 << 20)) {
            _ = try await self.transport.send(HTTPRequest(method: "GET", url: self.server.url("/big")))
        }
        let small = try await transport.send(HTTPRequest(method: "GET", url: server.url("/x")))
        #expect(small.status == 200)
        let raised = try await transport.send(
            HTTPRequest(method: "GET", url: server.url("/big"), maxResponseBytes: 2 << 20))
        #expect(raised.body.count == 1 << 20)
    }

    @Test func descriptorBodiesArePreadWithoutMovingTheOffset() async throws {
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let path = try temporaryFile(bytes)
        defer { unlink(path) }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        let transport = self.transport
        let (urlA, urlB) = (server.url("/a"), server.url("/b"))
        async let first = transport.send(
            HTTPRequest(method: "PUT", url: urlA, body: .descriptor(fd, offset: 0, length: 150_000)))
        async let second = transport.send(
            HTTPRequest(method: "PUT", url: urlB, body: .descriptor(fd, offset: 150_000, length: 150_000)))
        let (a, b) = try await (echo(first), echo(second))
        #expect(a["length"] as? Int == 150_000 && b["length"] as? Int == 150_000)
        #expect(a["sum"] as? Int == bytes[0..<150_000].reduce(0) { $0 + Int($1) })
        #expect(b["sum"] as? Int == bytes[150_000...].reduce(0) { $0 + Int($1) })
        #expect(lseek(fd, 0, SEEK_CUR) == 0)
        #expect(fcntl(fd, F_GETFD) >= 0, "the transport closed a descriptor it does not own")
    }

    @Test func aFIFOBodyIsRefusedWithoutBlocking() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        do {
            _ = try await transport.send(
                HTTPRequest(method: "PUT", url: server.url("/"), body: .file(path: path, offset: 0, length: 1)))
            Issue.record("a FIFO was accepted as a request body")
        } catch {
            #expect(error.code == "Network.FileUnreadable")
            #expect(error.reason.contains("not a regular file"))
        }
    }
}
