public import CurlHTTP
import FoundationEssentials
import TextSupport
public import VODAPI
public import VODSigning

/// Uploads local files to VOD: CreateUpload*, then OSS PUT or multipart with the STS credential, renewing it as
/// needed, verifying the CRC-64 OSS reports, and checkpointing multipart progress so an interrupted upload resumes.
public struct MediaUploader: Sendable {
    public let options: UploadOptions
    let client: VODClient
    let transport: any HTTPTransport
    let clock: RequestClock
    let checkpoints: CheckpointStore

    public init(client: VODClient, transport: any HTTPTransport, options: UploadOptions, clock: RequestClock = .system)
    {
        self.client = client
        self.transport = transport
        self.options = options
        self.clock = clock
        checkpoints = CheckpointStore(directory: options.checkpointDirectory)
    }

    /// Uploads one file. `progress` receives (bytes sent, total bytes), at most every 200 ms; `created` receives the
    /// media ID as soon as CreateUpload* (or RefreshUploadVideo, when resuming) has answered.
    public func upload(
        _ request: UploadRequest, progress: (@Sendable (Int64, Int64) -> Void)? = nil,
        created onCreated: (@Sendable (String) -> Void)? = nil
    ) async throws(UploadError) -> UploadResult {
        let started = ContinuousClock.now
        let file = try LocalFile.open(request.filePath, workdir: options.workdir)
        let ext = PathText.pathExtension(file.path)
        let kind = request.kind ?? MediaKind.detect(fileExtension: ext)
        let multipart = file.size > options.multipartThreshold
        let meter = ProgressMeter(total: file.size, sink: progress)
        let (parameters, ignored) = try Self.createParameters(kind: kind, file: file, given: request.parameters)

        var checkpoint: UploadCheckpoint?
        if multipart, request.resume, let saved = checkpoints.load(for: file), saved.kind == kind.rawValue,
            kind == .video
        {
            checkpoint = saved
        } else if multipart {
            checkpoints.remove(for: file)
        }

        for attempt in 1...2 {
            var created: Session?
            do {
                var result: UploadResult
                let session: Session
                if let saved = checkpoint {
                    session = try await resumeSession(saved, kind: kind)
                } else {
                    session = try await createSession(kind: kind, parameters: parameters)
                }
                created = session
                onCreated?(session.mediaId)
                if multipart {
                    result = try await uploadMultipart(
                        file: file, session: session, checkpoint: checkpoint, meter: meter)
                } else {
                    result = try await uploadSingle(file: file, session: session, meter: meter)
                }
                result.elapsedSeconds = (ContinuousClock.now - started).seconds
                result.ignoredParameters = ignored
                result.credentialRefreshes = await session.credentials.refreshes
                return result
            } catch {
                // A file that changed under the upload explains whatever else went wrong, and is not retryable.
                var failure = error
                if case .afterCreate = failure {
                } else if let change = file.changeDescription() {
                    failure = .fileChanged(path: file.path, detail: change)
                }
                guard let session = created else { throw failure }
                // An image or attached-media credential cannot be renewed: remove the media, start over once.
                if case .expired = failure, kind != .video, attempt == 1, !Task.isCancelled {
                    let uploadId = multipart ? checkpoints.load(for: file)?.uploadId : nil
                    let disposition = await cleanUp(session, uploadId: uploadId)
                    if case .leftBehind = disposition {
                        let media = CreatedMedia(
                            kind: kind, mediaId: session.mediaId, uploadId: uploadId, disposition: disposition)
                        throw .afterCreate(failure, media: media)
                    }
                    checkpoints.remove(for: file)
                    checkpoint = nil
                    continue
                }
                throw await settle(failure, session: session, kind: kind, multipart: multipart, file: file)
            }
        }
        throw .expired(detail: "the upload credential expired twice")
    }

    // MARK: Failures after the media exists

