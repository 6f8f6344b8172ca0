import FoundationEssentials
import Synchronization
import VODSigning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension SandboxStore {
    /// Records a finished object and moves the media that waited for it forward.
    func objectStored(_ object: ObjectRecord) {
        let now = clock()
        let finished = mutate { state -> [(String, String, String, String)] in
            var finished: [(String, String, String, String)] = []
            for video in state.videos.values where video.bucket == object.bucket && video.objectKey == object.key {
                finished.append(("FileUploadComplete", "VideoId", video.videoId, video.appId))
            }
            for asset in state.assets.values where asset.bucket == object.bucket && asset.objectKey == object.key {
                let event = asset.kind == "image" ? "ImageUploadComplete" : "AttachedMediaUploadComplete"
                finished.append((event, asset.kind == "image" ? "ImageId" : "MediaId", asset.id, asset.appId))
            }
            return finished
        }
        defer {
            for (event, idKey, id, appId) in finished {
                emit(
                    event, appId: appId,
                    fields: [
                        (idKey, .string(id)), ("Status", .string("success")), ("Size", .int(object.size)),
                        ("FileUrl", .string(endpoint.withLock { $0 } + "/" + object.bucket + "/" + object.key)),
                    ])
            }
        }
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

/// Pulls UploadMediaByURL sources (http(s) on loopback, see `LoopbackPull`) in the background.
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
                let mediaId = store.read { $0.jobs[jobId]?.mediaId } ?? ""
                let appId = store.read { $0.videos[mediaId]?.appId } ?? "app-1000000"
                defer {
                    store.emit(
                        "UploadByURLComplete", appId: appId,
                        fields: [
                            ("JobId", .string(jobId)), ("VideoId", .string(mediaId)), ("Status", .string("success")),
                            ("SourceURL", .string(url)), ("Size", .int(digest.size)),
                        ])
                }
                store.mutate { state in
                    guard state.jobs[jobId]?.status != "CANCELED" else { return }
                    state.jobs[jobId]?.status = "UPLOAD_SUCCESS"
                    state.jobs[jobId]?.fileSize = digest.size
                    state.jobs[jobId]?.completeTime = now
                }
            case .failure(let failure):
                store.mutate { state in
                    guard state.jobs[jobId]?.status != "CANCELED" else { return }
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
        let segment = store.configuration.discardObjectBodies ? nil : "url-" + randomHex(12)
        let path = store.objectPath(segment ?? "pull-" + randomHex(12)).path
        let outcome = await store.pull.fetch(text, into: path)
        if case .failure(let failure) = outcome {
            unlink(path)
            return .failure(FetchFailure(code: failure.code, message: failure.message))
        }
        guard let digest = Self.digest(path) else {
            unlink(path)
            return .failure(FetchFailure(code: "StorageFailed", message: "The sandbox could not read back the body."))
        }
        if segment == nil { unlink(path) }
        return .success((segment, digest))
    }

    /// MD5, CRC-64 and size of a stored file.
    static func digest(_ path: String) -> (md5: [UInt8], crc: UInt64, size: Int64)? {
        let descriptor = StoredFile.open(path)
        guard descriptor >= 0 else { return nil }
        defer { StoredFile.close(descriptor) }
        let digester = ObjectWriter(path: nil)
        guard StoredFile.read(descriptor, { digester.write($0) }) else { return nil }
        return digester.finish()
    }
}
