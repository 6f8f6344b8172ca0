import FoundationEssentials

/// Online editing: projects with a timeline, their materials, and producing a video from them. Producing copies the
/// first clip's source file into a new video that then goes through the usual upload → transcode path, so the
/// produced MediaId is playable like any other video.
extension RPCService {
    private func project(_ id: String) throws(RPCFailure) -> EditingProjectRecord {
        guard let record = store.read({ $0.editingProjects?[id] }) else {
            throw RPCFailure.notFound("InvalidProject.NotFound", "The editing project \(id) does not exist.")
        }
        return record
    }

    private func saveProject(_ record: EditingProjectRecord) {
        store.mutate { state in
            var all = state.editingProjects ?? [:]
            all[record.projectId] = record
            state.editingProjects = all
        }
    }

    /// The media ids a timeline's video and audio clips name, in order, each once.
    static func timelineMedia(_ timeline: String?) -> [String] {
        guard let timeline, let root = JSON.parse(timeline) as? [String: Any] else { return [] }
        var ids: [String] = []
        for (trackKey, clipKey) in [("VideoTracks", "VideoTrackClips"), ("AudioTracks", "AudioTrackClips")] {
            for track in root[trackKey] as? [[String: Any]] ?? [] {
                for clip in track[clipKey] as? [[String: Any]] ?? [] {
                    if let id = clip["MediaId"] as? String, !ids.contains(id) { ids.append(id) }
                }
            }
        }
        return ids
    }

    /// Seconds a timeline lasts: the longest track, each clip Out - In (or the clip's media duration).
    private func timelineDuration(_ timeline: String?) -> Double {
        guard let timeline, let root = JSON.parse(timeline) as? [String: Any] else { return 0 }
        var longest = 0.0
        for track in root["VideoTracks"] as? [[String: Any]] ?? [] {
            var total = 0.0
            for clip in track["VideoTrackClips"] as? [[String: Any]] ?? [] {
                let start = (clip["In"] as? JSONNumber)?.doubleValue ?? 0
                if let end = (clip["Out"] as? JSONNumber)?.doubleValue {
                    total += max(0, end - start)
                } else if let id = clip["MediaId"] as? String, let video = store.read({ $0.videos[id] }) {
                    total += max(0, video.duration - start)
                }
            }
            longest = max(longest, total)
        }
        return longest
    }

    private func checkTimeline(_ context: RPCContext) throws(RPCFailure) -> String? {
        guard let text = context.string("Timeline") else { return nil }
        guard JSON.parse(text) is [String: Any] else {
            throw RPCFailure.invalid("Timeline", "It must be a JSON object with VideoTracks (and AudioTracks).")
        }
        return text
    }

    func addEditingProject(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let title = try context.required("Title")
        let timeline = try checkTimeline(context)
        let now = store.now()
        let record = EditingProjectRecord(
            projectId: randomHex(), title: title, description: context.string("Description"),
            coverURL: context.string("CoverURL"), timeline: timeline, status: "Normal", creationTime: now,
            modificationTime: now, materials: Self.timelineMedia(timeline))
        saveProject(record)
        return [
            (
                "Project",
                .object([
                    ("ProjectId", .string(record.projectId)), ("Title", .string(record.title)),
                    ("Description", .string(record.description ?? "")), ("Status", .string(record.status)),
                    ("CreationTime", iso(record.creationTime)), ("ModifiedTime", iso(record.modificationTime)),
                ])
            )
        ]
    }

    private func projectJSON(_ record: EditingProjectRecord, listed: Bool) -> JSON {
        var fields: [(String, JSON)] = [
            ("ProjectId", .string(record.projectId)), ("Title", .string(record.title)),
            ("Description", .string(record.description ?? "")), ("CoverURL", .string(record.coverURL ?? "")),
            ("Status", .string(record.status)), ("RegionId", .string(store.configuration.region)),
            ("StorageLocation", .string(store.bucket)), ("CreationTime", iso(record.creationTime)),
            ("ModifiedTime", iso(record.modificationTime)),
        ]
        if listed {
            fields.append(("Duration", .double(timelineDuration(record.timeline))))
        } else {
            fields.append(("Timeline", .string(record.timeline ?? "")))
        }
        return .object(fields)
    }

    func getEditingProject(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        [("Project", projectJSON(try project(try context.required("ProjectId")), listed: false))]
    }

