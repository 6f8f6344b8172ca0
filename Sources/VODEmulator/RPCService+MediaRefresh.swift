import FoundationEssentials
import TextSupport

/// Refreshing (purging) or preloading the play URLs of media. The sandbox has no CDN cache, so each URL becomes
/// a refresh or preload task that completes at once: DescribeVodRefreshTasks lists them and DescribeVodRefreshQuota
/// counts them, and GetMediaRefreshJobs shows the job per media with its task ids and URLs.
extension RPCService {
    func refreshMediaPlayUrls(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("MediaIds")
        guard !ids.isEmpty else { throw RPCFailure.missing("MediaIds") }
        let taskType = try context.required("TaskType")
        let formats = Set(context.list("Formats").map { $0.lowercased() })
        let definitions = Set(context.list("Definitions").map { $0.uppercased() })
        let streamTypes = Set(context.list("StreamType").map { $0.lowercased() })
        let sliceFlag = context.bool("SliceFlag") ?? false
        let sliceCount = Int(try context.int("SliceCount") ?? 5)
        guard sliceCount >= 1 else { throw RPCFailure.invalid("SliceCount", "It is at least 1.") }
        var policy: [(String, JSON)] = []
        for name in ["Formats", "Definitions", "StreamType", "ResultType"] {
            if let value = context.string(name) { policy.append((name, .string(value))) }
        }
        policy.append(("SliceFlag", .bool(sliceFlag)))
        if sliceFlag { policy.append(("SliceCount", .int(sliceCount))) }
        let jobId = randomHex()
        let now = store.now()
        var missing: [String] = []
        var forbidden: [String] = []
        for id in ids {
            guard let video = store.read({ $0.videos[id] }) else {
                missing.append(id)
                continue
            }
            // Media being uploaded have no play URLs yet; blocked media may not be distributed.
            guard !["Uploading", "UploadFail", "Blocked"].contains(store.status(of: video)) else {
                forbidden.append(id)
                continue
            }
            let chosen = playableStreams(of: video).filter { stream in
                (formats.isEmpty || formats.contains(stream.format))
                    && (definitions.isEmpty || definitions.contains(stream.definition.uppercased()))
                    && (streamTypes.isEmpty || streamTypes.contains("video"))
            }
            var urls: [String] = []
            for stream in chosen {
                let key = stream.key(videoId: video.videoId)
                urls.append(objectURL(key))
                guard sliceFlag, stream.format == "m3u8" else { continue }
                let folder = PathText.deletingLastComponent(key)
                for index in 1...sliceCount { urls.append(objectURL(folder + cFormat("/seg-%05ld.ts", index))) }
            }
            let tasks = urls.map {
                RefreshTaskRecord(
                    taskId: String(Int.random(in: 10_000_000...99_999_999)), objectPath: $0,
                    objectType: taskType == "Preload" ? "Preload" : "File", creationTime: now)
            }
            var job = JobRecord(
                jobId: jobId + "-" + id, type: "MediaRefresh", mediaId: id, status: "Success",
                userData: context.string("UserData"), creationTime: now, completeTime: now)
            job.settings = JSON.object([
                ("TaskType", .string(taskType)), ("FilterPolicy", .string(JSON.object(policy).serialized())),
                ("SuccessPlayUrls", .string(urls.joined(separator: ","))),
                ("TaskIds", .string(tasks.map(\.taskId).joined(separator: ","))),
            ]).serialized()
            store.mutate { state in
                state.refreshTasks = (state.refreshTasks ?? []) + tasks
                state.jobs[job.jobId] = job
            }
        }
        return [
            ("MediaRefreshJobId", .string(jobId)), ("NonExistMediaIds", .string(missing.joined(separator: ","))),
            ("ForbiddenMediaIds", .string(forbidden.joined(separator: ","))),
        ]
    }

    func getMediaRefreshJobs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("MediaRefreshJobId")
        let mediaId = context.string("MediaId")
        let jobs = store.read { state in
            state.jobs.values.filter { $0.type == "MediaRefresh" && $0.jobId.hasPrefix(id + "-") }
                .sorted { $0.mediaId < $1.mediaId }
        }
        guard !jobs.isEmpty else {
            throw RPCFailure.notFound(
                "InvalidMediaRefreshJob.NotFound", "The media refresh job \(id) does not exist (or named no media).")
        }
        let items: [JSON] = jobs.filter { mediaId == nil || $0.mediaId == mediaId }.map { job in
            let settings = JSON.parse(job.settings ?? "") as? [String: String] ?? [:]
            return .object([
                ("MediaRefreshJobId", .string(id)), ("MediaId", .string(job.mediaId)), ("Status", .string(job.status)),
                ("TaskType", .string(settings["TaskType"] ?? "")),
                ("FilterPolicy", .string(settings["FilterPolicy"] ?? "")),
                ("SuccessPlayUrls", .string(settings["SuccessPlayUrls"] ?? "")),
                ("TaskIds", .string(settings["TaskIds"] ?? "")), ("GmtCreate", iso(job.creationTime)),
                ("GmtModified", iso(job.completeTime ?? job.creationTime)), ("UserData", .string(job.userData ?? "")),
            ])
        }
        return [("MediaRefreshJobs", .array(items))]
    }
}
