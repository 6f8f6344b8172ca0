import FoundationEssentials

/// Job reads across kinds (ListJobInfo, GetTranscodeSummary) and the jobs that run other pipelines: workflows and
/// live-to-VOD preprocessing. Each read is built from the same records and views as GetTranscodeTask and
/// GetJobDetail, so the operations agree on ids, statuses and times.
extension RPCService {
    /// GetTranscodeSummary: the latest transcode task of each video, summarised from its GetTranscodeTask view.
    /// A video that exists but was never sent to SubmitTranscodeJobs (or a workflow) has no task and no summary.
    func getTranscodeSummary(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("VideoIds")
        var summaries: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            guard store.read({ $0.videos[id] }) != nil else {
                missing.append(.string(id))
                continue
            }
            let latest = store.read { state in
                state.jobs.values.filter { $0.type == "Transcode" && $0.mediaId == id }
                    .max { $0.creationTime < $1.creationTime }
            }
            guard let job = latest, let taskId = job.taskId else { continue }
            let answer = try getTranscodeTask(RPCContext(parameters: ["TranscodeTaskId": taskId], host: context.host))
            guard let task = answer.first(where: { $0.0 == "TranscodeTask" })?.1 else { continue }
            let jobs: [JSON] = (task.member("TranscodeJobInfoList")?.arrayItems ?? []).map { info in
                let output = info.member("OutputFile")
                return .object([
                    ("TranscodeTemplateId", info.member("TranscodeTemplateId") ?? .string("")),
                    ("TranscodeJobStatus", info.member("TranscodeJobStatus") ?? .string("")),
                    ("TranscodeProgress", info.member("TranscodeProgress") ?? .int(0)),
                    ("CreationTime", info.member("CreationTime") ?? .string("")),
                    ("CompleteTime", info.member("CompleteTime") ?? .string("")),
                    ("Format", output?.member("Format") ?? .string("")),
                    ("Width", output?.member("Width") ?? .string("")),
                    ("Height", output?.member("Height") ?? .string("")),
                    ("Bitrate", output?.member("Bitrate") ?? .string("")),
                    ("Fps", output?.member("Fps") ?? .string("")),
                    ("Duration", output?.member("Duration") ?? .string("")),
                    ("Filesize", output?.member("Filesize") ?? .int(0)), ("WatermarkIdList", .array([])),
                ])
            }
            summaries.append(
                .object([
                    ("VideoId", .string(id)), ("TranscodeStatus", task.member("TaskStatus") ?? .string("")),
                    ("TranscodeTemplateGroupId", task.member("TranscodeTemplateGroupId") ?? .string("")),
                    ("CreationTime", task.member("CreationTime") ?? .string("")),
                    ("CompleteTime", task.member("CompleteTime") ?? .string("")),
                    ("TranscodeJobInfoSummaryList", .array(jobs)),
                ]))
        }
        return [("TranscodeSummaryList", .array(summaries)), ("NonExistVideoIds", .array(missing))]
    }

    /// ListJobInfo: the media's jobs of one kind, oldest first. Transcode jobs are one per template
    /// (`<JobId>-<Definition>`) with the status GetJobDetail gives them; AI jobs are the media's AI records.
    func listJobInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let type = try context.required("JobType")
        let mediaId = try context.required("MediaId")
        let known = store.read { $0.videos[mediaId] != nil || $0.assets[mediaId] != nil }
        guard known else {
            throw RPCFailure.notFound("InvalidVideo.NotFound", "The media \(mediaId) does not exist.")
        }
        let jobs = store.read { state in
            state.jobs.values.filter { $0.mediaId == mediaId }.sorted { $0.creationTime < $1.creationTime }
        }
        var list: [JSON] = []
        switch type {
        case "transcode":
            for job in jobs where job.type == "Transcode" {
                guard let video = store.read({ $0.videos[job.mediaId] }) else { continue }
                for stream in streams(of: video) {
                    let detail = try getJobDetail(
                        RPCContext(
                            parameters: ["JobId": job.jobId + "-" + stream.definition, "JobType": "transcode"],
                            host: context.host))
                    if let info = detail.first(where: { $0.0 == "TranscodeJobDetail" })?.1 {
                        list.append(jobInfo(info))
                    }
                }
            }
        case "snapshot":
            for job in jobs where job.type == "Snapshot" {
                let detail = try getJobDetail(
                    RPCContext(parameters: ["JobId": job.jobId, "JobType": "snapshot"], host: context.host))
                if let info = detail.first(where: { $0.0 == "SnapshotJobDetail" })?.1 { list.append(jobInfo(info)) }
            }
        default:
            for job in jobs where job.type.hasPrefix("AI") {
                list.append(
                    .object([
                        ("JobId", .string(job.jobId)), ("Status", .string(job.status)),
                        ("CreateTime", iso(job.creationTime)),
                        ("CompleteTime", job.completeTime.map(iso) ?? .string("")), ("UserId", .int(1_000_000)),
                    ]))
            }
        }
        return [("JobType", .string(type)), ("MediaId", .string(mediaId)), ("JobInfoList", .array(list))]
    }

    private func jobInfo(_ detail: JSON) -> JSON {
        .object(
            ["JobId", "Status", "CreateTime", "CompleteTime", "UserId"].map { key in
                (key, detail.member(key) ?? .string(""))
            })
    }

    /// SubmitPreprocessJobs: prepares a video for live-to-VOD (LivePreprocess). The job finishes after one
    /// transcode delay; GetMezzanineInfo shows the video's PreprocessStatus meanwhile and afterwards.
    func submitPreprocessJobs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let type = try context.required("PreprocessType")
        guard type == "LivePreprocess" else {
            throw RPCFailure.invalid("PreprocessType", "The only preprocessing type is LivePreprocess.")
        }
        let status = store.status(of: video)
        guard ["UploadSucc", "Transcoding", "Normal"].contains(status) else {
            throw RPCFailure(
                status: 400, code: "Forbidden.IllegalStatus",
                message: "The video is \(status); preprocess it once its source has been uploaded.")
        }
        let now = store.now()
        let job = JobRecord(
            jobId: randomHex(), type: "Preprocess", mediaId: video.videoId, status: "Processing", creationTime: now,
            completeTime: now.addingTimeInterval(store.configuration.transcodeDelay.timeInterval))
        store.mutate { $0.jobs[job.jobId] = job }
        return [("PreprocessJobs", .object([("PreprocessJob", .array([.object([("JobId", .string(job.jobId))])]))]))]
    }

    /// The video's PreprocessStatus: UnPreprocess, Preprocessing until the latest job's end, then PreprocessSucceed.
    func preprocessStatus(_ videoId: String) -> String {
        let latest = store.read { state in
            state.jobs.values.filter { $0.type == "Preprocess" && $0.mediaId == videoId }
                .max { $0.creationTime < $1.creationTime }
        }
        guard let latest, let end = latest.completeTime else { return "UnPreprocess" }
        return store.now() >= end ? "PreprocessSucceed" : "Preprocessing"
    }

    /// SubmitWorkflowJob: workflows are made in the console, so any well-formed WorkflowId (32 hex digits) names
    /// the sandbox's one workflow: transcode the media with its template group. The run is a transcode task like
    /// SubmitTranscodeJobs makes (GetTranscodeTask, ListTranscodeTask and GetTranscodeSummary show it).
    func submitWorkflowJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let workflowId = try context.required("WorkflowId")
        guard workflowId.count == 32, workflowId.allSatisfy(\.isHexDigit) else {
            throw RPCFailure.invalid("WorkflowId", "A workflow ID is 32 hexadecimal characters (see the console).")
        }
        guard let mediaId = context.string("MediaId") else {
            throw RPCFailure.missing("MediaId")
        }
        let video = try requireVideo(mediaId)
        var parameters = ["VideoId": video.videoId, "TemplateGroupId": video.templateGroupId]
        if video.templateGroupId == SandboxSnapshot.noTranscodeGroup {
            parameters["TemplateGroupId"] = try resolveTemplateGroup(nil)
        }
        if let userData = context.string("UserData") { parameters["UserData"] = userData }
        let answer = try submitTranscodeJobs(RPCContext(parameters: parameters, host: context.host))
        guard case .string(let transcodeTaskId)? = answer.first(where: { $0.0 == "TranscodeTaskId" })?.1 else {
            throw RPCFailure(status: 500, code: "InternalError", message: "The workflow's transcode did not start.")
        }
        let taskId = randomHex()
        // Not in `taskId`: GetTranscodeTask finds jobs by that field.
        var task = JobRecord(
            jobId: taskId, type: "Workflow", mediaId: video.videoId, status: "running",
            userData: context.string("UserData"), creationTime: store.now())
        task.settings = JSON.object([
            ("WorkflowId", .string(workflowId)), ("TranscodeTaskId", .string(transcodeTaskId)),
        ]).serialized()
        store.mutate { $0.jobs[taskId] = task }
        return [("TaskId", .string(taskId))]
    }

    /// GetWorkflowTask: running while the workflow's transcode runs, then succeeded, with the node's result.
    func getWorkflowTask(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("TaskId")
        guard let task = store.read({ $0.jobs[id] }), task.type == "Workflow",
            let settings = JSON.parse(task.settings ?? "") as? [String: String],
            let transcodeTaskId = settings["TranscodeTaskId"]
        else {
            throw RPCFailure.notFound("InvalidWorkflowTask.NotFound", "The workflow task \(id) does not exist.")
        }
        let answer = try getTranscodeTask(
            RPCContext(parameters: ["TranscodeTaskId": transcodeTaskId], host: context.host))
        let transcode = answer.first(where: { $0.0 == "TranscodeTask" })?.1
        let done = transcode?.member("TaskStatus") == .string("CompleteAllSucc")
        let finished = done ? (transcode?.member("CompleteTime") ?? .string("")) : .string("")
        let status = done ? "succeeded" : "running"
        let node: JSON = .object([
            ("NodeName", .string("Transcode")), ("Status", .string(status)),
            ("TranscodeTaskId", .string(transcodeTaskId)),
        ])
        let outputs: JSON = .object([
            ("MediaId", .string(task.mediaId)), ("TranscodeTaskId", .string(transcodeTaskId)),
        ])
        return [
            ("TaskId", .string(id)), ("WorkflowId", .string(settings["WorkflowId"] ?? "")), ("Status", .string(status)),
            ("GmtCreateUtc", iso(task.creationTime)), ("FinishTimeUtc", finished),
            ("NodeResults", .string(JSON.array([node]).serialized())), ("Outputs", .string(outputs.serialized())),
            ("UserData", .string(task.userData ?? "")),
        ]
    }
}
