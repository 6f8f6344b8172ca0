import FoundationEssentials

/// `/_sandbox/...`: inspect state and control faults from another process.
///
/// Every request needs `Authorization: Bearer <token>` where the token is the admin token printed at start or the
/// sandbox's AccessKey secret.
///
/// - `GET /_sandbox/state`: bucket, counts, videos with their current status, active faults.
/// - `POST /_sandbox/faults`: body is one `SandboxFault` or an array of them (JSON); answers the active list.
/// - `DELETE /_sandbox/faults`: removes all faults.
/// - `POST /_sandbox/sts`: body `{"ttlSeconds": N}`; issues an STS triple accepted by RPC and OSS.
struct AdminEndpoint: Sendable {
    let store: SandboxStore

    func handle(_ request: IncomingRequest) -> OutgoingResponse {
        let requestId = store.nextRequestId()
        let token =
            request.header("authorization").map { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : $0 }
            ?? request.header("x-sandbox-admin-token")
        guard let token, constantTimeEqual(token, store.adminToken) || constantTimeEqual(token, store.accessKeySecret)
        else {
            return failure(
                403, "Sandbox.AdminDenied", "Send Authorization: Bearer <admin token> (printed at start).", requestId)
        }
        let path = request.rawPath
        switch (request.method, path) {
        case ("GET", "/_sandbox/state"):
            return .json(200, stateJSON(requestId), requestId: requestId)
        case ("POST", "/_sandbox/faults"):
            let decoder = JSONDecoder()
            let data = Data(request.body)
            if let many = try? decoder.decode([SandboxFault].self, from: data) {
                many.forEach(store.addFault)
            } else if let one = try? decoder.decode(SandboxFault.self, from: data) {
                store.addFault(one)
            } else {
                return failure(
                    400, "InvalidParameter",
                    "The body must be a fault like {\"kind\":\"throttling\",\"operations\":[\"GetVideoInfo\"],\"rate\":1,\"count\":1,\"latencyMilliseconds\":0}; kinds: "
                        + SandboxFault.Kind.allCases.map(\.rawValue).joined(separator: ", "), requestId)
            }
            return .json(
                200, .object([("RequestId", .string(requestId)), ("Faults", faultsJSON())]), requestId: requestId)
        case ("DELETE", "/_sandbox/faults"):
            store.clearFaults()
            return .json(
                200, .object([("RequestId", .string(requestId)), ("Faults", .array([]))]), requestId: requestId)
        case ("POST", "/_sandbox/sts"):
            let body = JSON.parse(String(decoding: request.body, as: UTF8.self)) as? [String: Any]
            let ttl = (body?["ttlSeconds"] as? JSONNumber)?.intValue ?? 3600
            let credential = store.issueCredential(ttl: .seconds(ttl), bucket: nil, key: nil)
            return .json(
                200,
                .object([
                    ("RequestId", .string(requestId)), ("AccessKeyId", .string(credential.accessKeyId)),
                    ("AccessKeySecret", .string(credential.accessKeySecret)),
                    ("SecurityToken", .string(credential.securityToken)), ("Expiration", iso(credential.expiration)),
                ]), requestId: requestId)
        default:
            return failure(
                404, "Sandbox.NotFound", "Use GET /_sandbox/state, POST|DELETE /_sandbox/faults or POST /_sandbox/sts.",
                requestId)
        }
    }

    private func failure(_ status: Int, _ code: String, _ message: String, _ requestId: String) -> OutgoingResponse {
        .json(
            status,
            .object([
                ("RequestId", .string(requestId)), ("HostId", .string("127.0.0.1")), ("Code", .string(code)),
                ("Message", .string(message)),
            ]), requestId: requestId)
    }

    private func faultsJSON() -> JSON {
        .array(
            store.activeFaults().map { fault in
                .object([
                    ("kind", .string(fault.kind.rawValue)),
                    ("operations", fault.operations.map { .array($0.map(JSON.string)) } ?? .null),
                    ("rate", .double(fault.rate)), ("count", fault.count.map { .int($0) } ?? .null),
                    ("latencyMilliseconds", .int(fault.latencyMilliseconds)),
                ])
            })
    }

    private func stateJSON(_ requestId: String) -> JSON {
        let state = store.read { $0 }
        let videos = state.videos.values.sorted {
            $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.videoId < $1.videoId
        }
        let images = state.assets.values.filter { $0.kind == "image" }.count
        let attached = state.assets.count - images
        let counts: [(String, JSON)] = [
            ("Videos", .int(state.videos.count)), ("Images", .int(images)), ("AttachedMedia", .int(attached)),
            ("Categories", .int(state.categories.count)),
            ("TranscodeTemplateGroups", .int(state.transcodeGroups.count)),
            ("VodTemplates", .int(state.vodTemplates.count)), ("AITemplates", .int(state.aiTemplates.count)),
            ("Watermarks", .int(state.watermarks.count)), ("Domains", .int(state.domains.count)),
            ("Apps", .int(state.apps.count)), ("Jobs", .int(state.jobs.count)), ("Objects", .int(state.objects.count)),
            ("MultipartUploads", .int(state.multiparts.count)),
        ]
        var videoList: [JSON] = []
        for video in videos {
            let fields: [(String, JSON)] = [
                ("VideoId", .string(video.videoId)), ("Title", .string(video.title)),
                ("Status", .string(store.status(of: video))), ("Size", .int(video.size ?? 0)),
                ("ObjectKey", .string(video.objectKey)),
            ]
            videoList.append(.object(fields))
        }
        return .object([
            ("RequestId", .string(requestId)), ("Bucket", .string(state.bucket)), ("Counts", .object(counts)),
            ("Videos", .array(videoList)), ("Faults", faultsJSON()),
        ])
    }
}
