import FoundationEssentials
import TextSupport
import VODCatalog

/// Smart tagging and media fingerprinting (SubmitAIJob and its reads). The sandbox has no models: a job runs for one
/// transcode delay (`processing`, then `success`, as ListAIJob spells them) and its result is derived from the media
/// it ran on, the same every time. Tags are the video's own words (its tags and title) and its category, placed
/// evenly over its duration; a fingerprint matches another fingerprinted video whose stored bytes are identical.
extension RPCService {
    /// The AI operations, merged into `handlers`.
    static let aiHandlers: [String: Handler] = [
        "SubmitAIJob": { try $0.submitAIJob($1) },
        "ListAIJob": { try $0.listAIJob($1) },
        "GetAIVideoTagResult": { try $0.getAIVideoTagResult($1) },
        "GetMediaAiAnalysis": { try $0.getMediaAiAnalysis($1) },
        "GetMediaDNAResult": { try $0.getMediaDNAResult($1) },
        "SubmitMediaDNADeleteJob": { try $0.submitMediaDNADeleteJob($1) },
        "SubmitAIImageJob": { try $0.submitAIImageJob($1) },
        "GetAIImageJobs": { try $0.getAIImageJobs($1) },
        "ListAIImageInfo": { try $0.listAIImageInfo($1) },
        "DeleteAIImageInfos": { try $0.deleteAIImageInfos($1) },
        "SubmitAIImageAuditJob": { try $0.submitAIImageAuditJob($1) },
        "GetMediaAuditAudioResultDetail": { try $0.getMediaAuditAudioResultDetail($1) },
        "SubmitDigitalWatermarkExtractJob": { try $0.submitDigitalWatermarkExtractJob($1) },
        "GetDigitalWatermarkExtractResult": { try $0.getDigitalWatermarkExtractResult($1) },
    ]

    /// The job types SubmitAIJob takes.
    static let aiJobTypes = ["AIMediaDNA", "AIVideoTag"]

    /// Refuses a value the catalog's documented values (a hint there, not a strict enum) do not include.
    func requireDocumented(_ action: String, _ name: String, _ value: String) throws(RPCFailure) {
        guard let values = CatalogRules.operation(action)?.parameters.first(where: { $0.name == name })?.enumValues,
            !values.contains(value)
        else { return }
        throw RPCFailure.invalid(name, "\(value) is not one of " + values.joined(separator: ", ") + ".")
    }

    /// The AI template of `type` that parameter `name` names.
    func requireAITemplate(_ context: RPCContext, _ name: String, type: String, use: String) throws(RPCFailure)
        -> TemplateRecord
    {
        let id = try context.required(name)
        guard let template = store.read({ $0.aiTemplates[id] }) else {
            throw RPCFailure.notFound("InvalidAITemplate.NotFound", "The AI template \(id) does not exist.")
        }
        guard template.type == type else {
            throw RPCFailure.invalid(name, "\(id) is an \(template.type) template; \(use) needs an \(type) one.")
        }
        return template
    }

    /// AI jobs run on videos whose upload has finished.
    func requireUploaded(_ video: VideoRecord) throws(RPCFailure) {
        let status = store.status(of: video)
        guard !["UploadSucc", "Transcoding", "Normal"].contains(status) else { return }
        throw RPCFailure(
            status: 400, code: "Forbidden.IllegalStatus",
            message: "The video is \(status); AI jobs run on uploaded videos.")
    }

    // MARK: Job timing

    func aiCompletion(_ job: JobRecord) -> Date { store.aiCompletion(job) }

    func aiJobDone(_ job: JobRecord) -> Bool { store.aiJobDone(job) }

    /// The jobs of `types` on a media, oldest first.
    func aiJobs(media: String, types: Set<String>) -> [JobRecord] {
        store.read { state in state.jobs.values.filter { types.contains($0.type) && $0.mediaId == media } }
            .sorted { $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.jobId < $1.jobId }
    }

    /// The newest finished job of `type` on a media; a clear error when there is none yet.
    private func finishedAIJob(_ media: String, type: String, result: String) throws(RPCFailure) -> JobRecord {
        let jobs = aiJobs(media: media, types: [type])
        if let done = jobs.last(where: aiJobDone) { return done }
        if let running = jobs.last {
            throw RPCFailure.notFound(
                "NoSuchResource",
                "The \(type) job \(running.jobId) on \(media) is still processing; its \(result) exists once ListAIJob "
                    + "shows it success.")
        }
        throw RPCFailure.notFound(
            "NoSuchResource", "No \(type) job has run on \(media); submit one with SubmitAIJob (Types=\(type)).")
    }

