import CurlHTTP
import Foundation
import VODAPI
import VODCredentials
import VODEmulator
import VODUpload

/// An in-process sandbox, a client for it and a scratch working directory.
struct UploadHarness {
    let sandbox: VODSandbox
    let endpoint: URL
    let client: VODClient
    let transport: CurlTransport
    let workdir: URL
    let stateHome: URL

    static func start(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> UploadHarness {
        var configuration = SandboxConfiguration(transcodeDelay: .milliseconds(200))
        configure(&configuration)
        let sandbox = try VODSandbox(configuration: configuration)
        let endpoint = try await sandbox.start()
        let transport = CurlTransport()
        let client = VODClient(
            configuration: .init(endpoint: endpoint.absoluteString, maxAttempts: 2, deadline: .seconds(30)),
            credentials: StaticCredentialProvider(Credential(accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret)),
            transport: transport)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vod-upload-test-\(UUID().uuidString)")
        let workdir = root.appendingPathComponent("work")
        let stateHome = root.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true)
        return UploadHarness(sandbox: sandbox, endpoint: endpoint, client: client, transport: transport, workdir: workdir, stateHome: stateHome)
    }

    var checkpointDirectory: String { stateHome.appendingPathComponent("vod-mcp/uploads").path }

    func uploader(partSize: Int64 = 256 << 10, threshold: Int64 = 512 << 10, concurrency: Int = 4) -> MediaUploader {
        MediaUploader(
            client: client, transport: transport,
            options: UploadOptions(
                workdir: workdir.path, checkpointDirectory: checkpointDirectory, concurrency: concurrency,
                multipartThreshold: threshold, partSize: partSize, transferTimeout: .seconds(30)))
    }

    /// A file of `size` pseudo-random bytes under the working directory.
    @discardableResult
    func makeFile(_ name: String, size: Int) throws -> URL {
        // One xorshift step per 8 bytes, seeded at random: a byte-at-a-time system generator costs seconds per
        // megabyte in debug builds and starved the parallel test run.
        var state = UInt64.random(in: 1...UInt64.max)
        var bytes = [UInt8](repeating: 0, count: size)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < size {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                withUnsafeBytes(of: state.littleEndian) { word in
                    for index in 0..<min(8, size - offset) { buffer[offset + index] = word[index] }
                }
                offset += 8
            }
        }
        let url = workdir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    /// The stored bytes of a video's object, read back from the sandbox's OSS (public-read GET).
    func storedBytes(videoId: String) async throws -> Data? {
        let state = try await admin("GET", "/_sandbox/state")
        guard let videos = state["Videos"] as? [[String: Any]],
            let key = videos.first(where: { $0["VideoId"] as? String == videoId })?["ObjectKey"] as? String
        else { return nil }
        // Objects are read like a player reads them: through a URL signed with auth_key.
        guard let url = sandbox.signedObjectURL(key: key) else { return nil }
        let response = try await transport.send(HTTPRequest(method: "GET", url: url, timeout: .seconds(30)))
        return response.status == 200 ? Data(response.body) : nil
    }

    func admin(_ method: String, _ path: String) async throws -> [String: Any] {
        let response = try await transport.send(
            HTTPRequest(method: method, url: endpoint.absoluteString + path, headers: [("Authorization", "Bearer \(sandbox.adminToken)")]))
        return (try JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    func checkpointFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: checkpointDirectory)) ?? [])
            .map { URL(fileURLWithPath: checkpointDirectory).appendingPathComponent($0) }
    }

    func shutdown() async {
        try? await sandbox.shutdown()
        try? FileManager.default.removeItem(at: workdir.deletingLastPathComponent())
    }
}

/// Counts progress callbacks and remembers the largest value.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int64] = []

    var sink: @Sendable (Int64, Int64) -> Void { { sent, _ in self.lock.withLock { self.values.append(sent) } } }
    var last: Int64 { lock.withLock { values.last ?? 0 } }
    var isIncreasing: Bool { lock.withLock { zip(values, values.dropFirst()).allSatisfy { $0 < $1 } } }
}
