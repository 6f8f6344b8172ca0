/// Digital watermark extraction. A trace mark is embedded in the streams GetPlayInfo hands out with
/// `DigitalWatermarkType=TraceMark` and `Trace=<text>`; a copyright mark in the streams of transcode templates that
/// carry a `CopyrightMark` (or `TraceMark`) setting. An extraction job, after one transcode delay, finds the latest
/// such text of the kind asked for, or fails when the video never carried one.
extension RPCService {
    /// Remembers the trace text of a GetPlayInfo call that asks for trace-marked streams.
    func noteTracePlay(_ context: RPCContext, videoId: String) {
        guard context.string("DigitalWatermarkType") == "TraceMark", let text = context.string("Trace") else { return }
        store.mutate { state in
            var ai = state.ai ?? AIState()
            ai.traceMarks[videoId] = text
            state.ai = ai
        }
    }

    /// The watermark text of `kind` the video carries.
    private func embeddedMark(_ mediaId: String, kind: String) -> String? {
        if kind == "TraceMark", let text = store.read({ $0.ai?.traceMarks[mediaId] }) { return text }
        guard let video = store.read({ $0.videos[mediaId] }),
            let config = store.read({ $0.transcodeGroups[video.templateGroupId]?.config }),
            let templates = JSON.parse(config) as? [[String: Any]]
        else { return nil }
        for template in templates {
            var mark = template[kind]
            if let text = mark as? String { mark = JSON.parse(text) ?? text }
            if let settings = mark as? [String: Any] {
                for key in ["Content", "Text", "Value"] {
                    if let text = settings[key] as? String, !text.isEmpty { return text }
                }
            } else if let text = mark as? String, !text.isEmpty {
                return text
            }
        }
        return nil
    }

    func submitDigitalWatermarkExtractJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let kind = try context.required("ExtractType")
        try requireDocumented("SubmitDigitalWatermarkExtractJob", "ExtractType", kind)
        let job = JobRecord(
            jobId: randomHex(), type: "DigitalWatermarkExtract", mediaId: video.videoId, status: "Processing",
            creationTime: store.now(), settings: kind)
        store.mutate { $0.jobs[job.jobId] = job }
        return [("JobId", .string(job.jobId))]
    }

    func getDigitalWatermarkExtractResult(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let kind = try context.required("ExtractType")
        try requireDocumented("GetDigitalWatermarkExtractResult", "ExtractType", kind)
        var jobs = aiJobs(media: video.videoId, types: ["DigitalWatermarkExtract"]).filter { $0.settings == kind }
        if let id = context.string("JobId") {
            jobs = jobs.filter { $0.jobId == id }
            guard !jobs.isEmpty else {
                throw RPCFailure.notFound(
                    "NoSuchResource", "No \(kind) extraction job \(id) exists for \(video.videoId).")
            }
        }
        let text = embeddedMark(video.videoId, kind: kind)
        let list: [JSON] = jobs.reversed().map { job in
            let done = aiJobDone(job)
            var fields: [(String, JSON)] = [
                ("JobId", .string(job.jobId)), ("CreateTime", iso(job.creationTime)),
                ("ModifyTime", iso(done ? aiCompletion(job) : job.creationTime)),
                ("Status", .string(!done ? "Processing" : text == nil ? "Failed" : "Success")),
                ("WaterMarkText", .string(done ? text ?? "" : "")),
            ]
            if done, text == nil {
                fields.append(("ErrorMessage", .string("No \(kind) watermark was found in the video.")))
            }
            return .object(fields)
        }
        return [("AiExtractResultList", .array(list))]
    }
}
