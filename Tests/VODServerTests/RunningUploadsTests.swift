import Testing
import VODUpload

@testable import VODServer

/// One upload per file: a second call joins the first, a caller's time limit or cancellation ends only its wait.
@Suite struct RunningUploadsTests {
    static let key = RunningUploads.Key(path: "/videos/clip.mp4", size: 4096, modified: 1)

    /// An upload that creates media "v1", then runs until its task is cancelled and fails with "stopped".
    static func held(_ progress: UploadProgress) async -> RunningUploads.Outcome {
        progress.created("v1")
        progress.sent(1024, 4096)
        try? await Task.sleep(for: .seconds(3600))
        return .failure(.invalidArgument("stopped"))
    }

    @Test func aSecondCallForTheSameFileJoinsTheRunningUpload() async {
        let uploads = RunningUploads()
        let (first, firstJoined) = await uploads.join(Self.key, parameters: ["Title": "a"], work: Self.held)
        let (second, secondJoined) = await uploads.join(Self.key, parameters: ["Title": "b"]) { _ in
            Issue.record("a second upload of the same file was started")
            return .failure(.invalidArgument("second"))
        }
        #expect(!firstJoined && secondJoined)
        #expect(first.progress === second.progress)
        #expect(second.parameters == ["Title": "a"])
        let other = RunningUploads.Key(path: "/videos/clip.mp4", size: 4096, modified: 2)
        let (changed, changedJoined) = await uploads.join(other, parameters: [:], work: Self.held)
        #expect(!changedJoined && changed.progress !== first.progress)
        #expect(await uploads.count == 2)
        first.task.cancel()
        changed.task.cancel()
    }

    @Test func theWaitEndsAtItsLimitOrCancellationAndTheUploadGoesOn() async throws {
        let uploads = RunningUploads()
        let (upload, _) = await uploads.join(Self.key, parameters: [:], work: Self.held)
        #expect(await upload.outcome(within: .milliseconds(50)) == nil)
        let waiter = Task { await upload.outcome(within: .seconds(3600)) }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(upload.progress.snapshot.outcome == nil, "cancelling a caller must not end the upload")
        // The upload itself ends (here by cancelling its own task); every caller then gets its outcome.
        upload.task.cancel()
        let outcome = try #require(await upload.outcome(within: .seconds(3600)))
        guard case .failure(.invalidArgument(let message)) = outcome else {
            Issue.record("unexpected outcome \(outcome)")
            return
        }
        #expect(message == "stopped")
        let snapshot = upload.progress.snapshot
        #expect(snapshot.mediaId == "v1" && snapshot.bytesDone == 1024 && snapshot.total == 4096)
        // Delivered, the upload is forgotten: the next call for the file starts anew.
        await uploads.delivered(upload)
        #expect(await uploads.count == 0)
        let (again, joined) = await uploads.join(Self.key, parameters: [:], work: Self.held)
        #expect(!joined)
        again.task.cancel()
    }

    @Test(.timeLimit(.minutes(1))) func progressIsReportedWhileWaiting() async {
        let uploads = RunningUploads()
        let (upload, _) = await uploads.join(Self.key, parameters: [:], work: Self.held)
        let (reports, continuation) = AsyncStream.makeStream(of: UploadProgress.Snapshot.self)
        let waiter = Task {
            await upload.outcome(within: .seconds(3600), reporting: .milliseconds(10)) { continuation.yield($0) }
        }
        var seen: [Int64] = []
        for await snapshot in reports {
            seen.append(snapshot.bytesDone)
            if seen.count == 3 { break }
        }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(seen.count == 3 && seen.allSatisfy { $0 <= 4096 })
        upload.task.cancel()
    }
}
