public import CurlHTTP
import Foundation
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

    public init(client: VODClient, transport: any HTTPTransport, options: UploadOptions, clock: RequestClock = .system) {
        self.client = client
        self.transport = transport
        self.options = options
        self.clock = clock
        checkpoints = CheckpointStore(directory: options.checkpointDirectory)
    }

    /// Uploads one file. `progress` receives (bytes sent, total bytes), at most every 200 ms.
    public func upload(_ request: UploadRequest, progress: (@Sendable (Int64, Int64) -> Void)? = nil)
        async throws(UploadError) -> UploadResult
    {
        let started = ContinuousClock.now
        let file = try LocalFile.open(request.filePath, workdir: options.workdir)
        let ext = (file.path as NSString).pathExtension
        let kind = request.kind ?? MediaKind.detect(fileExtension: ext)
        let multipart = file.size > options.multipartThreshold
        let meter = ProgressMeter(total: file.size, sink: progress)
        var (parameters, ignored) = Self.createParameters(kind: kind, file: file, given: request.parameters)

        var checkpoint: UploadCheckpoint?
        if multipart, request.resume, let saved = checkpoints.load(for: file), saved.kind == kind.rawValue, kind == .video {
            checkpoint = saved
        } else if multipart {
            checkpoints.remove(for: file)
        }

        for attempt in 1...2 {
            do {
                var result: UploadResult
                let session: Session
                if let saved = checkpoint {
                    session = try await resumeSession(saved, kind: kind)
                } else {
                    session = try await createSession(kind: kind, parameters: parameters)
                }
                if multipart {
                    result = try await uploadMultipart(file: file, session: session, checkpoint: checkpoint, meter: meter)
                } else {
                    result = try await uploadSingle(file: file, session: session, meter: meter)
                }
                result.elapsedSeconds = (ContinuousClock.now - started).seconds
                result.ignoredParameters = ignored
                result.credentialRefreshes = await session.credentials.refreshes
                return result
            } catch {
                // An image or attached-media credential cannot be renewed: start over once with a new one.
                guard case .expired = error, kind != .video, attempt == 1, !Task.isCancelled else { throw error }
                checkpoint = nil
                (parameters, ignored) = Self.createParameters(kind: kind, file: file, given: request.parameters)
            }
        }
        throw .expired(detail: "the upload credential expired twice")
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
        guard let mediaId = response[kind.idField] as? String, let addressText = response["UploadAddress"] as? String,
            let address = UploadAddress.decode(addressText), let authText = response["UploadAuth"] as? String,
            let auth = UploadAuth.decode(authText, now: clock.date())
        else {
            throw .api(code: "Response.Malformed", message: "\(kind.createAction) returned no usable UploadAddress/UploadAuth", requestId: response["RequestId"] as? String, httpStatus: nil)
        }
        let url = (response["ImageURL"] ?? response["MediaURL"] ?? response["FileURL"]) as? String
        return makeSession(kind: kind, mediaId: mediaId, mediaURL: url, address: address, auth: auth)
    }

    private func resumeSession(_ checkpoint: UploadCheckpoint, kind: MediaKind) async throws(UploadError) -> Session {
        let response = try await UploadAPI.call(client, "RefreshUploadVideo", ["VideoId": checkpoint.mediaId], idempotent: true)
        guard let authText = response["UploadAuth"] as? String, let auth = UploadAuth.decode(authText, now: clock.date()) else {
            throw .api(code: "Response.Malformed", message: "RefreshUploadVideo returned no usable UploadAuth", requestId: response["RequestId"] as? String, httpStatus: nil)
        }
        let address = (response["UploadAddress"] as? String).flatMap(UploadAddress.decode) ?? checkpoint.address
        return makeSession(kind: kind, mediaId: checkpoint.mediaId, mediaURL: nil, address: address, auth: auth)
    }

    private func makeSession(kind: MediaKind, mediaId: String, mediaURL: String?, address: UploadAddress, auth: UploadAuth) -> Session {
        Session(
            mediaId: mediaId, mediaURL: mediaURL,
            oss: OSSClient(address: address, transport: transport, clock: clock, transferTimeout: options.transferTimeout),
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
                guard case .oss(let code, _, _, _) = error, Self.credentialCodes.contains(code), attempt < 3 else { throw error }
                (auth, generation) = try await session.credentials.renew(after: generation)
            }
        }
        throw .expired(detail: "OSS kept rejecting renewed credentials")
    }

    static let credentialCodes: Set<String> = ["SecurityTokenExpired", "InvalidAccessKeyId", "InvalidSecurityToken.Expired"]

    // MARK: Parameters

    static let common = ["Title", "Description", "Tags", "StorageLocation", "AppId", "UserData"]

    /// The CreateUpload parameters for `kind`, and the given ones that do not apply to it.
    static func createParameters(kind: MediaKind, file: LocalFile, given: [String: String]) -> ([String: String], [String]) {
        let name = (file.path as NSString).lastPathComponent
        let ext = (name as NSString).pathExtension.lowercased()
        var result: [String: String] = [:]
        var allowed = Set(common)
        switch kind {
        case .video:
            allowed.formUnion(["CateId", "TemplateGroupId", "WorkflowId", "CoverURL"])
            result["FileName"] = name
            result["FileSize"] = String(file.size)
            result["Title"] = (name as NSString).deletingPathExtension
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
        return (result, ignored.sorted())
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
