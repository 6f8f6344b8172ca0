import FoundationEssentials

extension RPCService {
    /// GetJobDetail for transcode jobs (one per template: `<JobId>-<Definition>`, as GetTranscodeTask lists them)
    /// and snapshot jobs.
    func getJobDetail(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("JobId")
        let type = try context.required("JobType").lowercased()
        let notFound = RPCFailure.notFound("InvalidJob.NotFound", "No \(type) job \(id) exists in the sandbox.")
        switch type {
        case "transcode":
            guard let dash = id.lastIndex(of: "-"),
                let job = store.read({ $0.jobs[String(id[..<dash])] }), job.type == "Transcode",
                let video = store.read({ $0.videos[job.mediaId] })
            else { throw notFound }
            let definition = String(id[id.index(after: dash)...])
            guard let stream = streams(of: video).first(where: { $0.definition == definition }) else { throw notFound }
            let done = store.status(of: video) == "Normal"
            let completed: JSON =
                done
                ? iso(job.creationTime.addingTimeInterval(store.configuration.transcodeDelay.timeInterval))
                : .string("")
            return [
                ("JobType", .string("transcode")),
                (
                    "TranscodeJobDetail",
                    .object([
                        ("JobId", .string(id)), ("VideoId", .string(video.videoId)),
                        ("Definition", .string(definition)),
                        ("TemplateId", .string(stream.templateId)),
                        ("Status", .string(done ? "TranscodeSuccess" : "Transcoding")),
                        ("CreateTime", iso(job.creationTime)), ("CompleteTime", completed), ("UserId", .int(1_000_000)),
                    ])
                ),
            ]
        case "snapshot":
            guard let job = store.read({ $0.jobs[id] }), job.type == "Snapshot" else { throw notFound }
            return [
                ("JobType", .string("snapshot")),
                (
                    "SnapshotJobDetail",
                    .object([
                        ("JobId", .string(id)), ("VideoId", .string(job.mediaId)), ("Status", .string(job.status)),
                        ("Trigger", .string("Manual")), ("CreateTime", iso(job.creationTime)),
                        ("CompleteTime", job.completeTime.map(iso) ?? .string("")), ("UserId", .int(1_000_000)),
                        ("NormalConfig", .string("{\"Count\":\(job.snapshotCount ?? 1)}")),
                        ("SpriteConfig", .string("")),
                    ])
                ),
            ]
        default:
            throw RPCFailure.invalid("JobType", "The sandbox keeps transcode and snapshot jobs.")
        }
    }
}