    // MARK: SubmitAIJob, ListAIJob

    func submitAIJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let types = context.list("Types")
        guard !types.isEmpty else { throw RPCFailure.missing("Types") }
        for type in types { try requireDocumented("SubmitAIJob", "Types", type) }
        try requireUploaded(video)
        let now = store.now()
        let jobs = Array(Set(types)).sorted().map { type in
            JobRecord(
                jobId: randomHex(), type: type, mediaId: video.videoId, status: "processing",
                userData: context.string("UserData"), creationTime: now, settings: context.string("Config"))
        }
        store.mutate { state in for job in jobs { state.jobs[job.jobId] = job } }
        let list: [JSON] = jobs.map { job in
            .object([("JobId", .string(job.jobId)), ("MediaId", .string(job.mediaId)), ("Type", .string(job.type))])
        }
        return [("AIJobList", .object([("AIJob", .array(list))]))]
    }

    func listAIJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("JobIds")
        guard !ids.isEmpty else { throw RPCFailure.missing("JobIds") }
        var found: [JSON] = []
        var missing: [String] = []
        for id in ids {
            guard let job = store.read({ $0.jobs[id] }), Self.aiJobTypes.contains(job.type) else {
                missing.append(id)
                continue
            }
            let done = aiJobDone(job)
            let data: String
            if !done {
                data = ""
            } else if job.type == "AIVideoTag" {
                data = videoTagResult(job.mediaId).serialized()
            } else {
                data = JSON.object([("VideoDNA", .array(dnaMatches(job.mediaId)))]).serialized()
            }
            found.append(
                .object([
                    ("JobId", .string(job.jobId)), ("MediaId", .string(job.mediaId)), ("Type", .string(job.type)),
                    ("Status", .string(done ? "success" : "processing")), ("Code", .string(done ? "0" : "")),
                    ("Message", .string(done ? "OK" : "")), ("CreationTime", iso(job.creationTime)),
                    ("CompleteTime", done ? iso(aiCompletion(job)) : .string("")), ("Data", .string(data)),
                ]))
        }
        return [
            ("AIJobList", .object([("AIJob", .array(found))])),
            ("NonExistAIJobIds", .object([("String", .array(missing.map(JSON.string)))])),
        ]
    }

    // MARK: Smart tagging

    /// The words a video is tagged with: its own tags, then the words of its title, each once.
    private func tagWords(_ video: VideoRecord) -> [String] {
        let tags = (video.tags ?? "").split(separator: ",").map { $0.trimmingWhitespace() }
        let title = video.title.split(whereSeparator: { $0.isWhitespace || $0.isPunctuation }).map(String.init)
        var seen: Set<String> = []
        return (tags + title).filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }.prefix(10).map { $0 }
    }

    /// Milliseconds at which tag `index` of `count` appears: spread evenly over the video.
    private func tagTimes(_ video: VideoRecord, index: Int, count: Int) -> [String] {
        let span = Int(video.duration * 1000)
        return [String(span * index / max(count, 1))]
    }

    /// GetAIVideoTagResult's VideoTagResult (also ListAIJob's Data for AIVideoTag jobs).
    func videoTagResult(_ mediaId: String) -> JSON {
        guard let video = store.read({ $0.videos[mediaId] }) else {
            return .object(["Category", "Keyword", "Location", "Person", "Time"].map { ($0, JSON.array([])) })
        }
        let words = tagWords(video)
        let keywords: [JSON] = words.enumerated().map { index, word in
            .object([
                ("Tag", .string(word)),
                ("Times", .array(tagTimes(video, index: index, count: words.count).map(JSON.string))),
            ])
        }
        let category = video.cateId.flatMap { id in store.read { $0.categories[id]?.cateName } }
        return .object([
            ("Category", .array(category.map { [JSON.object([("Tag", .string($0))])] } ?? [])),
            ("Keyword", .array(keywords)), ("Location", .array([])), ("Person", .array([])), ("Time", .array([])),
        ])
    }

    func getAIVideoTagResult(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let job = try finishedAIJob(video.videoId, type: "AIVideoTag", result: "tag result")
        return [("VideoTagResult", videoTagResult(job.mediaId))]
    }

    /// AI analysis results: the API has no operation that submits an analysis, so the sandbox derives them from the
    /// media's latest finished smart-tagging job (none yet: an empty list).
    func getMediaAiAnalysis(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let known = ["Keyword", "Classification", "TRANSCRIPTION", "Chapter", "Summary"]
        let wanted = context.list("ResultTypes")
        for type in wanted where !known.contains(type) {
            throw RPCFailure.invalid(
                "ResultTypes", "\(type) is not a result type; use " + known.joined(separator: ", ") + ".")
        }
        guard aiJobs(media: video.videoId, types: ["AIVideoTag"]).contains(where: aiJobDone) else {
            return [("AiAnalysisResultList", .object([("AiAnalysisResult", .array([]))]))]
        }
        let words = tagWords(video)
        let category = video.cateId.flatMap { id in store.read { $0.categories[id]?.cateName } }
        let span = Int(video.duration * 1000)
        let summary = video.description ?? video.title
        let contents: [String: String] = [
            "Keyword": JSON.array(words.map(JSON.string)).serialized(),
            "Classification": JSON.array(category.map { [JSON.string($0)] } ?? []).serialized(),
            "TRANSCRIPTION": "[]",
            "Chapter": JSON.array([
                .object([
                    ("chapterId", .int(1)), ("chapterTitle", .string(video.title)), ("startTime", .int(0)),
                    ("endTime", .int(span)), ("summary", .string(summary)),
                ])
            ]).serialized(),
            "Summary": JSON.string(summary).serialized(),
        ]
        let results: [JSON] = (wanted.isEmpty ? known : known.filter(wanted.contains)).map { type in
            .object([
                ("ResultType", .string(type)), ("Title", .string(video.title)), ("Summary", .string(summary)),
                ("Content", .string(contents[type] ?? "")), ("Extra", .string("")),
            ])
        }
        return [("AiAnalysisResultList", .object([("AiAnalysisResult", .array(results))]))]
    }

    // MARK: Media fingerprinting (DNA)

    /// Media in the fingerprint library: a finished AIMediaDNA job newer than any removal.
    private func fingerprinted(_ mediaId: String) -> Bool {
        let removed = store.read { $0.ai?.removedFingerprints[mediaId] }
        return aiJobs(media: mediaId, types: ["AIMediaDNA"]).contains { job in
            aiJobDone(job) && removed.map { job.creationTime > $0 } ?? true
        }
    }

    /// The stored source bytes' identity (size and CRC-64) of a video, if it has any.
    private func contentKey(_ mediaId: String) -> String? {
        store.read { state in
            guard let video = state.videos[mediaId],
                let object = state.objects[SandboxSnapshot.objectKey(video.bucket, video.objectKey)]
            else { return nil }
            return "\(object.size)/\(object.crc64)"
        }
    }

    /// Other fingerprinted videos with the same content, as VideoDNA entries.
    func dnaMatches(_ mediaId: String) -> [JSON] {
        guard let key = contentKey(mediaId), let video = store.read({ $0.videos[mediaId] }) else { return [] }
        let others = store.read { state in
            state.jobs.values.filter { $0.type == "AIMediaDNA" && $0.mediaId != mediaId }.map(\.mediaId)
        }
        let duration = cFormat("%.1f", video.duration)
        let span: JSON = .object([("Duration", .string(duration)), ("Start", .string("0.0"))])
        return Set(others).sorted().filter { fingerprinted($0) && contentKey($0) == key }.map { other in
            .object([
                ("PrimaryKey", .string(other)), ("Similarity", .string("1.0")),
                ("Detail", .array([.object([("Input", span), ("Duplication", span)])])),
            ])
        }
    }

    func getMediaDNAResult(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        _ = try finishedAIJob(video.videoId, type: "AIMediaDNA", result: "fingerprint result")
        guard fingerprinted(video.videoId) else {
            throw RPCFailure.notFound(
                "NoSuchResource",
                "The fingerprint of \(video.videoId) was removed with SubmitMediaDNADeleteJob; submit a new "
                    + "AIMediaDNA job to compare it again.")
        }
        return [("DNAResult", .object([("VideoDNA", .array(dnaMatches(video.videoId)))]))]
    }

    func submitMediaDNADeleteJob(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        guard fingerprinted(video.videoId) else {
            throw RPCFailure.notFound(
                "NoSuchResource",
                "\(video.videoId) is not in the fingerprint library; only media with a finished AIMediaDNA job are.")
        }
        let now = store.now()
        let job = JobRecord(
            jobId: randomHex(), type: "MediaDNADelete", mediaId: video.videoId, status: "success", creationTime: now,
            completeTime: now)
        store.mutate { state in
            state.jobs[job.jobId] = job
            var ai = state.ai ?? AIState()
            ai.removedFingerprints[video.videoId] = now
            state.ai = ai
        }
        return [("JobId", .string(job.jobId))]
    }
}