    /// Names the media a failed upload created and removes it, unless the failure is one a resume continues
    /// (a multipart video whose checkpoint is saved, stopped by the network, a cancellation or an expired credential).
    private func settle(_ error: UploadError, session: Session, kind: MediaKind, multipart: Bool, file: LocalFile) async
        -> UploadError
    {
        let uploadId = multipart ? checkpoints.load(for: file)?.uploadId : nil
        if let uploadId, kind == .video, Self.resumable(error) {
            let media = CreatedMedia(
                kind: kind, mediaId: session.mediaId, uploadId: uploadId, disposition: .keptForResume)
            return .afterCreate(error, media: media)
        }
        // The calling task may be cancelled; the clean-up must still reach the server.
        let disposition = await Task.detached { await self.cleanUp(session, uploadId: uploadId) }.value
        if case .deleted = disposition { checkpoints.remove(for: file) }
        let media = CreatedMedia(kind: kind, mediaId: session.mediaId, uploadId: uploadId, disposition: disposition)
        return .afterCreate(error, media: media)
    }

    static func resumable(_ error: UploadError) -> Bool {
        switch error {
        case .cancelled, .network, .expired: true
        case .oss: error.retryable
        default: false
        }
    }

    /// Aborts the multipart upload (if any) and deletes the media.
    private func cleanUp(_ session: Session, uploadId: String?) async -> CreatedMedia.Disposition {
        var problems: [String] = []
        if let uploadId {
            do {
                _ = try await withCredential(session) { auth async throws(UploadError) -> HTTPResponse in
                    try await session.oss.send("DELETE", query: [("uploadId", uploadId)], auth: auth)
                }
            } catch {
                if case .oss("NoSuchUpload", _, _, _) = error {
                    // Already gone: nothing left to abort.
                } else {
                    problems.append("AbortMultipartUpload failed: \(error.code)")
                }
            }
        }
        let kind = session.credentials.kind
        let parameters: [String: String] =
            switch kind {
            case .video: ["VideoIds": session.mediaId]
            case .image: ["DeleteImageType": "ImageId", "ImageIds": session.mediaId]
            case .attached: ["MediaIds": session.mediaId]
            }
        let action = CreatedMedia(kind: kind, mediaId: session.mediaId, disposition: .deleted).deleteAction
        do {
            _ = try await UploadAPI.call(client, action, parameters, idempotent: true)
        } catch {
            problems.append("\(action) failed: \(error.code)")
        }
        return problems.isEmpty ? .deleted : .leftBehind(reason: problems.joined(separator: "; "))
    }

    // MARK: Sessions

    struct Session: Sendable {
        let mediaId: String
        let mediaURL: String?
        let oss: OSSClient
        let credentials: UploadCredentials
    }

    private func createSession(kind: MediaKind, parameters: [String: String]) async throws(UploadError) -> Session {
        let response = try await UploadAPI.call(client, kind.createAction, parameters, idempotent: false)
        guard let mediaId = response[kind.idField]?.string, let addressText = response["UploadAddress"]?.string,
            let address = UploadAddress.decode(addressText), let authText = response["UploadAuth"]?.string,
            let auth = UploadAuth.decode(authText, now: clock.date())
        else {
            throw .api(
                code: "Response.Malformed", message: "\(kind.createAction) returned no usable UploadAddress/UploadAuth",
                requestId: response["RequestId"]?.string, httpStatus: nil)
        }
        let url = (response["ImageURL"] ?? response["MediaURL"] ?? response["FileURL"])?.string
        return makeSession(kind: kind, mediaId: mediaId, mediaURL: url, address: address, auth: auth)
    }

    private func resumeSession(_ checkpoint: UploadCheckpoint, kind: MediaKind) async throws(UploadError) -> Session {
        let response = try await UploadAPI.call(
            client, "RefreshUploadVideo", ["VideoId": checkpoint.mediaId], idempotent: true)
        guard let authText = response["UploadAuth"]?.string,
            let auth = UploadAuth.decode(authText, now: clock.date())
        else {
            throw .api(
                code: "Response.Malformed", message: "RefreshUploadVideo returned no usable UploadAuth",
                requestId: response["RequestId"]?.string, httpStatus: nil)
        }
        let address = response["UploadAddress"]?.string.flatMap(UploadAddress.decode) ?? checkpoint.address
        return makeSession(kind: kind, mediaId: checkpoint.mediaId, mediaURL: nil, address: address, auth: auth)
    }

