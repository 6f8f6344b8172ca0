import Foundation
import VODSigning

extension SandboxStore {
    /// Records a finished object and moves the media that waited for it forward.
    func objectStored(_ object: ObjectRecord) {
        let now = clock()
        mutate { state in
            let id = SandboxSnapshot.objectKey(object.bucket, object.key)
            if let previous = state.objects[id] { removeSegments(previous, keeping: object.segments) }
            state.objects[id] = object
            for (videoId, video) in state.videos where video.bucket == object.bucket && video.objectKey == object.key {
                var updated = video
                updated.uploadedAt = now
                updated.baseStatus = "UploadSucc"
                updated.size = object.size
                updated.crc64 = String(object.crc64)
                updated.modificationTime = now
                state.videos[videoId] = updated
            }
            for (assetId, asset) in state.assets where asset.bucket == object.bucket && asset.objectKey == object.key {
                var updated = asset
                updated.status = "Normal"
                updated.size = object.size
                updated.modificationTime = now
                state.assets[assetId] = updated
            }
        }
    }

    /// Deletes the files behind an object (or a part), except those still in use.
    func removeSegments(_ object: ObjectRecord, keeping: [String] = []) {
        for segment in object.segments where !keeping.contains(segment) {
            try? FileManager.default.removeItem(at: objectPath(segment))
        }
    }
}

/// Pulls UploadMediaByURL sources (loopback http or file://) in the background.
struct URLFetcher: Sendable {
    let store: SandboxStore

    func start(jobId: String, url: String, bucket: String, key: String) {
        let store = store
        Task.detached {
            let outcome = await Self.fetch(url: url, store: store)
            let now = store.now()
            switch outcome {
            case .success(let (segment, digest)):
                let object = ObjectRecord(
                    bucket: bucket, key: key, size: digest.size, etag: digest.md5.hexString.uppercased(),
                    crc64: digest.crc, contentType: "application/octet-stream", segments: segment.map { [$0] } ?? [],
                    lastModified: now)
                store.objectStored(object)
                store.mutate { state in
                    state.jobs[jobId]?.status = "UPLOAD_SUCCESS"
                    state.jobs[jobId]?.fileSize = digest.size
                    state.jobs[jobId]?.completeTime = now
                }
            case .failure(let failure):
                store.mutate { state in
                    state.jobs[jobId]?.status = "DOWNLOAD_FAIL"
                    state.jobs[jobId]?.errorCode = failure.code
                    state.jobs[jobId]?.errorMessage = failure.message
                    state.jobs[jobId]?.completeTime = now
                    if let mediaId = state.jobs[jobId]?.mediaId { state.videos[mediaId]?.baseStatus = "UploadFail" }
                }
            }
        }
    }

    struct FetchFailure: Error {
        var code: String
        var message: String
    }

    typealias Digested = (segment: String?, digest: (md5: [UInt8], crc: UInt64, size: Int64))

    static func fetch(url text: String, store: SandboxStore) async -> Result<Digested, FetchFailure> {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            return .failure(FetchFailure(code: "InvalidURL", message: "The source URL cannot be parsed."))
        }
        let segment = store.configuration.discardObjectBodies ? nil : "url-" + randomHex(12)
        let writer = ObjectWriter(path: segment.map { store.objectPath($0).path })
        switch scheme {
        case "file":
            guard let handle = FileHandle(forReadingAtPath: url.path) else {
                writer.discard()
                return .failure(FetchFailure(code: "SourceNotFound", message: "The file \(url.path) cannot be read."))
            }
            defer { try? handle.close() }
            while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                chunk.withUnsafeBytes { writer.write($0) }
            }
        case "http":
            let host = url.host?.lowercased() ?? ""
            guard host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]" else {
                writer.discard()
                return .failure(
                    FetchFailure(
                        code: "SourceNotReachable",
                        message: "The sandbox only pulls from loopback URLs and file:// paths."))
            }
            guard let data = await LoopbackHTTPGet.get(url) else {
                writer.discard()
                return .failure(FetchFailure(code: "DownloadFailed", message: "GET \(text) did not answer 200."))
            }
            data.withUnsafeBytes { writer.write($0) }
        default:
            writer.discard()
            return .failure(FetchFailure(code: "InvalidURL", message: "Only http (loopback) and file URLs are pulled."))
        }
        if writer.failed {
            writer.discard()
            return .failure(FetchFailure(code: "StorageFailed", message: "The sandbox could not store the body."))
        }
        return .success((segment, writer.finish()))
    }
}