    func updateEditingProject(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var record = try project(try context.required("ProjectId"))
        if let title = context.string("Title") { record.title = title }
        if let description = context.string("Description") { record.description = description }
        if let cover = context.string("CoverURL") { record.coverURL = cover }
        if let timeline = try checkTimeline(context) {
            record.timeline = timeline
            for id in Self.timelineMedia(timeline) where !record.materials.contains(id) { record.materials.append(id) }
        }
        record.modificationTime = store.now()
        saveProject(record)
        return []
    }

    func deleteEditingProject(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("ProjectIds")
        guard !ids.isEmpty, ids.count <= 20 else { throw RPCFailure.invalid("ProjectIds", "Send 1 to 20 ids.") }
        store.mutate { state in
            for id in ids { state.editingProjects?.removeValue(forKey: id) }
        }
        return []
    }

    func searchEditingProject(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let start = try context.date("StartTime")
        let end = try context.date("EndTime")
        let title = context.string("Title")
        let statuses = Set(context.list("Status"))
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let descending = (context.string("SortBy") ?? "CreationTime:Desc") != "CreationTime:Asc"
        let found = (store.read { $0.editingProjects } ?? [:]).values.filter { record in
            (start == nil || record.creationTime >= start!) && (end == nil || record.creationTime <= end!)
                && (title == nil || record.title.contains(title!))
                && (statuses.isEmpty || statuses.contains(record.status))
        }.sorted {
            $0.creationTime != $1.creationTime
                ? (descending ? $0.creationTime > $1.creationTime : $0.creationTime < $1.creationTime)
                : $0.projectId < $1.projectId
        }
        return [
            ("Total", .int(found.count)),
            ("ProjectList", .object([("Project", .array(found.page(page).map { projectJSON($0, listed: true) }))])),
        ]
    }

    /// One material (a video or an image of the sandbox); `added` is AddEditingProjectMaterials' flat form.
    private func materialJSON(_ id: String, added: Bool) -> JSON? {
        let video = store.read { $0.videos[id] }
        let asset = store.read { $0.assets[id] }
        guard video != nil || asset?.kind == "image" else { return nil }
        let cateId = video?.cateId ?? asset?.cateId
        let cateName = cateId.flatMap { cate in store.read { $0.categories[cate]?.cateName } } ?? ""
        let created = video?.creationTime ?? asset?.creationTime ?? store.now()
        let modified = video?.modificationTime ?? asset?.modificationTime ?? created
        var fields: [(String, JSON)] = [
            ("MaterialId", .string(id)), ("MaterialType", .string(video != nil ? "video" : "image")),
            ("Title", .string(video?.title ?? asset?.title ?? "")),
            ("Description", .string(video?.description ?? asset?.description ?? "")),
            ("Tags", .string(video?.tags ?? asset?.tags ?? "")),
            ("CoverURL", .string(video?.coverURL ?? asset?.url ?? "")),
            ("Duration", .double(video?.duration ?? 0)), ("Size", .int(video?.size ?? asset?.size ?? 0)),
            ("Status", .string(video.map { store.status(of: $0) } ?? asset?.status ?? "")),
            ("CateId", .int(cateId ?? -1)), ("CateName", .string(cateName)), ("SpriteConfig", .string("")),
        ]
        if added {
            fields += [
                ("CreateTime", iso(created)), ("ModifyTime", iso(modified)), ("CustomerId", .int(0)),
                ("Snapshots", .array([])), ("Sprites", .array([])),
            ]
        } else {
            fields += [
                ("CreationTime", iso(created)), ("ModifiedTime", iso(modified)), ("Source", .string("vod")),
                ("Snapshots", .object([("Snapshot", .array([]))])), ("Sprites", .object([("Sprite", .array([]))])),
            ]
        }
        return .object(fields)
    }

    private func materialIds(_ context: RPCContext) throws(RPCFailure) -> [String] {
        let ids = context.list("MaterialIds")
        guard !ids.isEmpty, ids.count <= 20 else { throw RPCFailure.invalid("MaterialIds", "Send 1 to 20 ids.") }
        for id in ids where store.read({ $0.videos[id] == nil && $0.assets[id]?.kind != "image" }) {
            throw RPCFailure.notFound("InvalidMaterial.NotFound", "No video or image \(id) exists in the sandbox.")
        }
        return ids
    }

    private func checkMaterialType(_ context: RPCContext) throws(RPCFailure) {
        let type = try context.required("MaterialType")
        guard ["video", "image", "audio"].contains(type) else {
            throw RPCFailure.invalid("MaterialType", "Use video, image or audio.")
        }
    }