    private func makeSession(
        kind: MediaKind, mediaId: String, mediaURL: String?, address: UploadAddress, auth: UploadAuth
    ) -> Session {
        Session(
            mediaId: mediaId, mediaURL: mediaURL,
            oss: OSSClient(
                address: address, transport: transport, clock: clock, transferTimeout: options.transferTimeout),
            credentials: UploadCredentials(kind: kind, mediaId: mediaId, auth: auth, client: client, clock: clock))
    }

    /// Sends one OSS request with the current credential, renewing it once when OSS says it expired.
    func withCredential(
        _ session: Session, _ body: (UploadAuth) async throws(UploadError) -> HTTPResponse
    ) async throws(UploadError) -> HTTPResponse {
        var (auth, generation) = try await session.credentials.current()
        for attempt in 1...3 {
            do {
                return try await body(auth)
            } catch {
                guard case .oss(let code, _, _, _) = error, Self.credentialCodes.contains(code), attempt < 3 else {
                    throw error
                }
                (auth, generation) = try await session.credentials.renew(after: generation)
            }
        }
        throw .expired(detail: "OSS kept rejecting renewed credentials")
    }

    static let credentialCodes: Set<String> = [
        "SecurityTokenExpired", "InvalidAccessKeyId", "InvalidSecurityToken.Expired",
    ]

    // MARK: Parameters

    static let common = ["Title", "Description", "Tags", "StorageLocation", "AppId", "UserData"]

    /// The CreateUpload parameters for `kind`, and the given ones that do not apply to it.
    static func createParameters(kind: MediaKind, file: LocalFile, given: [String: String]) throws(UploadError)
        -> ([String: String], [String])
    {
        let name = PathText.lastComponent(file.path)
        let ext = PathText.pathExtension(name).lowercased()
        var result: [String: String] = [:]
        var allowed = Set(common)
        switch kind {
        case .video:
            allowed.formUnion(["CateId", "TemplateGroupId", "WorkflowId", "CoverURL"])
            result["FileName"] = name
            result["FileSize"] = String(file.size)
            result["Title"] = Self.defaultTitle(fileName: name)
        case .image:
            allowed.formUnion(["CateId", "ImageType"])
            result["ImageType"] = "default"
            if !ext.isEmpty { result["ImageExt"] = ext }
        case .attached:
            allowed.formUnion(["BusinessType"])
            result["BusinessType"] = ["srt", "vtt", "ass", "ssa"].contains(ext) ? "subtitle" : "material"
            result["FileName"] = name
            result["FileSize"] = String(file.size)
            if !ext.isEmpty { result["MediaExt"] = ext }
            if let cate = given["CateId"] { result["CateIds"] = cate }
        }
        var ignored: [String] = []
        for (key, value) in given {
            if allowed.contains(key) {
                result[key] = value
            } else if !(kind == .attached && key == "CateId") {
                ignored.append(key)
            }
        }
        if let title = result["Title"], title.utf8.count > Self.titleByteLimit {
            throw .invalidArgument(
                "Title is \(title.utf8.count) bytes of UTF-8; VOD allows at most \(Self.titleByteLimit). Shorten it "
                    + "(CJK characters take 3 bytes each).")
        }
        return (result, ignored.sorted())
    }

    /// VOD's limit on a media Title, in UTF-8 bytes (`LengthExceededMax` beyond it).
    public static let titleByteLimit = 128

    /// The file name without its extension, cut to `titleByteLimit` bytes on a character boundary.
    static func defaultTitle(fileName: String) -> String {
        var title = PathText.deletingPathExtension(fileName)
        if title.isEmpty { title = fileName }
        guard title.utf8.count > titleByteLimit else { return title }
        var cut = ""
        var bytes = 0
        for character in title {
            let size = String(character).utf8.count
            guard bytes + size <= titleByteLimit else { break }
            cut.append(character)
            bytes += size
        }
        return cut
    }

    /// The CreateUpload parameters `upload` would send for `request` and the opened file, and the ignored ones;
    /// fails exactly where `upload` would before sending anything. For dry runs.
    public func plannedParameters(_ request: UploadRequest, file: LocalFile) throws(UploadError)
        -> (kind: MediaKind, parameters: [String: String], ignored: [String])
    {
        let kind = request.kind ?? MediaKind.detect(fileExtension: PathText.pathExtension(file.path))
        let (parameters, ignored) = try Self.createParameters(kind: kind, file: file, given: request.parameters)
        return (kind, parameters, ignored)
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
