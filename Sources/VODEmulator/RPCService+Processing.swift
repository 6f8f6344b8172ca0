import Foundation
import VODSigning

extension RPCService {
    func getPlayInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let status = store.status(of: video)
        guard status == "Normal" else {
            throw RPCFailure(
                status: 400, code: "Forbidden.IllegalStatus",
                message: "The video is \(status); play URLs exist once it is Normal.")
        }
        let formats = Set(context.list("Formats").map { $0.lowercased() })
        let ext = (video.objectKey as NSString).pathExtension.lowercased()
        let format = ext == "m3u8" ? "m3u8" : "mp4"
        guard formats.isEmpty || formats.contains(format) else {
            throw RPCFailure.notFound("InvalidVideo.NoneStream", "No stream of the requested format exists.")
        }
        let timeout = try context.int("AuthTimeout") ?? 3600
        let url = signedURL(video.objectKey, ttl: timeout)
        let definition = video.templateGroupId == SandboxSnapshot.noTranscodeGroup ? "OD" : "LD"
        let play: JSON = .object([
            ("PlayURL", .string(url)), ("Definition", .string(definition)), ("Format", .string(format)),
            ("Duration", .string(String(video.duration))), ("Size", .int(video.size ?? 0)), ("Bitrate", .string("0")),
            ("Width", .int(0)), ("Height", .int(0)), ("Fps", .string("25")), ("Status", .string("Normal")),
            ("StreamType", .string("video")), ("Encrypt", .int(0)), ("JobId", .string(video.videoId)),
            ("CreationTime", iso(video.modificationTime)), ("ModificationTime", iso(video.modificationTime)),
        ])
        let base: JSON = .object([
            ("VideoId", .string(video.videoId)), ("Title", .string(video.title)), ("Status", .string(status)),
            ("MediaType", .string("video")), ("Duration", .string(String(video.duration))),
            ("CoverURL", optional(video.coverURL)), ("CreationTime", iso(video.creationTime)),
            ("OutputType", .string("oss")),
        ])
        return [("VideoBase", base), ("PlayInfoList", .object([("PlayInfo", .array([play]))]))]
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
            store.mutate { state in
                state.videos[id]?.auditStatus = status
                state.audits.append(id)
            }
        }
        return []
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
        return [
            ("TranscodeTaskId", .string(taskId)),
            ("TranscodeJobs", .object([("TranscodeJob", .array([.object([("JobId", .string(jobId))])]))])),
        ]
    }

    private func taskJSON(_ job: JobRecord) -> JSON {
        let video = store.read { $0.videos[job.mediaId] }
        let done = video.map { store.status(of: $0) == "Normal" } ?? false
        return .object([
            ("TranscodeTaskId", .string(job.taskId ?? job.jobId)), ("VideoId", .string(job.mediaId)),
            ("TaskStatus", .string(done ? "CompleteAllSucc" : "Processing")),
            ("TranscodeTemplateGroupId", optional(job.templateGroupId)), ("CreationTime", iso(job.creationTime)),
            ("Trigger", .string("Manual")),
        ])
    }

    func getTranscodeTask(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("TranscodeTaskId")
        guard let job = store.read({ $0.jobs.values.first { $0.taskId == id } }) else {
            throw RPCFailure.notFound("InvalidTranscodeTask.NotFound", "The transcode task \(id) does not exist.")
        }
        return [("TranscodeTask", taskJSON(job))]
    }

    func listTranscodeTask(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("VideoId")
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let jobs = store.read { $0.jobs.values.filter { $0.type == "Transcode" && $0.mediaId == id } }
            .sorted { $0.creationTime > $1.creationTime }
        return [("TranscodeTaskList", .array(jobs.page(page).map(taskJSON)))]
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
        return [("SnapshotJob", .object([("JobId", .string(jobId))]))]
    }
}