    func addEditingProjectMaterials(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var record = try project(try context.required("ProjectId"))
        try checkMaterialType(context)
        let ids = try materialIds(context)
        for id in ids where !record.materials.contains(id) { record.materials.append(id) }
        record.modificationTime = store.now()
        saveProject(record)
        return [("MaterialList", .array(ids.compactMap { materialJSON($0, added: true) }))]
    }

    func setEditingProjectMaterials(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var record = try project(try context.required("ProjectId"))
        record.materials = try materialIds(context)
        record.modificationTime = store.now()
        saveProject(record)
        return []
    }

    func deleteEditingProjectMaterials(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var record = try project(try context.required("ProjectId"))
        try checkMaterialType(context)
        let ids = Set(context.list("MaterialIds"))
        record.materials.removeAll { ids.contains($0) }
        record.modificationTime = store.now()
        saveProject(record)
        return []
    }

    func getEditingProjectMaterials(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let record = try project(try context.required("ProjectId"))
        let type = context.string("MaterialType")
        let materials = record.materials.compactMap { materialJSON($0, added: false) }.filter { material in
            guard let type, case .object(let fields) = material else { return true }
            return fields.contains { $0.0 == "MaterialType" && $0.1 == .string(type) }
        }
        return [("MaterialList", .object([("Material", .array(materials))]))]
    }

    func produceEditingProjectVideo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        var record: EditingProjectRecord
        if let id = context.string("ProjectId") {
            record = try project(id)
            if let timeline = try checkTimeline(context) { record.timeline = timeline }
        } else {
            guard let timeline = try checkTimeline(context) else {
                throw RPCFailure(
                    status: 400, code: "MissingParameter",
                    message: "Send ProjectId (a project from AddEditingProject) or Timeline (a JSON timeline).")
            }
            let now = store.now()
            record = EditingProjectRecord(
                projectId: randomHex(), title: context.string("Title") ?? "Produced video", description: nil,
                coverURL: context.string("CoverURL"), timeline: timeline, status: "Normal", creationTime: now,
                modificationTime: now, materials: Self.timelineMedia(timeline))
        }
        let clips = Self.timelineMedia(record.timeline)
        guard let first = clips.first, let source = store.read({ $0.videos[first] }) else {
            throw RPCFailure.invalid("Timeline", "Its VideoTracks must name at least one video of the sandbox.")
        }
        let metadata = context.string("MediaMetadata").flatMap { JSON.parse($0) as? [String: Any] } ?? [:]
        let now = store.now()
        let mediaId = randomHex()
        let key = "sv/\(randomHex(4))/\(mediaId).mp4"
        let video = VideoRecord(
            videoId: mediaId, title: metadata["Title"] as? String ?? context.string("Title") ?? record.title,
            description: metadata["Description"] as? String ?? context.string("Description"),
            fileName: "\(mediaId).mp4", fileSize: nil, cateId: (metadata["CateId"] as? JSONNumber)?.int64Value,
            tags: metadata["Tags"] as? String, coverURL: context.string("CoverURL") ?? record.coverURL,
            userData: context.string("UserData"), templateGroupId: source.templateGroupId,
            appId: context.string("AppId") ?? source.appId, storageLocation: store.bucket, bucket: store.bucket,
            objectKey: key, creationTime: now, modificationTime: now, uploadedAt: nil, baseStatus: "Uploading",
            duration: max(timelineDuration(record.timeline), 0))
        record.status = "Produced"
        record.producedMediaId = mediaId
        record.modificationTime = now
        saveProject(record)
        store.mutate { $0.videos[mediaId] = video }
        copyObject(from: source, toKey: key)
        return [("ProjectId", .string(record.projectId)), ("MediaId", .string(mediaId))]
    }

    /// Copies a video's stored file to a new key (new files on disk), which completes the media waiting for it.
    private func copyObject(from source: VideoRecord, toKey key: String) {
        guard let object = store.read({ $0.objects[SandboxSnapshot.objectKey(source.bucket, source.objectKey)] })
        else { return }
        var segments: [String] = []
        for segment in object.segments {
            let name = randomHex()
            try? FileManager.default.copyItem(at: store.objectPath(segment), to: store.objectPath(name))
            segments.append(name)
        }
        var copy = object
        copy.key = key
        copy.segments = segments
        copy.lastModified = store.now()
        store.objectStored(copy)
    }
}
