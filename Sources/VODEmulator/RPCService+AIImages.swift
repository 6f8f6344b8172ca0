/// Smart thumbnails (SubmitAIImageJob and its reads); the images themselves are `SandboxStore.aiImages(of:)`.
extension RPCService {
    func submitAIImageJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let template = try requireAITemplate(context, "AITemplateId", type: "AIImage", use: "smart thumbnails")
        let templateId = template.id
        try requireUploaded(video)
        let job = JobRecord(
            jobId: randomHex(), type: "AIImage", mediaId: video.videoId, status: "processing",
            templateGroupId: templateId, userData: context.string("UserData"), creationTime: store.now(),
            settings: template.config)
        store.mutate { $0.jobs[job.jobId] = job }
        return [("JobId", .string(job.jobId))]
    }

    func getAIImageJobs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("JobIds")
        guard !ids.isEmpty else { throw RPCFailure.missing("JobIds") }
        let jobs = ids.compactMap { id in store.read { $0.jobs[id] }.flatMap { $0.type == "AIImage" ? $0 : nil } }
        let list: [JSON] = jobs.map { job in
            let done = aiJobDone(job)
            let results: [JSON] = store.aiImages(of: job).map { image in
                .object([("Score", .double(Double(image.score) ?? 0)), ("Url", .string(objectURL(image.key)))])
            }
            return .object([
                ("JobId", .string(job.jobId)), ("VideoId", .string(job.mediaId)),
                ("Status", .string(done ? "success" : "processing")), ("Code", .string(done ? "Success" : "")),
                ("Message", .string(done ? "success" : "")), ("CreationTime", iso(job.creationTime)),
                ("AIImageResult", .string(done ? JSON.array(results).serialized() : "")),
                ("TemplateId", .string(job.templateGroupId ?? "")), ("TemplateConfig", .string(job.settings ?? "")),
                ("UserData", .string(job.userData ?? "")),
            ])
        }
        return [("AIImageJobList", .array(list))]
    }

    func listAIImageInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let deleted = store.deletedAIImages
        let images = aiJobs(media: video.videoId, types: ["AIImage"]).flatMap(store.aiImages).filter {
            !deleted.contains($0.id)
        }
        let list: [JSON] = images.map { image in
            .object([
                ("AIImageInfoId", .string(image.id)), ("JobId", .string(image.job.jobId)),
                ("VideoId", .string(video.videoId)), ("FileURL", .string(signedURL(image.key))),
                ("Format", .string(image.format)), ("Score", .string(image.score)),
                ("Version", .string(image.job.templateGroupId ?? "")),
                ("CreationTime", iso(aiCompletion(image.job))),
            ])
        }
        return [("AIImageInfoList", .array(list))]
    }

    /// Removes smart-thumbnail records; IDs that name none are ignored, as deleting is idempotent.
    func deleteAIImageInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("AIImageInfoIds")
        guard !ids.isEmpty else { throw RPCFailure.missing("AIImageInfoIds") }
        store.mutate { state in
            var ai = state.ai ?? AIState()
            ai.deletedImageInfos = Array(Set(ai.deletedImageInfos).union(ids)).sorted()
            state.ai = ai
        }
        return []
    }
}
