import FoundationEssentials
import VODAPI
import VODSigning

/// The current STS credential of one upload. Video credentials renew with RefreshUploadVideo, ahead of expiry (at
/// 80% of the lifetime) or when OSS rejects them; image and attached-media credentials cannot be renewed for the
/// same object, so their expiry surfaces as `UploadError.expired`.
actor UploadCredentials {
    let kind: MediaKind
    let mediaId: String
    private let client: VODClient
    private let clock: RequestClock
    private var auth: UploadAuth
    private(set) var generation = 0
    private(set) var refreshes = 0

    init(kind: MediaKind, mediaId: String, auth: UploadAuth, client: VODClient, clock: RequestClock) {
        self.kind = kind
        self.mediaId = mediaId
        self.auth = auth
        self.client = client
        self.clock = clock
    }

    /// A credential good for the next request, renewed first when it is past 80% of its life.
    func current() async throws(UploadError) -> (auth: UploadAuth, generation: Int) {
        if kind == .video && clock.date() >= auth.refreshAt { try await refresh() }
        if clock.date() >= auth.expires && kind != .video {
            throw .expired(
                detail: "the \(kind.rawValue) upload credential expired and cannot be renewed for the same object")
        }
        return (auth, generation)
    }

    /// OSS rejected the credential of `failedGeneration`; renews it unless another request already did.
    func renew(after failedGeneration: Int) async throws(UploadError) -> (auth: UploadAuth, generation: Int) {
        guard kind == .video else {
            throw .expired(
                detail: "the \(kind.rawValue) upload credential expired and cannot be renewed for the same object")
        }
        if failedGeneration == generation { try await refresh() }
        return (auth, generation)
    }

    private func refresh() async throws(UploadError) {
        let response = try await UploadAPI.call(client, "RefreshUploadVideo", ["VideoId": mediaId], idempotent: true)
        guard let text = response["UploadAuth"]?.string, let fresh = UploadAuth.decode(text, now: clock.date())
        else {
            throw .expired(detail: "RefreshUploadVideo returned no usable UploadAuth")
        }
        auth = fresh
        generation += 1
        refreshes += 1
    }
}

/// VOD calls of the upload flow, with errors mapped to `UploadError`.
enum UploadAPI {
    static func call(_ client: VODClient, _ action: String, _ parameters: [String: String], idempotent: Bool)
        async throws(UploadError) -> [String: LooseJSON]
    {
        let response: VODResponse
        do {
            response = try await client.call(
                action: action, httpMethod: "POST", parameters: parameters, idempotent: idempotent)
        } catch {
            if error.code == "Network.Cancelled" { throw .cancelled(resumable: false) }
            throw .api(
                code: error.code, message: error.description, requestId: error.requestId, httpStatus: error.httpStatus)
        }
        guard let object = LooseJSON.parse(response.body)?.object else {
            throw .api(
                code: "Response.Malformed", message: "\(action) answered with a body that is not a JSON object",
                requestId: response.requestId, httpStatus: response.httpStatus)
        }
        return object
    }
}
