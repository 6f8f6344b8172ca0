/// Image moderation and the audio detail of an audit. An image audit is an AI audit job like SubmitAIMediaAuditJob's
/// (the service reports both through GetAIMediaAuditJob): it finishes at once and, as the sandbox has no classifier,
/// finds nothing, so its audio detail is an empty list.
extension RPCService {
    func submitAIImageAuditJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let mediaId = try context.required("MediaId")
        guard let image = store.read({ $0.assets[mediaId] }), image.kind == "image" else {
            throw RPCFailure.notFound("InvalidImage.NotFound", "The image \(mediaId) does not exist.")
        }
        let templateId = try requireAITemplate(context, "TemplateId", type: "AIMediaAudit", use: "moderation").id
        if let configuration = context.string("MediaAuditConfiguration"),
            let type = (JSON.parse(configuration) as? [String: Any])?["ResourceType"] as? String,
            type.isEmpty || !type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        {
            throw RPCFailure.invalid(
                "MediaAuditConfiguration", "ResourceType takes only letters, digits and underscores.")
        }
        let now = store.now()
        let job = JobRecord(
            jobId: randomHex(), type: "AIMediaAudit", mediaId: image.id, status: "Success",
            templateGroupId: templateId, creationTime: now, completeTime: now)
        store.mutate { $0.jobs[job.jobId] = job }
        return [("JobId", .string(job.jobId))]
    }

    func getMediaAuditAudioResultDetail(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try auditedMedia(context)
        return [
            (
                "MediaAuditAudioResultDetail",
                .object([("Total", .int(0)), ("PageTotal", .int(0)), ("List", .array([]))])
            )
        ]
    }
}
