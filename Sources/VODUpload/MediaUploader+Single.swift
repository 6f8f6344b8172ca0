import CurlHTTP
import FoundationEssentials
import TextSupport

extension MediaUploader {
    /// One PUT of the whole file, checked against the CRC OSS reports for the request and for the stored object.
    func uploadSingle(file: LocalFile, session: Session, meter: ProgressMeter) async throws(UploadError) -> UploadResult
    {
        let contentType = MediaKind.contentType(fileExtension: PathText.pathExtension(file.path))
        let localTask = Task.detached { FileChecksum.result(file: file, offset: 0, length: file.size) }
        var resent = 0
        for _ in 1...3 {
            let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
                try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                    try await session.oss.send(
                        "PUT", contentType: contentType,
                        body: file.size == 0 ? .empty : .descriptor(file.descriptor, offset: 0, length: file.size),
                        auth: auth,
                        progress: { sent, _ in meter.update(part: 1, sent: sent) })
                }
            }
            let local = try await localTask.value.get()
            let reported = response.headers["x-oss-hash-crc64ecma"].flatMap { UInt64($0) }
            var intact = reported.map { $0 == local } ?? true
            if intact, let stored = try await storedObject(session) {
                intact = stored.crc64.map { $0 == local } ?? true && stored.size == file.size
            }
            guard intact else {
                resent += 1
                meter.reset(part: 1)
                continue
            }
            if let change = file.changeDescription() { throw .fileChanged(path: file.path, detail: change) }
            meter.finish(part: 1, size: file.size)
            return UploadResult(
                kind: session.credentials.kind, mediaId: session.mediaId, mediaURL: session.mediaURL,
                objectSize: file.size,
                crc64: local, elapsedSeconds: 0, multipart: false, partCount: 1, resumedParts: 0, resentParts: resent,
                credentialRefreshes: 0, ignoredParameters: [])
        }
        throw .checksumMismatch(detail: "OSS stored different bytes than the file three times in a row")
    }

    /// Size and CRC of the stored object (HEAD), or `nil` when the credential may not read it.
    func storedObject(_ session: Session) async throws(UploadError) -> (size: Int64, crc64: UInt64?)? {
        do {
            let response = try await retrying { () async throws(UploadError) -> HTTPResponse in
                try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                    try await session.oss.send("HEAD", auth: auth)
                }
            }
            guard let size = response.headers["content-length"].flatMap({ Int64($0) }) else { return nil }
            return (size, response.headers["x-oss-hash-crc64ecma"].flatMap { UInt64($0) })
        } catch {
            if case .oss(_, _, _, let status) = error, status == 403 || status == 405 { return nil }
            throw error
        }
    }

    /// Repeats `operation` after transient failures (network, 5xx, SlowDown), up to 4 attempts with backoff.
    func retrying(_ operation: () async throws(UploadError) -> HTTPResponse) async throws(UploadError) -> HTTPResponse {
        var delay = Duration.milliseconds(250)
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await operation()
            } catch {
                guard attempt < 4, Self.isTransient(error), !Task.isCancelled else {
                    if Task.isCancelled { throw .cancelled(resumable: false) }
                    throw error
                }
                do { try await Task.sleep(for: delay) } catch { throw .cancelled(resumable: false) }
                delay *= 2
            }
        }
    }

    static func isTransient(_ error: UploadError) -> Bool {
        switch error {
        case .network(let code, _):
            [
                "Network.Timeout", "Network.Reset", "Network.ConnectFailed", "Network.TruncatedBody", "Network.DNS",
                "Network.Failed",
            ]
            .contains(code)
        case .oss(let code, _, _, let status): status >= 500 || code == "SlowDown" || code == "RequestTimeout"
        default: false
        }
    }
}
