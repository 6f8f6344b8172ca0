import FoundationEssentials
import TextSupport
import VODSigning

extension RPCService {
    func requireVideo(_ id: String) throws(RPCFailure) -> VideoRecord {
        guard let video = store.read({ $0.videos[id] }) else {
            throw RPCFailure.notFound("InvalidVideo.NotFound", "The video \(id) does not exist.")
        }
        return video
    }

    /// Which read shows a video; each SDK model declares its own set of keys.
    enum VideoView: Sendable {
        /// GetVideoInfo and GetVideoList: snapshots wrapped as `{"Snapshot": [...]}`.
        case info
        /// GetVideoInfos: a plain snapshot list, no RegionId or AuditStatus.
        case infos
        /// SearchMedia's Video object.
        case search
        /// BatchGetMediaInfos' MediaInfo.
        case batch

        /// Keys of the full record this view leaves out.
        var omitted: Set<String> {
            switch self {
            case .info: []
            case .infos: ["RegionId", "AuditStatus"]
            case .search: ["TemplateGroupId", "RegionId", "UserData", "AuditStatus"]
            case .batch: ["VideoId", "Duration", "Size", "RegionId", "AuditStatus"]
            }
        }
    }

    /// One video as the read operations show it, shaped for `view`.
    func videoJSON(_ video: VideoRecord, view: VideoView = .info) -> JSON {
        let cateName = video.cateId.flatMap { id in store.read { $0.categories[id]?.cateName } }
        let status = store.status(of: video)
        let snapshots = snapshotURLs(video.videoId).map(JSON.string)
        var fields: [(String, JSON)] = [
            ("VideoId", .string(video.videoId)), ("Title", .string(video.title)),
            ("Description", optional(video.description)), ("Duration", .double(video.duration)),
            ("CoverURL", optional(video.coverURL)), ("Status", .string(status)),
            ("CreationTime", iso(video.creationTime)), ("ModificationTime", iso(video.modificationTime)),
            ("Size", .int(video.size ?? video.fileSize ?? 0)), ("StorageLocation", .string(video.storageLocation)),
            ("TemplateGroupId", .string(video.templateGroupId)), ("AppId", .string(video.appId)),
            ("RegionId", .string(store.configuration.region)), ("Tags", optional(video.tags)),
            ("Snapshots", view == .info ? .object([("Snapshot", .array(snapshots))]) : .array(snapshots)),
            ("StorageClass", .string(video.storageClass ?? "Standard")), ("DownloadSwitch", .string("on")),
            ("ReferenceId", .string(video.referenceId ?? "")),
        ]
        if view == .batch { fields.append(("MediaId", .string(video.videoId))) }
        if view == .search {
            fields.append(("MediaSource", .string("general")))
            fields.append(
                (
                    "TranscodeMode",
                    .string(video.templateGroupId == SandboxSnapshot.noTranscodeGroup ? "NoTranscode" : "FastTranscode")
                ))
        }
        if let cateId = video.cateId {
            fields.append(("CateId", .int(cateId)))
            fields.append(("CateName", optional(cateName)))
        }
        if let userData = video.userData { fields.append(("UserData", .string(userData))) }
        if let audit = video.auditStatus { fields.append(("AuditStatus", .string(audit))) }
        let omitted = view.omitted
        return .object(fields.filter { !omitted.contains($0.0) })
    }

    /// Which read shows an image or attached media (their SDK models differ).
    enum AssetView: Sendable {
        case full, image, attached
    }

