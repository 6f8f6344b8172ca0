import CurlHTTP
import Foundation
import Testing
import VODEmulator
import VODUpload

@Suite(.timeLimit(.minutes(1)))
struct UploadFlowTests {
    @Test func smallFileGoesUpInOnePut() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("clip.mp4", size: 300_000)
        let progress = ProgressLog()
        let result = try await harness.uploader().upload(
            UploadRequest(filePath: "clip.mp4", parameters: ["Title": "Clip", "Tags": "a,b", "ImageType": "cover"]),
            progress: progress.sink)
        #expect(result.kind == .video)
        #expect(!result.multipart)
        #expect(result.objectSize == 300_000)
        #expect(result.ignoredParameters == ["ImageType"])
        #expect(progress.last == 300_000 && progress.isIncreasing)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
        #expect(harness.sandbox.videoStatus(result.mediaId) != "Uploading")
    }

    @Test func largeFileGoesMultipartAndMatches() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("talk.mov", size: 3 * 262_144 + 12_345)
        let result = try await harness.uploader(concurrency: 3).upload(UploadRequest(filePath: file.path))
        #expect(result.multipart)
        #expect(result.partCount == 4)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
        #expect(harness.checkpointFiles().isEmpty)
    }

    @Test func imagesAndAttachedMediaUseTheirOwnOperations() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        try harness.makeFile("cover.png", size: 2000)
        try harness.makeFile("subs.srt", size: 500)
        let image = try await harness.uploader().upload(UploadRequest(filePath: "cover.png"))
        #expect(image.kind == .image)
        #expect(image.mediaURL != nil)
        let attached = try await harness.uploader().upload(
            UploadRequest(filePath: "subs.srt", parameters: ["Title": "Subtitles", "WorkflowId": "w"]))
        #expect(attached.kind == .attached && attached.ignoredParameters == ["WorkflowId"])
        let forced = try await harness.uploader().upload(UploadRequest(filePath: "cover.png", kind: .attached))
        #expect(forced.kind == .attached)
    }

    @Test func expiredTokenMidwayIsRefreshed() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("long.mp4", size: 8 * 262_144)
        harness.sandbox.inject(SandboxFault(.expiredToken, operations: ["UploadPart"], count: 2))
        let result = try await harness.uploader(concurrency: 1).upload(UploadRequest(filePath: file.path))
        #expect(result.credentialRefreshes >= 1)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
    }

    @Test func shortLivedCredentialIsRenewedAhead() async throws {
        let harness = try await SandboxHarness.uploads { $0.uploadCredentialTTL = .seconds(2) }
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("slow.mp4", size: 12 * 262_144)
        harness.sandbox.inject(SandboxFault(.latency, operations: ["UploadPart"], count: nil, latencyMilliseconds: 250))
        let result = try await harness.uploader(concurrency: 1).upload(UploadRequest(filePath: file.path))
        #expect(result.credentialRefreshes >= 1)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
    }

    @Test func corruptedPartIsDetectedAndResent() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("damaged.mp4", size: 5 * 262_144)
        harness.sandbox.inject(SandboxFault(.corruptPart, operations: ["UploadPart"], count: 1))
        let result = try await harness.uploader().upload(UploadRequest(filePath: file.path))
        #expect(result.resentParts == 1)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
    }

    @Test func corruptedSinglePutIsDetectedAndResent() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("small.mp4", size: 100_000)
        harness.sandbox.inject(SandboxFault(.corruptPart, operations: ["PutObject"], count: 1))
        let result = try await harness.uploader().upload(UploadRequest(filePath: file.path))
        #expect(result.resentParts == 1)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
    }

    @Test func persistentCorruptionNeverReportsSuccess() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        try harness.makeFile("bad.mp4", size: 3 * 262_144)
        harness.sandbox.inject(SandboxFault(.corruptPart, operations: ["UploadPart"], count: nil))
        await #expect(throws: UploadError.self) {
            _ = try await harness.uploader().upload(UploadRequest(filePath: "bad.mp4"))
        }
    }

    @Test func cancelLeavesCheckpointAndResumeFinishes() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("resume.mp4", size: 20 * 262_144)
        harness.sandbox.inject(SandboxFault(.latency, operations: ["UploadPart"], count: nil, latencyMilliseconds: 150))
        let uploader = harness.uploader(concurrency: 2)
        let progress = ProgressLog()
        let task = Task { try await uploader.upload(UploadRequest(filePath: file.path), progress: progress.sink) }
        while progress.last < 6 * 262_144 { try await Task.sleep(for: .milliseconds(20)) }
        let cancelledAt = ContinuousClock.now
        task.cancel()
        let outcome = await task.result
        #expect(ContinuousClock.now - cancelledAt < .seconds(2))
        // The cancellation comes back naming the video it keeps for the resume.
        guard case .failure(let failure) = outcome, let error = failure as? UploadError else {
            Issue.record("the cancelled upload did not fail with an UploadError")
            return
        }
        #expect(error.underlying == .cancelled(resumable: true))
        #expect(error.createdMedia?.disposition == .keptForResume)
        #expect(error.retryable)
        let checkpoint = try #require(harness.checkpointFiles().first)
        let text = try String(contentsOf: checkpoint, encoding: .utf8)
        #expect(text.contains("uploadId") && !text.contains("Secret") && !text.contains("Token"))
        #expect(!text.contains(harness.sandbox.accessKeySecret))

        harness.sandbox.clearFaults()
        let result = try await uploader.upload(UploadRequest(filePath: file.path, resume: true))
        #expect(result.resumedParts >= 4)
        #expect(result.partCount == 20)
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
        #expect(harness.checkpointFiles().isEmpty)
    }

    @Test func withoutResumeAFreshUploadStarts() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("again.mp4", size: 4 * 262_144)
        harness.sandbox.inject(SandboxFault(.serverError, operations: ["CompleteMultipartUpload"], count: 4))
        await #expect(throws: UploadError.self) {
            _ = try await harness.uploader().upload(UploadRequest(filePath: file.path))
        }
        #expect(harness.checkpointFiles().count == 1)
        let result = try await harness.uploader().upload(UploadRequest(filePath: file.path))
        #expect(result.resumedParts == 0)
        #expect(harness.checkpointFiles().isEmpty)
    }
}
