import CurlHTTP
public import Foundation
import Synchronization
import VODAPI
import VODEmulator
public import VODUpload

extension SandboxHarness {
    public var checkpointDirectory: String { stateHome.appendingPathComponent("vod-mcp/uploads").path }

    public func uploader(partSize: Int64 = 256 << 10, threshold: Int64 = 512 << 10, concurrency: Int = 4)
        -> MediaUploader
    {
        MediaUploader(
            client: client, transport: transport,
            options: UploadOptions(
                workdir: workdir.path, checkpointDirectory: checkpointDirectory, concurrency: concurrency,
                multipartThreshold: threshold, partSize: partSize, transferTimeout: .seconds(30)))
    }

    /// A file of `size` pseudo-random bytes under the working directory.
    @discardableResult
    public func makeFile(_ name: String, size: Int) throws -> URL {
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
    public func storedBytes(videoId: String) async throws -> Data? {
        let state = try await admin("GET", "/_sandbox/state")
        guard let videos = state["Videos"] as? [[String: Any]],
            let key = videos.first(where: { $0["VideoId"] as? String == videoId })?["ObjectKey"] as? String
        else { return nil }
        // Objects are read like a player reads them: through a URL signed with auth_key.
        guard let url = sandbox.signedObjectURL(key: key) else { return nil }
        let response = try await transport.send(HTTPRequest(method: "GET", url: url, timeout: .seconds(30)))
        return response.status == 200 ? Data(response.body) : nil
    }

    public func admin(_ method: String, _ path: String) async throws -> [String: Any] {
        let response = try await transport.send(
            HTTPRequest(
                method: method, url: endpoint.absoluteString + path,
                headers: [("Authorization", "Bearer \(sandbox.adminToken)")]))
        return (try JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
    }

    public func checkpointFiles() -> [URL] {
        ((try? FileManager.default.contentsOfDirectory(atPath: checkpointDirectory)) ?? [])
            .map { URL(fileURLWithPath: checkpointDirectory).appendingPathComponent($0) }
    }

    public func shutdown() async {
        try? await sandbox.shutdown()
        try? FileManager.default.removeItem(at: workdir.deletingLastPathComponent())
    }
}

/// Counts progress callbacks and remembers the largest value.
public final class ProgressLog: Sendable {
    private let values = Mutex<[Int64]>([])

    public init() {}

    public var sink: @Sendable (Int64, Int64) -> Void { { sent, _ in self.values.withLock { $0.append(sent) } } }
    public var last: Int64 { values.withLock { $0.last ?? 0 } }
    public var isIncreasing: Bool {
        values.withLock { values in zip(values, values.dropFirst()).allSatisfy { $0 < $1 } }
    }
}