    func assetJSON(_ asset: AssetRecord, view: AssetView = .full) -> JSON {
        let url = signedURL(asset.objectKey)
        let category = asset.cateId.flatMap { id in store.read { $0.categories[id] } }
        var fields: [(String, JSON)] = [
            (asset.kind == "image" ? "ImageId" : "MediaId", .string(asset.id)), ("Title", optional(asset.title)),
            ("Description", optional(asset.description)), ("Tags", optional(asset.tags)),
            ("Status", .string(asset.status)), ("URL", .string(url)),
            ("StorageLocation", .string(asset.storageLocation)),
            ("CreationTime", iso(asset.creationTime)), ("AppId", .string(asset.appId)),
        ]
        switch view {
        case .full:
            fields += [
                ("ModificationTime", iso(asset.modificationTime)), ("RegionId", .string(store.configuration.region)),
                (asset.kind == "image" ? "ImageType" : "BusinessType", .string(asset.typeName)),
                ("Ext", .string(asset.ext)), ("FileSize", .int(asset.size ?? 0)),
            ]
            if let cateId = asset.cateId { fields.append(("CateId", .int(cateId))) }
        case .image:
            fields.append(("ImageType", .string(asset.typeName)))
            if let category {
                fields.append(("CateId", .int(category.cateId)))
                fields.append(("CateName", .string(category.cateName)))
            }
            fields.append(
                (
                    "Mezzanine",
                    .object([
                        ("FileSize", .string(String(asset.size ?? 0))), ("FileURL", .string(url)),
                        ("OriginalFileName", .string(PathText.lastComponent(asset.objectKey))),
                        ("Width", .int(0)), ("Height", .int(0)),
                    ])
                ))
        case .attached:
            fields.append(("ModificationTime", iso(asset.modificationTime)))
            fields.append(("Type", .string(asset.typeName)))
            let categories: [JSON] =
                category.map { category in
                    [
                        .object([
                            ("CateId", .int(category.cateId)), ("CateName", .string(category.cateName)),
                            ("Level", .int(category.level)), ("ParentId", .int(category.parentId)),
                        ])
                    ]
                } ?? []
            fields.append(("Categories", .array(categories)))
        }
        return .object(fields)
    }

