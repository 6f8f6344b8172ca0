import FoundationEssentials
import Synchronization
import TextSupport
import VODSigning

extension RPCService {
    static let videoExtensions: Set<String> = [
        "mp4", "mov", "flv", "avi", "mkv", "m3u8", "ts", "wmv", "webm", "mpg", "mpeg", "3gp", "m4v", "f4v", "rmvb",
        "mp3", "wav", "m4a", "aac", "flac", "ogg", "wma", "ape",
    ]

    var endpoint: String { store.endpoint.withLock { $0 } }

    func objectURL(_ key: String) -> String {
        endpoint + "/" + store.bucket + "/" + PercentEncoding.encodePath(key)
    }

    /// The object's URL signed with Type A `auth_key`, valid for `ttl` seconds from now.
    func signedURL(_ key: String, ttl: Int64 = 3600) -> String {
        let path = "/" + store.bucket + "/" + PercentEncoding.encodePath(key)
        let expires = store.now().addingTimeInterval(TimeInterval(ttl))
        return endpoint + path + "?auth_key="
            + store.urlSigner.authKey(path: path, expires: expires, rand: randomHex(16))
    }

    /// The base64 UploadAddress and UploadAuth pair for one object.
    func uploadPair(key: String, prefix: String? = nil) -> [(String, JSON)] {
        let bucket = store.bucket
        let ttl = store.configuration.uploadCredentialTTL
        let credential = store.issueCredential(ttl: ttl, bucket: bucket, key: key)
        var address: [(String, JSON)] = [
            ("Endpoint", .string(endpoint)), ("Bucket", .string(bucket)), ("FileName", .string(key)),
        ]
        if let prefix { address.append(("ObjectPrefix", .string(prefix))) }
        let auth: JSON = .object([
            ("SecurityToken", .string(credential.securityToken)), ("AccessKeyId", .string(credential.accessKeyId)),
            ("ExpireUTCTime", iso(credential.expiration)), ("AccessKeySecret", .string(credential.accessKeySecret)),
            ("Expiration", .string(String(Int(ttl.timeInterval)))), ("Region", .string(store.configuration.region)),
        ])
        return [
            ("UploadAddress", .string(Array(JSON.object(address).serialized().utf8).base64String)),
            ("UploadAuth", .string(Array(auth.serialized().utf8).base64String)),
        ]
    }

    func checkApp(_ context: RPCContext) throws(RPCFailure) -> String {
        let appId = context.string("AppId") ?? "app-1000000"
        guard store.read({ $0.apps[appId] }) != nil else {
            throw RPCFailure.notFound("InvalidAppId.NotFound", "The application \(appId) does not exist.")
        }
        return appId
    }

    func checkStorage(_ context: RPCContext) throws(RPCFailure) {
        if let location = context.string("StorageLocation"), location != store.bucket {
            throw RPCFailure.notFound(
                "InvalidStorage.NotFound", "The storage location \(location) is not a storage of this sandbox.")
        }
    }

    func checkCategory(_ cateId: Int64?) throws(RPCFailure) {
        guard let cateId else { return }
        guard store.read({ $0.categories[cateId] }) != nil else {
            throw RPCFailure.notFound("InvalidCateId.NotFound", "The category \(cateId) does not exist.")
        }
    }

    func resolveTemplateGroup(_ id: String?) throws(RPCFailure) -> String {
        if let id {
            guard store.read({ $0.transcodeGroups[id] }) != nil else {
                throw RPCFailure.notFound(
                    "InvalidTemplateGroupId.NotFound", "The transcode template group \(id) does not exist.")
            }
            return id
        }
        return store.read { state in
            state.transcodeGroups.values.first { $0.isDefault }?.id ?? SandboxSnapshot.defaultGroup
        }
    }

