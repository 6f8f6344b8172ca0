import FoundationEssentials

/// Dynamic images (animated stills made from a video by a DynamicImage template), live-to-VOD recordings, upload
/// details and storage classes of media.
extension RPCService {
    // MARK: dynamic images

    private func dynamicJobs(_ videoId: String) -> [JobRecord] {
        store.read { state in state.jobs.values.filter { $0.type == "DynamicImage" && $0.mediaId == videoId } }
            .sorted { $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.jobId < $1.jobId }
    }

    private func dynamicKey(_ job: JobRecord) -> String { "dynamic/\(job.mediaId)/\(job.jobId).gif" }

    func submitDynamicImageJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let templateId = try context.required("DynamicImageTemplateId")
        guard let template = store.read({ $0.vodTemplates[templateId] }), template.type == "DynamicImage" else {
            throw RPCFailure.notFound(
                "InvalidVodTemplate.NotFound",
                "No DynamicImage template \(templateId) exists; add one with AddVodTemplate (TemplateType DynamicImage)."
            )
        }
        var settings = JSON.parse(template.config) as? [String: Any] ?? [:]
        if let text = context.string("OverrideParams") {
            guard let overrides = JSON.parse(text) as? [String: Any] else {
                throw RPCFailure.invalid("OverrideParams", "It must be a JSON object of template settings.")
            }
            settings.merge(overrides) { _, new in new }
        }
        let now = store.now()
        var job = JobRecord(
            jobId: randomHex(), type: "DynamicImage", mediaId: video.videoId, status: "Success",
            templateGroupId: templateId, creationTime: now, completeTime: now)
        job.settings = JSON.text(of: settings)
        job.fileSize = Int64(OSSService.dynamicImage.count)
        let saved = job
        store.mutate { $0.jobs[saved.jobId] = saved }
        store.emit(
            "DynamicImageComplete", appId: video.appId,
            fields: [
                ("VideoId", .string(video.videoId)), ("JobId", .string(job.jobId)), ("Status", .string("success")),
                ("DynamicImageUrl", .string(signedURL(dynamicKey(job)))),
            ])
        return [("DynamicImageJob", .object([("JobId", .string(job.jobId))]))]
    }

    func listDynamicImage(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let items: [JSON] = dynamicJobs(video.videoId).map { job in
            let settings = JSON.parse(job.settings ?? "") as? [String: Any] ?? [:]
            let text = { (key: String, fallback: String) -> JSON in
                .string(settings[key].map { ($0 as? String) ?? "\($0)" } ?? fallback)
            }
            let range = (settings["TimeRange"] as? String ?? "").split(separator: ":").compactMap { Double($0) }
            let duration = range.count == 2 ? max(0, range[1] - range[0]) : min(video.duration, 5)
            return .object([
                ("DynamicImageId", .string(job.jobId)), ("JobId", .string(job.jobId)),
                ("VideoId", .string(video.videoId)), ("FileURL", .string(signedURL(dynamicKey(job)))),
                ("Format", text("Format", "gif")), ("Fps", text("Fps", "10")), ("Width", text("Width", "1")),
                ("Height", text("Height", "1")), ("Duration", .string(String(duration))),
                ("FileSize", .string(String(job.fileSize ?? 0))), ("CreationTime", iso(job.creationTime)),
            ])
        }
        return [("DynamicImageList", .array(items))]
    }

    func deleteDynamicImage(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let ids = context.list("DynamicImageIds")
        store.mutate { state in
            for job in state.jobs.values
            where job.type == "DynamicImage" && job.mediaId == video.videoId && (ids.isEmpty || ids.contains(job.jobId))
            {
                state.jobs.removeValue(forKey: job.jobId)
            }
        }
        return []
    }

    // MARK: live to VOD

    /// Recordings of live streams. The sandbox has no ApsaraVideo Live, so no stream is ever recorded: the list is
    /// empty, after the same checks of its arguments as the service.
    func listLiveRecordVideo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try context.page(defaultSize: 10, maxSize: 100)
        let start = try context.date("StartTime")
        let end = try context.date("EndTime")
        if let start, let end, start > end {
            throw RPCFailure.invalid("StartTime", "StartTime must not be after EndTime.")
        }
        if let sort = context.string("SortBy"), !["CreationTime:Desc", "CreationTime:Asc"].contains(sort) {
            throw RPCFailure.invalid("SortBy", "Use CreationTime:Desc or CreationTime:Asc.")
        }
        return [("Total", .int(0)), ("LiveRecordVideoList", .object([("LiveRecordVideo", .array([]))]))]
    }

    // MARK: upload details

    func getUploadDetails(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("MediaIds")
        guard !ids.isEmpty, ids.count <= 20 else { throw RPCFailure.invalid("MediaIds", "Send 1 to 20 ids.") }
        let type = context.string("MediaType") ?? "video"
        guard ["video", "attached"].contains(type) else {
            throw RPCFailure.invalid("MediaType", "Use video or attached.")
        }
        var details: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            if type == "video", let video = store.read({ $0.videos[id] }) {
                let done = video.uploadedAt != nil
                let size = video.size ?? video.fileSize ?? 0
                details.append(
                    uploadDetail(
                        id: id, title: video.title, size: size, done: done, status: store.status(of: video),
                        created: video.creationTime, modified: video.modificationTime, completed: video.uploadedAt))
            } else if type == "attached", let asset = store.read({ $0.assets[id] }), asset.kind == "attached" {
                let done = asset.status == "Normal"
                details.append(
                    uploadDetail(
                        id: id, title: asset.title ?? "", size: asset.size ?? 0, done: done, status: asset.status,
                        created: asset.creationTime, modified: asset.modificationTime,
                        completed: done ? asset.modificationTime : nil))
            } else {
                missing.append(.string(id))
            }
        }
        return [
            ("UploadDetails", .array(details)), ("NonExistMediaIds", .array(missing)),
            ("ForbiddenMediaIds", .array([])),
        ]
    }

    private func uploadDetail(
        id: String, title: String, size: Int64, done: Bool, status: String, created: Date, modified: Date,
        completed: Date?
    ) -> JSON {
        .object([
            ("MediaId", .string(id)), ("Title", .string(title)), ("FileSize", .int(size)),
            ("Status", .string(status)), ("UploadStatus", .string(done ? "Normal" : "Uploading")),
            ("UploadSize", .int(done ? size : 0)), ("UploadRatio", .double(done ? 1 : 0)),
            ("UploadIP", .string("127.0.0.1")), ("UploadSource", .string("OpenAPI")),
            ("DeviceModel", .string("")), ("CreationTime", iso(created)), ("ModificationTime", iso(modified)),
            ("CompletionTime", completed.map(iso) ?? .string("")),
        ])
    }

    // MARK: storage classes

    private static let storageClasses = [
        "Standard", "IA", "Archive", "ColdArchive", "SourceIA", "SourceArchive",
        "SourceColdArchive",
    ]

    func updateMediaStorageClass(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let target = try context.required("StorageClass")
        guard Self.storageClasses.contains(target) else {
            throw RPCFailure.invalid("StorageClass", "Use one of \(Self.storageClasses.joined(separator: ", ")).")
        }
        let ids = try storageBatchIds(context)
        let batch = storageBatch(ids) { id, video in
            guard (video.storageClass ?? "Standard") != target else { return false }
            store.mutate {
                $0.videos[id]?.storageClass = target
                $0.videos[id]?.restoreExpiration = nil
                $0.videos[id]?.modificationTime = store.now()
            }
            return true
        }
        return [("Status", .string(batch.refused == ids.count ? "Failed" : "Processing"))] + batch.lists
    }

    func restoreMedia(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = try storageBatchIds(context)
        let days = Int(context.string("RestoreDays") ?? "1") ?? 0
        guard (1...365).contains(days) else { throw RPCFailure.invalid("RestoreDays", "Use 1 to 365 days.") }
        let batch = storageBatch(ids) { id, video in
            guard (video.storageClass ?? "Standard").contains("Archive") else { return false }
            let until = store.now().addingTimeInterval(Double(days) * 86_400)
            let now = store.now()
            store.mutate {
                $0.videos[id]?.restoreExpiration = until
                $0.videos[id]?.restoredAt = now
            }
            return true
        }
        return [("Success", .bool(batch.refused < ids.count))] + batch.lists
    }

    /// The MediaIds of a storage-class batch (UpdateMediaStorageClass, RestoreMedia): 1 to 20.
    private func storageBatchIds(_ context: RPCContext) throws(RPCFailure) -> [String] {
        let ids = context.list("MediaIds")
        guard !ids.isEmpty, ids.count <= 20 else { throw RPCFailure.invalid("MediaIds", "Send 1 to 20 ids.") }
        return ids
    }

    /// Applies `change` to each known video of a storage-class batch: unknown ids are refused (MediaNotExist), those
    /// `change` declines (already in the class, or nothing to restore) are ignored; returns the service's two lists.
    private func storageBatch(
        _ ids: [String], change: (String, VideoRecord) -> Bool
    ) -> (refused: Int, lists: [(String, JSON)]) {
        var ignored: [JSON] = []
        var forbidden: [JSON] = []
        for id in ids {
            guard let video = store.read({ $0.videos[id] }) else {
                forbidden.append(.object([("MediaId", .string(id)), ("Reason", .string("MediaNotExist"))]))
                continue
            }
            if !change(id, video) { ignored.append(.string(id)) }
        }
        return (
            forbidden.count,
            [
                ("IgnoredList", .object([("MediaId", .array(ignored))])),
                ("ForbiddenList", .object([("MediaForbiddenReasonDTO", .array(forbidden))])),
            ]
        )
    }
}
