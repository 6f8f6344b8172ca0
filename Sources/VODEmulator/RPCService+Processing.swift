import FoundationEssentials
import VODSigning

extension RPCService {
    /// The streams of a video as its template group defines them.
    func streams(of video: VideoRecord) -> [MediaStream] {
        let deleted = Set(video.deletedStreams ?? [])
        return MediaStream.streams(
            of: video, groupConfig: store.read { $0.transcodeGroups[video.templateGroupId]?.config }
        )
        .filter { !deleted.contains($0.definition) }
    }

    /// One stream as PlayInfoList shows it; `group` adds TemplateGroupId and TemplateId (BatchGetMediaInfos).
    func playJSON(_ video: VideoRecord, _ stream: MediaStream, ttl: Int64, jobId: String, group: Bool = false) -> JSON {
        var fields: [(String, JSON)] = [
            ("PlayURL", .string(signedURL(stream.key(videoId: video.videoId), ttl: ttl))),
            ("Definition", .string(stream.definition)), ("Format", .string(stream.format)),
            ("Duration", .string(String(video.duration))), ("Size", .int(video.size ?? 0)),
            ("Bitrate", .string(stream.bitrate)), ("Width", .int(stream.width)), ("Height", .int(stream.height)),
            ("Fps", .string(stream.fps)), ("Status", .string("Normal")), ("StreamType", .string("video")),
            ("Encrypt", .int(0)), ("EncryptType", .string("")), ("EncryptMode", .string("")),
            ("JobId", .string(jobId)), ("JobType", .int(stream.templateId.isEmpty ? 2 : 1)),
            ("JobExt", .string("")), ("Specification", .string("")), ("NarrowBandType", .string("0")),
            ("HDRType", .string("")), ("BitDepth", .int(8)), ("CodecName", .string("h264")),
            ("WatermarkId", .string("")),
            ("CreationTime", iso(video.modificationTime)), ("ModificationTime", iso(video.modificationTime)),
        ]
        if group {
            fields.append(("TemplateGroupId", .string(video.templateGroupId)))
            fields.append(("TemplateId", .string(stream.templateId)))
        }
        return .object(fields)
    }

    /// The id of the video's latest transcode job, or the video id before any.
    func latestTranscodeJobId(_ video: VideoRecord) -> String {
        store.read { state in
            state.jobs.values.filter { $0.type == "Transcode" && $0.mediaId == video.videoId }
                .max { $0.creationTime < $1.creationTime }?.jobId
        } ?? video.videoId
    }