    func createUploadVideo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let title = try context.required("Title")
        let fileName = try context.required("FileName")
        let ext = PathText.pathExtension(fileName).lowercased()
        guard Self.videoExtensions.contains(ext) else {
            throw RPCFailure(
                status: 400, code: "InvalidFileName.Extension",
                message: "The FileName \"\(fileName)\" needs a media extension such as .mp4.")
        }
        guard title.utf8.count <= 128 else {
            throw RPCFailure(status: 400, code: "LengthExceededMax", message: "Title is longer than 128 bytes.")
        }
        if context.list("Tags").count > 16 {
            throw RPCFailure(status: 400, code: "TagsExceededMax", message: "At most 16 tags are allowed.")
        }
        let appId = try checkApp(context)
        try checkStorage(context)
        let cateId = try context.int("CateId")
        try checkCategory(cateId)
        let group = try resolveTemplateGroup(context.string("TemplateGroupId"))
        let videoId = randomHex()
        let folder = randomHex(8)
        let key = "sv/\(folder)/\(folder).\(ext)"
        let now = store.now()
        let video = VideoRecord(
            videoId: videoId, title: title, description: context.string("Description"), fileName: fileName,
            fileSize: try context.int("FileSize"), cateId: cateId, tags: context.string("Tags"),
            coverURL: context.string("CoverURL"), userData: context.string("UserData"), templateGroupId: group,
            appId: appId, storageLocation: store.bucket, bucket: store.bucket, objectKey: key, creationTime: now,
            modificationTime: now, uploadedAt: nil, baseStatus: "Uploading")
        store.mutate { $0.videos[videoId] = video }
        return [("VideoId", .string(videoId))] + uploadPair(key: key, prefix: ext == "m3u8" ? "sv/\(folder)/" : nil)
    }

    func refreshUploadVideo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        return [("VideoId", .string(video.videoId))] + uploadPair(key: video.objectKey)
    }

    func createUploadImage(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let type = try context.required("ImageType")
        guard ["default", "cover", "watermark"].contains(type) else {
            throw RPCFailure.invalid("ImageType", "Use default, cover or watermark.")
        }
        let ext = (context.string("ImageExt") ?? "png").lowercased()
        guard ["png", "jpg", "jpeg", "gif"].contains(ext) else {
            throw RPCFailure.invalid("ImageExt", "Use png, jpg, jpeg or gif.")
        }
        let asset = try makeAsset(
            context, kind: "image", typeName: type, ext: ext, key: { "image/\(type)/\($0).\(ext)" })
        let url = signedURL(asset.objectKey)
        return [("ImageId", .string(asset.id)), ("ImageURL", .string(url)), ("FileURL", .string(url))]
            + uploadPair(key: asset.objectKey)
    }

    func createUploadAttachedMedia(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let type = try context.required("BusinessType")
        let fromName = context.string("FileName").map { PathText.pathExtension($0).lowercased() }
        guard let ext = context.string("MediaExt")?.lowercased() ?? fromName, !ext.isEmpty else {
            throw RPCFailure.missing("MediaExt")
        }
        let asset = try makeAsset(context, kind: "attached", typeName: type, ext: ext, key: { "attached/\($0).\(ext)" })
        let url = signedURL(asset.objectKey)
        return [("MediaId", .string(asset.id)), ("MediaURL", .string(url)), ("FileURL", .string(url))]
            + uploadPair(key: asset.objectKey)
    }

    private func makeAsset(
        _ context: RPCContext, kind: String, typeName: String, ext: String, key makeKey: (String) -> String
    ) throws(RPCFailure) -> AssetRecord {
        let appId = try checkApp(context)
        try checkStorage(context)
        let cateId = try context.int("CateId") ?? context.list("CateIds").first.flatMap { Int64($0) }
        try checkCategory(cateId)
        let id = randomHex()
        let key = makeKey(id)
        let now = store.now()
        let asset = AssetRecord(
            id: id, kind: kind, title: context.string("Title"), description: context.string("Description"),
            tags: context.string("Tags"), cateId: cateId, typeName: typeName, ext: ext, appId: appId,
            storageLocation: store.bucket, bucket: store.bucket, objectKey: key, url: objectURL(key), creationTime: now,
            modificationTime: now, status: "Uploading", size: nil, userData: context.string("UserData"))
        store.mutate { $0.assets[id] = asset }
        return asset
    }

    func uploadMediaByURL(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let urls = context.list("UploadURLs").map { PercentEncoding.decode($0) ?? $0 }
        guard !urls.isEmpty, urls.count <= 20 else { throw RPCFailure.invalid("UploadURLs", "Send 1 to 20 URLs.") }
        for url in urls {
            if case .failure(let failure) = LoopbackPull.check(url) {
                throw RPCFailure.invalid("UploadURLs", failure.message)
            }
        }
        var metadata: [String: [String: Any]] = [:]
        if let text = context.string("UploadMetadatas") {
            guard let list = JSON.parse(text) as? [[String: Any]] else {
                throw RPCFailure.invalid("UploadMetadatas", "It must be a JSON array of objects.")
            }
            for item in list {
                if let source = item["SourceURL"] as? String {
                    metadata[PercentEncoding.decode(source) ?? source] = item
                }
            }
        }
        let appId = try checkApp(context)
        let defaultGroup = try resolveTemplateGroup(context.string("TemplateGroupId"))
        var jobs: [JSON] = []
        for url in urls {
            let meta = metadata[url] ?? [:]
            let name = URL(string: url)?.lastPathComponent ?? "media.mp4"
            let ext = PathText.pathExtension(name).lowercased()
            let folder = randomHex(8)
            let key = "sv/\(folder)/\(folder).\(ext.isEmpty ? "mp4" : ext)"
            let group =
                try (meta["TemplateGroupId"] as? String).map { id throws(RPCFailure) in
                    try resolveTemplateGroup(id)
                } ?? defaultGroup
            let now = store.now()
            let video = VideoRecord(
                videoId: randomHex(), title: meta["Title"] as? String ?? name,
                description: meta["Description"] as? String,
                fileName: name, fileSize: nil, cateId: (meta["CateId"] as? JSONNumber)?.int64Value,
                tags: meta["Tags"] as? String, coverURL: nil, userData: context.string("UserData"),
                templateGroupId: group, appId: appId, storageLocation: store.bucket, bucket: store.bucket,
                objectKey: key,
                creationTime: now, modificationTime: now, uploadedAt: nil, baseStatus: "Uploading")
            let job = JobRecord(
                jobId: randomHex(), type: "URLUpload", mediaId: video.videoId, status: "PENDING", sourceURL: url,
                userData: context.string("UserData"), creationTime: now)
            store.mutate {
                $0.videos[video.videoId] = video
                $0.jobs[job.jobId] = job
            }
            fetcher.start(jobId: job.jobId, url: url, bucket: store.bucket, key: key)
            jobs.append(.object([("JobId", .string(job.jobId)), ("SourceURL", .string(url))]))
        }
        return [("UploadJobs", .array(jobs))]
    }

    func getURLUploadInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("JobIds")
        let urls = context.list("UploadURLs").map { PercentEncoding.decode($0) ?? $0 }
        guard !ids.isEmpty || !urls.isEmpty else { throw RPCFailure.missing("JobIds") }
        let jobs = store.read { state in state.jobs.values.filter { $0.type == "URLUpload" } }
        var found: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            if let job = jobs.first(where: { $0.jobId == id }) {
                found.append(urlJob(job))
            } else {
                missing.append(.string(id))
            }
        }
        for url in urls {
            let matches = jobs.filter { $0.sourceURL == url }.sorted { $0.creationTime < $1.creationTime }
            if matches.isEmpty { missing.append(.string(url)) } else { found += matches.map(urlJob) }
        }
        return [("URLUploadInfoList", .array(found)), ("NonExists", .array(missing))]
    }

    private func urlJob(_ job: JobRecord) -> JSON {
        .object([
            ("JobId", .string(job.jobId)), ("UploadURL", optional(job.sourceURL)), ("MediaId", .string(job.mediaId)),
            ("Status", .string(job.status)), ("FileSize", .string(job.fileSize.map(String.init) ?? "")),
            ("CreationTime", iso(job.creationTime)), ("CompleteTime", job.completeTime.map(iso) ?? .string("")),
            ("ErrorCode", .string(job.errorCode ?? "")), ("ErrorMessage", .string(job.errorMessage ?? "")),
            ("UserData", .string(job.userData ?? "")), ("RegisteredMediaId", .string("")),
        ])
    }
}
