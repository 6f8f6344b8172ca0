import Foundation
import Testing
import VODEmulator

/// `vod-mcp` itself against an in-process sandbox: killed mid-upload and resumed; large sparse files in bounded memory.
@Suite(.enabled(if: ServerProcess.available, "needs the built vod-mcp binary (swift build)"), .serialized)
struct BinaryUploadTests {
    static func environment(_ harness: SandboxHarness, partSize: Int64? = nil) -> [String: String] {
        var env = [
            "VOD_MCP_ENDPOINT": harness.endpoint.absoluteString,
            "ALIBABA_CLOUD_ACCESS_KEY_ID": harness.sandbox.accessKeyId,
            "ALIBABA_CLOUD_ACCESS_KEY_SECRET": harness.sandbox.accessKeySecret, "HOME": harness.stateHome.path,
            "XDG_STATE_HOME": harness.stateHome.path,
        ]
        if let partSize {
            env["VOD_MCP_UPLOAD_PART_SIZE"] = String(partSize)
            env["VOD_MCP_UPLOAD_THRESHOLD"] = String(partSize)
        }
        return env
    }

    static func structured(_ response: [String: Any]) -> [String: Any] {
        ((response["result"] as? [String: Any])?["structuredContent"] as? [String: Any]) ?? [:]
    }

    @Test(.timeLimit(.minutes(1)))
    func killedProcessResumesFromCheckpoint() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("killed.mp4", size: 40 * 262_144)
        harness.sandbox.inject(SandboxFault(.latency, operations: ["UploadPart"], count: nil, latencyMilliseconds: 120))
        let env = Self.environment(harness, partSize: 262_144)

        let first = try ServerProcess(
            arguments: ["--upload-concurrency", "2"], environment: env, directory: harness.workdir)
        try await first.initialize()
        try first.callTool(id: 1, "upload_media_file", ["FilePath": "killed.mp4", "Title": "Killed"])
        _ = try await first.next(timeout: .seconds(20)) { message in
            guard message["method"] as? String == "notifications/progress",
                let params = message["params"] as? [String: Any]
            else { return false }
            return (params["progress"] as? Double ?? 0) >= Double(15 * 262_144)
        }
        // Kill only once the checkpoint (saved about once a second) is on disk: waiting on the state, not on a delay
        // that a loaded machine can outrun.
        let saved = ContinuousClock.now.advanced(by: .seconds(20))
        while harness.checkpointFiles().isEmpty, ContinuousClock.now < saved {
            try await Task.sleep(for: .milliseconds(50))
        }
        first.kill()
        #expect(harness.checkpointFiles().count == 1)

        harness.sandbox.clearFaults()
        let second = try ServerProcess(arguments: [], environment: env, directory: harness.workdir)
        defer { second.close() }
        try await second.initialize()
        try second.callTool(id: 2, "upload_media_file", ["FilePath": file.path, "Resume": true])
        let response = try await second.response(id: 2, timeout: .seconds(30))
        let result = Self.structured(response)
        #expect((result["ResumedParts"] as? Int ?? 0) >= 10, "\(response)")
        let videoId = try #require(result["VideoId"] as? String)
        #expect(try await harness.storedBytes(videoId: videoId) == Data(contentsOf: file))
        #expect(harness.checkpointFiles().isEmpty)
    }

    @Test(.timeLimit(.minutes(5)))
    func sparseFileUploadStaysWithinMemoryBound() async throws {
        let long = ProcessInfo.processInfo.environment["VOD_MCP_LONG_TESTS"] == "1"
        let size: Int64 = long ? 3 << 30 : 300 << 20
        let harness = try await SandboxHarness.uploads { $0.discardObjectBodies = true }
        defer { Task { await harness.shutdown() } }
        let path = harness.workdir.appendingPathComponent("sparse.mp4").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()

        let server = try ServerProcess(
            arguments: [], environment: Self.environment(harness), directory: harness.workdir)
        defer { server.close() }
        try await server.initialize()
        try server.callTool(id: 1, "upload_media_file", ["FilePath": "sparse.mp4"])
        let response = try await server.response(id: 1, timeout: .seconds(long ? 280 : 120))
        let result = Self.structured(response)
        #expect(result["Size"] as? Int64 == size || (result["Size"] as? Int).map(Int64.init) == size, "\(response)")
        #expect(result["Multipart"] as? Bool == true)
        let peak = try #require(server.peakRSS())
        #expect(peak < 64 << 20, "peak RSS \(peak / 1_048_576) MiB")
    }
}
