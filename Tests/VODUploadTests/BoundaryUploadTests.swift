import CurlHTTP
import Foundation
import Testing
import VODEmulator
import VODUpload

#if canImport(Glibc)
    import Glibc
#endif

/// Uploads under hostile local conditions: the file or its folder swapped during the upload, a file that grows or
/// shrinks after CreateUploadVideo, a store whose ListParts omits the CRC, a file name longer than a Title may be.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct BoundaryUploadTests {
    /// Swaps `target` between its real form and a hostile one until stopped, on a thread of its own.
    final class Swapper: @unchecked Sendable {
        private let thread: Thread

        init(_ swap: @escaping @Sendable () -> Void, _ restore: @escaping @Sendable () -> Void) {
            let flag = LockedFlag()
            thread = Thread {
                while flag.isSet == false {
                    swap()
                    usleep(1000)
                    restore()
                    usleep(1000)
                }
                flag.acknowledge()
            }
            self.flag = flag
            thread.start()
        }

        private let flag: LockedFlag

        func stop() {
            flag.set()
            while !flag.acknowledged { usleep(1000) }
        }
    }

    final class LockedFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        private var done = false
        var isSet: Bool { lock.withLock { value } }
        var acknowledged: Bool { lock.withLock { done } }
        func set() { lock.withLock { value = true } }
        func acknowledge() { lock.withLock { done = true } }
    }

    @Test func aFolderSwappedForASymlinkNeverUploadsTheOutsideFile() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let work = harness.workdir.path
        let outside = harness.workdir.deletingLastPathComponent().appendingPathComponent("outside").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work + "/sub", withIntermediateDirectories: true)
        let inside = Data(repeating: 0x49, count: 50_000)
        try inside.write(to: URL(fileURLWithPath: work + "/sub/clip.mp4"))
        try Data(repeating: 0x4F, count: 50_000).write(to: URL(fileURLWithPath: outside + "/clip.mp4"))
        let swapper = Swapper(
            {
                rename(work + "/sub", work + "/sub.real")
                symlink(outside, work + "/sub")
            },
            {
                unlink(work + "/sub")
                rename(work + "/sub.real", work + "/sub")
            })
        var uploaded = 0
        var refused: Set<String> = []
        for _ in 0..<20 {
            let result: UploadResult
            do throws(UploadError) {
                result = try await harness.uploader().upload(UploadRequest(filePath: "sub/clip.mp4"))
            } catch {
                refused.insert(error.code)
                continue
            }
            uploaded += 1
            #expect(try await harness.storedBytes(videoId: result.mediaId) == inside, "the outside file was uploaded")
        }
        swapper.stop()
        #expect(refused.isSubset(of: ["Upload.FileNotFound", "Upload.OutsideWorkdir"]), "\(refused)")
        #expect(uploaded + refused.count > 0)
    }

    @Test func aFileSwappedForAFIFONeverBlocks() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let path = harness.workdir.path + "/clip.mp4"
        let real = harness.workdir.path + "/clip.real"
        let fifo = harness.workdir.path + "/clip.fifo"
        let inside = Data(repeating: 0x49, count: 30_000)
        try inside.write(to: URL(fileURLWithPath: path))
        #expect(mkfifo(fifo, 0o600) == 0)
        let swapper = Swapper(
            {
                rename(path, real)
                rename(fifo, path)
            },
            {
                rename(path, fifo)
                rename(real, path)
            })
        var refused: Set<String> = []
        for _ in 0..<20 {
            let result: UploadResult
            do throws(UploadError) {
                result = try await harness.uploader().upload(UploadRequest(filePath: "clip.mp4"))
            } catch {
                refused.insert(error.code)
                if case .notRegularFile(_, let kind) = error.underlying { #expect(kind == "pipe") }
                continue
            }
            #expect(try await harness.storedBytes(videoId: result.mediaId) == inside)
        }
        swapper.stop()
        #expect(refused.isSubset(of: ["Upload.FileNotFound"]), "\(refused)")
    }

    /// The deterministic form of the race: the folder is swapped for a symlink to an outside folder after the file
    /// was checked and opened (while CreateUploadVideo is answered); the upload must send the file it checked.
    @Test func aSwapAfterTheCheckStillSendsTheCheckedFile() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let work = harness.workdir.path
        let outside = harness.workdir.deletingLastPathComponent().appendingPathComponent("outside").path
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work + "/sub", withIntermediateDirectories: true)
        let inside = Data(repeating: 0x49, count: 700_000)
        try inside.write(to: URL(fileURLWithPath: work + "/sub/clip.mp4"))
        try Data(repeating: 0x4F, count: 700_000).write(to: URL(fileURLWithPath: outside + "/clip.mp4"))
        for multipart in [false, true] {
            harness.sandbox.inject(
                SandboxFault(.latency, operations: ["CreateUploadVideo"], count: 1, latencyMilliseconds: 1200))
            let uploader = harness.uploader(threshold: multipart ? 512 << 10 : 1 << 20)
            let task = Task { try await uploader.upload(UploadRequest(filePath: "sub/clip.mp4")) }
            try await Task.sleep(for: .milliseconds(500))
            #expect(rename(work + "/sub", work + "/sub.real") == 0)
            #expect(symlink(outside, work + "/sub") == 0)
            let result = try await task.value
            #expect(result.multipart == multipart)
            #expect(try await harness.storedBytes(videoId: result.mediaId) == inside, "the outside file was uploaded")
            unlink(work + "/sub")
            rename(work + "/sub.real", work + "/sub")
        }
    }

    /// The file is replaced by a FIFO after it was checked and opened: nothing may block, and the bytes sent are the
    /// checked file's.
    @Test func aFIFOSwappedInAfterTheCheckBlocksNothing() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let path = harness.workdir.path + "/clip.mp4"
        let inside = Data(repeating: 0x49, count: 700_000)
        for multipart in [false, true] {
            try inside.write(to: URL(fileURLWithPath: path))
            harness.sandbox.inject(
                SandboxFault(.latency, operations: ["CreateUploadVideo"], count: 1, latencyMilliseconds: 1200))
            let uploader = harness.uploader(threshold: multipart ? 512 << 10 : 1 << 20)
            let task = Task { try await uploader.upload(UploadRequest(filePath: "clip.mp4")) }
            try await Task.sleep(for: .milliseconds(500))
            #expect(unlink(path) == 0)
            #expect(mkfifo(path, 0o600) == 0)
            let result = try await task.value
            #expect(try await harness.storedBytes(videoId: result.mediaId) == inside)
            unlink(path)
        }
    }

    @Test func aFileThatGrowsAfterCreateUploadFailsNamingAndDeletingTheVideo() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("growing.mp4", size: 200_000)
        harness.sandbox.inject(
            SandboxFault(.latency, operations: ["CreateUploadVideo"], count: 1, latencyMilliseconds: 1500))
        let uploader = harness.uploader()
        let task = Task { try await uploader.upload(UploadRequest(filePath: "growing.mp4")) }
        try await Task.sleep(for: .milliseconds(600))
        let handle = try FileHandle(forWritingTo: file)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 1, count: 5000))
        try handle.close()
        let error = try #require(await failure(of: task))
        #expect(error.code == "Upload.FileChanged")
        #expect(error.description.contains("grew from 200000 to 205000 bytes"))
        #expect(!error.retryable)
        let media = try #require(error.createdMedia)
        #expect(media.disposition == .deleted)
        #expect(error.description.contains("VideoId \(media.mediaId)"))
        #expect(harness.sandbox.videoStatus(media.mediaId) == nil, "the half-uploaded video was left behind")
    }

    @Test func aFileThatShrinksDuringAMultipartUploadFailsAndAbortsIt() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("shrinking.mp4", size: 6 * 262_144)
        harness.sandbox.inject(
            SandboxFault(.latency, operations: ["CreateUploadVideo"], count: 1, latencyMilliseconds: 1500))
        let uploader = harness.uploader()
        let task = Task { try await uploader.upload(UploadRequest(filePath: "shrinking.mp4")) }
        try await Task.sleep(for: .milliseconds(600))
        #expect(truncate(file.path, 262_144) == 0)
        let error = try #require(await failure(of: task))
        #expect(error.code == "Upload.FileChanged")
        #expect(error.description.contains("shrank"))
        #expect(!error.retryable)
        let media = try #require(error.createdMedia)
        #expect(media.disposition == .deleted)
        #expect(media.uploadId != nil)
        #expect(harness.sandbox.videoStatus(media.mediaId) == nil)
        #expect(harness.checkpointFiles().isEmpty)
    }

    /// When the clean-up itself fails, the error says exactly what is left and stops a retry from duplicating it.
    @Test func aFailedCleanUpSaysWhatIsLeftBehindAndIsNotRetryable() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("stuck.mp4", size: 100_000)
        harness.sandbox.inject(
            SandboxFault(.latency, operations: ["CreateUploadVideo"], count: 1, latencyMilliseconds: 1500))
        harness.sandbox.inject(SandboxFault(.serverError, operations: ["DeleteVideo"], count: nil))
        let uploader = harness.uploader()
        let task = Task { try await uploader.upload(UploadRequest(filePath: "stuck.mp4")) }
        try await Task.sleep(for: .milliseconds(600))
        #expect(truncate(file.path, 10) == 0)
        let error = try #require(await failure(of: task))
        #expect(error.code == "Upload.FileChanged")
        let media = try #require(error.createdMedia)
        guard case .leftBehind(let reason) = media.disposition else {
            Issue.record("disposition \(media.disposition)")
            return
        }
        #expect(reason.contains("DeleteVideo failed: InternalError"))
        #expect(!error.retryable)
        #expect(error.description.contains("Delete it with DeleteVideo before uploading again"))
        #expect(harness.sandbox.videoStatus(media.mediaId) != nil)
    }

    @Test func aStoreWhoseListPartsOmitsTheCRCCompletesTheUpload() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let file = try harness.makeFile("plainstore.mp4", size: 4 * 262_144 + 999)
        let store = CRCStrippingTransport(harness.transport)
        let uploader = MediaUploader(
            client: harness.client, transport: store,
            options: UploadOptions(
                workdir: harness.workdir.path, checkpointDirectory: harness.checkpointDirectory,
                multipartThreshold: 512 << 10, partSize: 256 << 10, transferTimeout: .seconds(30)))
        let result = try await uploader.upload(UploadRequest(filePath: file.path))
        #expect(result.multipart && result.partCount == 5)
        #expect(result.resentParts == 0)
        #expect(store.strippedListings > 0, "ListParts was never answered without its CRCs")
        #expect(try await harness.storedBytes(videoId: result.mediaId) == Data(contentsOf: file))
    }

    @Test func aLongFileNameBecomesATitleWithinTheByteLimit() async throws {
        let harness = try await SandboxHarness.uploads()
        defer { Task { await harness.shutdown() } }
        let name = String(repeating: "视频", count: 25) + ".mp4"
        try harness.makeFile(name, size: 1000)
        let result = try await harness.uploader().upload(UploadRequest(filePath: name))
        let planned = try harness.uploader().plannedParameters(
            UploadRequest(filePath: name), file: LocalFile.open(name, workdir: harness.workdir.path))
        let title = try #require(planned.parameters["Title"])
        #expect(title.utf8.count <= 128 && title.utf8.count > 120)
        #expect(String(repeating: "视频", count: 25).hasPrefix(title))
        #expect(harness.sandbox.videoStatus(result.mediaId) != nil)
        #expect(throws: UploadError.self) {
            try harness.uploader().plannedParameters(
                UploadRequest(filePath: name, parameters: ["Title": String(repeating: "长", count: 43)]),
                file: LocalFile.open(name, workdir: harness.workdir.path))
        }
    }

    private func failure(of task: Task<UploadResult, any Error>) async -> UploadError? {
        switch await task.result {
        case .success:
            Issue.record("the upload succeeded")
            return nil
        case .failure(let error):
            return error as? UploadError
        }
    }
}

/// Passes requests to the sandbox but removes `<HashCrc64ecma>` from every ListParts answer, like an
/// OSS-compatible store that does not compute CRC-64.
final class CRCStrippingTransport: HTTPTransport, @unchecked Sendable {
    private let inner: any HTTPTransport
    private let lock = NSLock()
    private var stripped = 0

    init(_ inner: any HTTPTransport) { self.inner = inner }

    var strippedListings: Int { lock.withLock { stripped } }

    func send(_ request: HTTPRequest, progress: (@Sendable (Int64, Int64) -> Void)?) async throws(CurlError)
        -> HTTPResponse
    {
        let response = try await inner.send(request, progress: progress)
        guard request.method == "GET", request.url.contains("uploadId=") else { return response }
        let text = String(decoding: response.body, as: UTF8.self)
        let plain = text.replacingOccurrences(
            of: #"<HashCrc64ecma>[0-9]*</HashCrc64ecma>"#, with: "", options: .regularExpression)
        if plain != text { lock.withLock { stripped += 1 } }
        return HTTPResponse(status: response.status, headers: response.headers, body: Array(plain.utf8))
    }
}
