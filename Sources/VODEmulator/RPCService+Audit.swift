import FoundationEssentials

/// AI media audit. The sandbox has no classifier: every finished job finds nothing (suggestion `pass`, label
/// `normal`, scores 0), deterministically, and the job, the result, its detail and its timeline agree.
extension RPCService {
    private static let scenes = [
        "AdResult", "GreenEnhancedResult", "LiveResult", "LogoResult", "PornResult", "TerrorismResult",
    ]

    private func auditResult() -> JSON {
        let scene: JSON = .object([
            ("Label", .string("normal")), ("Suggestion", .string("pass")), ("AverageScore", .string("0")),
            ("MaxScore", .string("0")),
            ("CounterList", .array([.object([("Count", .int(0)), ("Label", .string("normal"))])])),
            ("TopList", .array([])),
        ])
        let video: JSON = .object(
            [("Label", .string("normal")), ("Suggestion", .string("pass"))] + Self.scenes.map { ($0, scene) })
        return .object([
            ("Suggestion", .string("pass")), ("Label", .string("normal")), ("AbnormalModules", .string("")),
            ("VideoResult", video), ("AudioResult", .array([])), ("ImageResult", .array([])),
            ("TextResult", .array([])),
        ])
    }

    private func latestAudit(_ mediaId: String) -> JobRecord? {
        store.read { state in
            state.jobs.values.filter { $0.type == "AIMediaAudit" && $0.mediaId == mediaId }
                .max { $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.jobId < $1.jobId }
        }
    }

    func auditedMedia(_ context: RPCContext) throws(RPCFailure) -> JobRecord {
        let mediaId = try context.required("MediaId")
        guard let job = latestAudit(mediaId) else {
            throw RPCFailure.notFound(
                "InvalidMedia.NoAuditResult", "No AI audit job has run on \(mediaId); submit one first.")
        }
        return job
    }

    func submitAIMediaAuditJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let mediaId = try context.required("MediaId")
        let type = context.string("MediaType") ?? "video"
        guard ["video", "audio", "image"].contains(type) else {
            throw RPCFailure.invalid("MediaType", "Use video, audio or image.")
        }
        let exists = store.read { $0.videos[mediaId] != nil || $0.assets[mediaId] != nil }
        guard exists else { throw RPCFailure.notFound("InvalidVideo.NotFound", "The media \(mediaId) does not exist.") }
        if let template = context.string("TemplateId"), store.read({ $0.aiTemplates[template] }) == nil {
            throw RPCFailure.notFound("InvalidAITemplate.NotFound", "The AI template \(template) does not exist.")
        }
        let now = store.now()
        let job = JobRecord(
            jobId: randomHex(), type: "AIMediaAudit", mediaId: mediaId, status: "Success",
            userData: context.string("UserData"), creationTime: now, completeTime: now)
        store.mutate { $0.jobs[job.jobId] = job }
        return [("JobId", .string(job.jobId)), ("MediaId", .string(mediaId))]
    }

    func getAIMediaAuditJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("JobId")
        guard let job = store.read({ $0.jobs[id] }), job.type == "AIMediaAudit" else {
            throw RPCFailure.notFound("InvalidJob.NotFound", "The AI audit job \(id) does not exist.")
        }
        return [
            (
                "MediaAuditJob",
                .object([
                    ("JobId", .string(job.jobId)), ("MediaId", .string(job.mediaId)), ("Type", .string("AIMediaAudit")),
                    ("Status", .string(job.status)), ("Code", .string("Success")), ("Message", .string("")),
                    ("CreationTime", iso(job.creationTime)), ("CompleteTime", job.completeTime.map(iso) ?? .string("")),
                    ("Data", auditResult()),
                ])
            )
        ]
    }

    func getMediaAuditResult(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try auditedMedia(context)
        return [("MediaAuditResult", auditResult())]
    }

    func getMediaAuditResultDetail(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try auditedMedia(context)
        return [("MediaAuditResultDetail", .object([("Total", .int(0)), ("List", .array([]))]))]
    }

    func getMediaAuditResultTimeline(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try auditedMedia(context)
        let empty: [(String, JSON)] = ["Ad", "Live", "Logo", "Porn", "Terrorism"].map { ($0, .array([])) }
        return [("MediaAuditResultTimeline", .object(empty))]
    }
}