    func getPlayInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let status = store.status(of: video)
        guard status == "Normal" else {
            throw RPCFailure(
                status: 400, code: "Forbidden.IllegalStatus",
                message: "The video is \(status); play URLs exist once it is Normal.")
        }
        let formats = Set(context.list("Formats").map { $0.lowercased() })
        let definitions = Set(context.list("Definition").map { $0.uppercased() })
        let streamType = context.string("StreamType")?.lowercased()
        let timeout = try context.int("AuthTimeout") ?? 3600
        var chosen = playableStreams(of: video).filter { stream in
            (formats.isEmpty || formats.contains(stream.format))
                && (definitions.isEmpty || definitions.contains(stream.definition.uppercased()))
                && (streamType == nil || streamType == "video")
        }
        if context.string("ResultType") == "Single", let best = chosen.max(by: { $0.height < $1.height }) {
            chosen = [best]
        }
        guard !chosen.isEmpty else {
            throw RPCFailure.notFound(
                "InvalidVideo.NoneStream", "No stream of the requested format or definition exists.")
        }
        let jobId = latestTranscodeJobId(video)
        noteTracePlay(context, videoId: video.videoId)
        let plays: [JSON] = chosen.map { playJSON(video, $0, ttl: timeout, jobId: jobId) }
        let base: JSON = .object([
            ("VideoId", .string(video.videoId)), ("Title", .string(video.title)), ("Status", .string(status)),
            ("MediaType", .string("video")), ("Duration", .string(String(video.duration))),
            ("CoverURL", optional(video.coverURL)), ("CreationTime", iso(video.creationTime)),
            ("StorageClass", .string(video.storageClass ?? "Standard")), ("DanMuURL", .string("")),
        ])
        return [("VideoBase", base), ("PlayInfoList", .object([("PlayInfo", .array(plays))]))]
    }

    func getVideoPlayAuth(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let status = store.status(of: video)
        guard status == "Normal" || status == "Transcoding" || status == "UploadSucc" else {
            throw RPCFailure(status: 400, code: "Forbidden.IllegalStatus", message: "The video is \(status).")
        }
        let auth: JSON = .object([
            ("VideoId", .string(video.videoId)), ("Sandbox", .bool(true)), ("Endpoint", .string(endpoint)),
            ("Nonce", .string(randomHex(8))),
        ])
        return [
            ("PlayAuth", .string(Array(auth.serialized().utf8).base64String)),
            (
                "VideoMeta",
                .object([
                    ("VideoId", .string(video.videoId)), ("Title", .string(video.title)), ("Status", .string(status)),
                    ("Duration", .double(video.duration)), ("CoverURL", optional(video.coverURL)),
                ])
            ),
        ]
    }

    func createAudit(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let items = JSON.parse(try context.required("AuditContent")) as? [[String: Any]] else {
            throw RPCFailure.invalid("AuditContent", "It must be a JSON array of {VideoId, Status, Reason}.")
        }
        for item in items {
            guard let id = item["VideoId"] as? String else { throw RPCFailure.missing("VideoId") }
            guard let status = item["Status"] as? String, ["Normal", "Blocked"].contains(status) else {
                throw RPCFailure.invalid("Status", "Use Normal or Blocked.")
            }
            _ = try requireVideo(id)
            let entry = AuditEntry(
                videoId: id, status: status, reason: item["Reason"] as? String ?? "",
                comment: item["Comment"] as? String ?? "", time: store.now())
            store.mutate { state in
                state.videos[id]?.auditStatus = status
                state.audits.append(id)
                state.auditLog = (state.auditLog ?? []) + [entry]
            }
        }
        return []
    }

    func getAuditHistory(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let ascending = context.string("SortBy")?.lowercased() == "asc"
        let entries = store.read { ($0.auditLog ?? []).filter { $0.videoId == video.videoId } }
        let ordered = ascending ? entries : entries.reversed()
        let items: [JSON] = ordered.page(page).map { entry in
            .object([
                ("Status", .string(entry.status)), ("Reason", .string(entry.reason)),
                ("Comment", .string(entry.comment)),
                ("Auditor", .string("sandbox")), ("CreationTime", iso(entry.time)),
            ])
        }
        return [
            ("Status", .string(video.auditStatus ?? "Init")), ("Total", .int(entries.count)),
            ("Histories", .array(items)),
        ]
    }

    func submitTranscodeJobs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let group = try resolveTemplateGroup(try context.required("TemplateGroupId"))
        let status = store.status(of: video)
        guard status == "Normal" || status == "UploadSucc" || status == "Transcoding" else {
            throw RPCFailure(
                status: 400, code: "Forbidden.IllegalStatus", message: "The video is \(status); upload it first.")
        }
        let taskId = randomHex()
        let jobId = randomHex()
        let delay = store.configuration.transcodeDelay.timeInterval
        let now = store.now()
        store.mutate { state in
            state.videos[video.videoId]?.templateGroupId = group
            // Restart the pipeline so the video shows Transcoding now and Normal after one delay.
            state.videos[video.videoId]?.uploadedAt = now.addingTimeInterval(-delay)
            state.videos[video.videoId]?.baseStatus = "UploadSucc"
            state.jobs[jobId] = JobRecord(
                jobId: jobId, type: "Transcode", mediaId: video.videoId, status: "Processing", taskId: taskId,
                templateGroupId: group, userData: context.string("UserData"), creationTime: now)
        }
        // One job per template of the group, as the service answers.
        let planned = store.read { $0.videos[video.videoId] }.map { streams(of: $0) } ?? []
        let jobs: [JSON] = planned.map { .object([("JobId", .string(jobId + "-" + $0.definition))]) }
        return [
            ("TranscodeTaskId", .string(taskId)),
            ("TranscodeJobs", .object([("TranscodeJob", .array(jobs))])),
        ]
    }

    private func taskJSON(_ job: JobRecord, jobs: Bool = true) -> JSON {
        let video = store.read { $0.videos[job.mediaId] }
        let done = video.map { store.status(of: $0) == "Normal" } ?? false
        let completed: JSON =
            done
            ? iso(job.creationTime.addingTimeInterval(store.configuration.transcodeDelay.timeInterval)) : .string("")
        var fields: [(String, JSON)] = [
            ("TranscodeTaskId", .string(job.taskId ?? job.jobId)), ("VideoId", .string(job.mediaId)),
            ("TaskStatus", .string(done ? "CompleteAllSucc" : "Processing")),
            ("TranscodeTemplateGroupId", optional(job.templateGroupId)), ("CreationTime", iso(job.creationTime)),
            ("CompleteTime", completed), ("Trigger", .string("Manual")),
        ]
        if jobs, let video {
            let list: [JSON] = streams(of: video).map { stream in
                .object([
                    ("TranscodeJobId", .string(job.jobId + "-" + stream.definition)),
                    ("TranscodeTemplateId", .string(stream.templateId)), ("Definition", .string(stream.definition)),
                    ("TranscodeJobStatus", .string(done ? "TranscodeSuccess" : "Transcoding")),
                    ("TranscodeProgress", .int(done ? 100 : 50)), ("Priority", .string("6")),
                    ("CreationTime", iso(job.creationTime)), ("CompleteTime", completed),
                    ("InputFileUrl", .string(objectURL(video.objectKey))),
                    (
                        "OutputFile",
                        .object([
                            ("OutputFileUrl", .string(objectURL(stream.key(videoId: video.videoId)))),
                            ("Format", .string(stream.format)), ("Width", .string(String(stream.width))),
                            ("Height", .string(String(stream.height))), ("Bitrate", .string(stream.bitrate)),
                            ("Fps", .string(stream.fps)), ("Duration", .string(String(video.duration))),
                            ("Filesize", .int(video.size ?? 0)), ("Encryption", .string("")),
                            ("WatermarkIdList", .array([])),
                            ("VideoStreamList", .string("[]")), ("AudioStreamList", .string("[]")),
                            ("SubtitleStreamList", .string("[]")),
                        ])
                    ),
                ])
            }
            fields.append(("TranscodeJobInfoList", .array(list)))
        }
        return .object(fields)
    }

    func getTranscodeTask(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("TranscodeTaskId")
        guard let job = store.read({ $0.jobs.values.first { $0.taskId == id } }) else {
            throw RPCFailure.notFound("InvalidTranscodeTask.NotFound", "The transcode task \(id) does not exist.")
        }
        let task = taskJSON(job)
        let wanted = context.list("JobIds")
        guard !wanted.isEmpty, case .object(let fields) = task,
            case .array(let infos)? = fields.first(where: { $0.0 == "TranscodeJobInfoList" })?.1
        else { return [("TranscodeTask", task)] }
        let byId: [String: JSON] = Dictionary(
            infos.compactMap { info -> (String, JSON)? in
                guard case .object(let pairs) = info,
                    case .string(let id)? = pairs.first(where: { $0.0 == "TranscodeJobId" })?.1
                else { return nil }
                return (id, info)
            }, uniquingKeysWith: { first, _ in first })
        return [
            ("TranscodeTask", task), ("TranscodeJobInfoList", .array(wanted.compactMap { byId[$0] })),
            ("NonExistJobIds", .array(wanted.filter { byId[$0] == nil }.map(JSON.string))),
        ]
    }

    func listTranscodeTask(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("VideoId")
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let jobs = store.read { $0.jobs.values.filter { $0.type == "Transcode" && $0.mediaId == id } }
            .sorted { $0.creationTime > $1.creationTime }
        return [("TranscodeTaskList", .array(jobs.page(page).map { taskJSON($0, jobs: false) }))]
    }

    func submitSnapshotJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let count = Int(try context.int("Count") ?? 1)
        guard (1...1000).contains(count) else { throw RPCFailure.invalid("Count", "Use 1 to 1000 snapshots.") }
        let jobId = randomHex()
        let now = store.now()
        store.mutate { state in
            var job = JobRecord(
                jobId: jobId, type: "Snapshot", mediaId: video.videoId, status: "Success",
                userData: context.string("UserData"), creationTime: now, completeTime: now)
            job.snapshotCount = count
            state.jobs[jobId] = job
        }
        store.emit(
            "SnapshotComplete", appId: video.appId,
            fields: [
                ("VideoId", .string(video.videoId)), ("JobId", .string(jobId)), ("Status", .string("success")),
                ("CoverUrl", .string(snapshotURLs(video.videoId).first ?? "")),
            ])
        return [("SnapshotJob", .object([("JobId", .string(jobId))]))]
    }
}