    func getVideoInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        [("Video", videoJSON(try requireVideo(try context.required("VideoId"))))]
    }

    func getVideoInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("VideoIds")
        guard ids.count <= 20 else {
            throw RPCFailure(status: 400, code: "VideoIdsExceededMax", message: "At most 20 VideoIds per call.")
        }
        let videos = store.read { state in ids.map { state.videos[$0] } }
        return [
            ("VideoList", .array(videos.compactMap { $0.map { videoJSON($0, view: .infos) } })),
            ("NonExistVideoIds", .array(zip(ids, videos).filter { $0.1 == nil }.map { .string($0.0) })),
        ]
    }

    func getVideoList(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let statuses = Set(context.list("Status"))
        let cateId = try context.int("CateId")
        let start = try context.date("StartTime")
        let end = try context.date("EndTime")
        let ascending = context.string("SortBy")?.lowercased() == "creationtime:asc"
        var videos = store.read { Array($0.videos.values) }.filter { video in
            (statuses.isEmpty || statuses.contains(store.status(of: video)))
                && (cateId == nil || video.cateId == cateId)
                && (start.map { video.creationTime >= $0 } ?? true) && (end.map { video.creationTime <= $0 } ?? true)
        }
        videos.sort { ascending ? Self.earlier($0, $1) : Self.earlier($1, $0) }
        return [
            ("Total", .int(videos.count)),
            ("VideoList", .object([("Video", .array(videos.page(page).map { videoJSON($0) }))])),
        ]
    }

    static func earlier(_ a: VideoRecord, _ b: VideoRecord) -> Bool {
        a.creationTime != b.creationTime ? a.creationTime < b.creationTime : a.videoId < b.videoId
    }

    func searchMedia(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let type = (context.string("SearchType") ?? "video").lowercased()
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let match: SearchMatch?
        if let text = context.string("Match") {
            do { match = try SearchMatch.parse(text) } catch {
                throw RPCFailure(status: 400, code: "ErrorMatchSyntax", message: "Match is not valid: \(error.message)")
            }
        } else {
            match = nil
        }
        let ascending = context.string("SortBy")?.lowercased() == "creationtime:asc"
        let scrolls = type == "video" || type == "audio"
        try checkSearchPosition(page, scrolls: scrolls, token: context.string("ScrollToken"))
        var items: [(id: String, created: Date, json: JSON)] = []
        switch type {
        case "video", "audio":
            for video in store.read({ Array($0.videos.values) }) {
                let fields: [String: String] = [
                    "Title": video.title, "Status": store.status(of: video),
                    "CateId": video.cateId.map(String.init) ?? "",
                    "VideoId": video.videoId, "MediaId": video.videoId, "Tags": video.tags ?? "",
                    "Description": video.description ?? "", "AppId": video.appId,
                    "StorageLocation": video.storageLocation,
                ]
                guard match?.matches(fields) ?? true else { continue }
                items.append(
                    (
                        video.videoId, video.creationTime,
                        .object([
                            ("MediaType", .string(type)), ("MediaId", .string(video.videoId)),
                            ("CreationTime", iso(video.creationTime)),
                            (type == "audio" ? "Audio" : "Video", videoJSON(video, view: .search)),
                        ])
                    ))
            }
        case "image", "attached":
            for asset in store.read({ Array($0.assets.values) }) where asset.kind == type {
                let fields: [String: String] = [
                    "Title": asset.title ?? "", "Status": asset.status, "CateId": asset.cateId.map(String.init) ?? "",
                    "MediaId": asset.id, "ImageId": asset.id, "Tags": asset.tags ?? "", "AppId": asset.appId,
                ]
                guard match?.matches(fields) ?? true else { continue }
                items.append(
                    (
                        asset.id, asset.creationTime,
                        .object([
                            ("MediaType", .string(type)), ("MediaId", .string(asset.id)),
                            ("CreationTime", iso(asset.creationTime)),
                            (type == "image" ? "Image" : "AttachedMedia", assetJSON(asset)),
                        ])
                    ))
            }
        default:
            throw RPCFailure.invalid("SearchType", "Use video, audio, image or attached.")
        }
        items.sort { a, b in
            a.created != b.created ? (ascending ? a.created < b.created : a.created > b.created) : a.id < b.id
        }
        let next: [(String, JSON)] = scrolls ? [("ScrollToken", .string(scrollToken(at: page.number * page.size)))] : []
        return [("Total", .int(items.count))] + next + [("MediaList", .array(items.page(page).map(\.json)))]
    }

    /// SearchMedia pages by number through the first 5,000 records; past them, audio and video go on with the
    /// ScrollToken of the previous page and PageNo advanced with it (SearchMedia API reference). The sandbox's tokens
    /// name the record the next page starts at, so a token sent with the wrong PageNo is caught.
    private func checkSearchPosition(
        _ page: (number: Int, size: Int), scrolls: Bool, token: String?
    ) throws(RPCFailure) {
        let start = (page.number - 1) * page.size
        if let token {
            guard scrolls, let position = Int(token, radix: 16), token.count == 32 else {
                throw RPCFailure.invalid(
                    "ScrollToken", "Pass the ScrollToken of the previous SearchMedia page (audio and video only).")
            }
            guard position == start else {
                throw RPCFailure.invalid(
                    "ScrollToken",
                    "This token continues at record \(position + 1), but PageNo \(page.number) with PageSize "
                        + "\(page.size) starts at record \(start + 1): advance PageNo by one with each ScrollToken.")
            }
            return
        }
        guard start + page.size <= 5000 else {
            throw RPCFailure.invalid(
                "PageNo",
                "Page numbers reach the first 5,000 records. "
                    + (scrolls
                        ? "Go further with the ScrollToken of the previous page, or narrow Match by CreationTime."
                        : "Narrow Match (for example by CreationTime) to reach the rest."))
        }
    }

    private func scrollToken(at position: Int) -> String {
        let hex = String(position, radix: 16)
        return String(repeating: "0", count: max(0, 32 - hex.count)) + hex
    }

    func batchGetMediaInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("MediaIds")
        guard ids.count <= 20 else {
            throw RPCFailure(status: 400, code: "LimitExceeded.MediaIds", message: "At most 20 MediaIds per call.")
        }
        var infos: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            if let video = store.read({ $0.videos[id] }) {
                let status = store.status(of: video)
                let plays =
                    status == "Normal"
                    ? streams(of: video).map {
                        playJSON(video, $0, ttl: 3600, jobId: latestTranscodeJobId(video), group: true)
                    }
                    : []
                let mezzanine: JSON = .object([
                    ("MediaId", .string(id)), ("FileName", .string(video.fileName)),
                    ("FileURL", .string(signedURL(video.objectKey))), ("Size", .int(video.size ?? video.fileSize ?? 0)),
                    ("Status", .string(video.uploadedAt == nil ? "Uploading" : "Normal")),
                    ("CreationTime", iso(video.creationTime)), ("Duration", .string(String(video.duration))),
                    ("Bitrate", .string("0")), ("Fps", .string("25")), ("Width", .int(0)), ("Height", .int(0)),
                    ("FileMD5", .string("")), ("VideoStreamList", .array([])), ("AudioStreamList", .array([])),
                ])
                infos.append(
                    .object([
                        ("MediaId", .string(id)), ("MediaInfo", videoJSON(video, view: .batch)),
                        ("MezzanineInfo", mezzanine), ("PlayInfoList", .array(plays)),
                    ]))
            } else if let asset = store.read({ $0.assets[id] }) {
                infos.append(.object([("MediaId", .string(id)), ("MediaInfo", assetJSON(asset))]))
            } else {
                missing.append(.string(id))
            }
        }
        return [("MediaInfos", .array(infos)), ("NonExistMediaIds", .array(missing))]
    }

    func updateVideoInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("VideoId")
        _ = try requireVideo(id)
        let cateId = try context.int("CateId")
        try checkCategory(cateId)
        if let title = context.string("Title"), title.utf8.count > 128 {
            throw RPCFailure(status: 400, code: "LengthExceededMax", message: "Title is longer than 128 bytes.")
        }
        let now = store.now()
        store.mutate { state in
            guard var video = state.videos[id] else { return }
            if let value = context.string("Title") { video.title = value }
            if let value = context.string("Description") { video.description = value }
            if let value = context.string("Tags") { video.tags = value }
            if let value = context.string("CoverURL") { video.coverURL = value }
            if let value = context.string("UserData") { video.userData = value }
            if let cateId { video.cateId = cateId }
            video.modificationTime = now
            state.videos[id] = video
        }
        return []
    }

    func updateImageInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let updates = JSON.parse(try context.required("UpdateContent")) as? [[String: Any]] else {
            throw RPCFailure.invalid("UpdateContent", "It must be a JSON array of objects with ImageId.")
        }
        var missing: [JSON] = []
        let now = store.now()
        for update in updates {
            guard let id = update["ImageId"] as? String else { throw RPCFailure.missing("ImageId") }
            let found = store.mutate { state -> Bool in
                guard var asset = state.assets[id], asset.kind == "image" else { return false }
                if let value = update["Title"] as? String { asset.title = value }
                if let value = update["Description"] as? String { asset.description = value }
                if let value = update["Tags"] as? String { asset.tags = value }
                if let value = update["CateId"] as? JSONNumber { asset.cateId = value.int64Value }
                asset.modificationTime = now
                state.assets[id] = asset
                return true
            }
            if !found { missing.append(.string(id)) }
        }
        return [("NonExistImageIds", .object([("ImageId", .array(missing))]))]
    }

    func deleteVideo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("VideoIds")
        guard ids.count <= 20 else {
            throw RPCFailure(status: 400, code: "VideoIdsExceededMax", message: "At most 20 VideoIds per call.")
        }
        var missing: [JSON] = []
        for id in ids {
            let removed = store.mutate { state -> VideoRecord? in state.videos.removeValue(forKey: id) }
            if let removed {
                removeObject(bucket: removed.bucket, key: removed.objectKey)
                removeUploadedStreams(of: removed)
            } else {
                missing.append(.string(id))
            }
        }
        return [("NonExistVideoIds", .array(missing)), ("ForbiddenVideoIds", .array([]))]
    }

    func deleteAttachedMedia(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        try deleteAssets(context.list("MediaIds"), kind: "attached", missingKey: "NonExistMediaIds")
    }

    func deleteImage(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let type = try context.required("DeleteImageType")
        guard type == "ImageId" else { throw RPCFailure.invalid("DeleteImageType", "The sandbox supports ImageId.") }
        // DeleteImage's model answers only RequestId.
        _ = try deleteAssets(context.list("ImageIds"), kind: "image", missingKey: "NonExistImageIds")
        return []
    }

    private func deleteAssets(_ ids: [String], kind: String, missingKey: String) throws(RPCFailure) -> [(String, JSON)]
    {
        var missing: [JSON] = []
        for id in ids {
            let removed = store.mutate { state -> AssetRecord? in
                guard state.assets[id]?.kind == kind else { return nil }
                return state.assets.removeValue(forKey: id)
            }
            if let removed {
                removeObject(bucket: removed.bucket, key: removed.objectKey)
            } else {
                missing.append(.string(id))
            }
        }
        return [(missingKey, .array(missing))]
    }

    func removeObject(bucket: String, key: String) {
        let object = store.mutate { $0.objects.removeValue(forKey: SandboxSnapshot.objectKey(bucket, key)) }
        if let object { store.removeSegments(object) }
    }

    func getImageInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("ImageId")
        guard let asset = store.read({ $0.assets[id] }), asset.kind == "image" else {
            throw RPCFailure.notFound("InvalidImage.NotFound", "The image \(id) does not exist.")
        }
        return [("ImageInfo", assetJSON(asset, view: .image))]
    }

    func getAttachedMediaInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("MediaIds")
        var found: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            if let asset = store.read({ $0.assets[id] }), asset.kind == "attached" {
                found.append(assetJSON(asset, view: .attached))
            } else {
                missing.append(.string(id))
            }
        }
        return [("AttachedMediaList", .array(found)), ("NonExistMediaIds", .array(missing))]
    }
}
