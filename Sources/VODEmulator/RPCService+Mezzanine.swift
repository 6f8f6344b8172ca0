import FoundationEssentials
import TextSupport
import VODSigning

/// Source (mezzanine) files: registering objects already in the bucket as media, reading a source file's details,
/// deleting source files, and adding a ready-made stream to a video from a URL.
extension RPCService {
    /// Where DeleteMezzanines moves a deleted source: out of the bucket's namespace, kept only as the bytes the
    /// video's transcoded streams are derived from (the service keeps transcoded streams too).
    static let retiredSourcePrefix = "mezzanine-deleted/"

    /// The bucket and object key an OSS-style (`http://<bucket>.oss-<region>.aliyuncs.com/<key>`) or sandbox-style
    /// (`<endpoint>/<bucket>/<key>`) file URL names.
    private func objectLocation(_ text: String) -> (bucket: String, key: String)? {
        guard let components = URLComponents(string: text), let host = components.host?.lowercased() else {
            return nil
        }
        let path =
            PercentEncoding.decode(String(components.percentEncodedPath.drop { $0 == "/" }))
            ?? components.path
        if let range = host.firstRange(of: ".oss-") {
            return (String(host[..<range.lowerBound]), path)
        }
        let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        return (parts[0], parts[1])
    }

    /// RegisterMedia: makes media of objects already in the sandbox bucket. A file registered before (or uploaded
    /// as a video) answers its existing MediaId with NewRegister false. Registered media are not transcoded unless
    /// a template group is given, as the docs say; with one, a transcode task starts.
    func registerMedia(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let items = JSON.parse(try context.required("RegisterMetadatas")) as? [[String: Any]] else {
            throw RPCFailure.invalid("RegisterMetadatas", "It must be a JSON array of {FileURL, Title, ...}.")
        }
        let defaultGroup = try context.string("TemplateGroupId").map { id throws(RPCFailure) in
            try resolveTemplateGroup(id)
        }
        var registered: [JSON] = []
        var failed: [JSON] = []
        for item in items {
            let fileURL = item["FileURL"] as? String ?? ""
            guard let location = objectLocation(fileURL), location.bucket == store.bucket,
                let object = store.read({ $0.objects[SandboxSnapshot.objectKey(location.bucket, location.key)] }),
                Self.videoExtensions.contains(PathText.pathExtension(location.key).lowercased())
            else {
                failed.append(.string(fileURL))
                continue
            }
            if let existing = store.read({ state in
                state.videos.values.first { $0.bucket == location.bucket && $0.objectKey == location.key }
            }) {
                registered.append(registeredJSON(fileURL, existing.videoId, new: false))
                continue
            }
            let cateId =
                (item["CateId"] as? JSONNumber)?.int64Value ?? (item["CateId"] as? String).flatMap { Int64($0) }
            try checkCategory(cateId)
            let group =
                try (item["TemplateGroupId"] as? String).map { id throws(RPCFailure) in
                    try resolveTemplateGroup(id)
                } ?? defaultGroup
            let now = store.now()
            var video = VideoRecord(
                videoId: randomHex(), title: item["Title"] as? String ?? "",
                description: item["Description"] as? String,
                fileName: PathText.lastComponent(location.key), fileSize: object.size, cateId: cateId,
                tags: item["Tags"] as? String, coverURL: item["CoverURL"] as? String,
                userData: context.string("UserData"), templateGroupId: SandboxSnapshot.noTranscodeGroup,
                appId: "app-1000000", storageLocation: store.bucket, bucket: location.bucket,
                objectKey: location.key, creationTime: now, modificationTime: now, uploadedAt: now,
                baseStatus: "UploadSucc")
            video.size = object.size
            video.crc64 = String(object.crc64)
            store.mutate { $0.videos[video.videoId] = video }
            if let group {
                _ = try submitTranscodeJobs(
                    RPCContext(parameters: ["VideoId": video.videoId, "TemplateGroupId": group], host: context.host))
            }
            registered.append(registeredJSON(fileURL, video.videoId, new: true))
        }
        return [("RegisteredMediaList", .array(registered)), ("FailedFileURLs", .array(failed))]
    }

    private func registeredJSON(_ fileURL: String, _ mediaId: String, new: Bool) -> JSON {
        .object([("FileURL", .string(fileURL)), ("MediaId", .string(mediaId)), ("NewRegister", .bool(new))])
    }

    /// The video a call names by VideoId or, failing that, by ReferenceId.
    private func videoByIdOrReference(_ context: RPCContext) throws(RPCFailure) -> VideoRecord {
        if let id = context.string("VideoId") { return try requireVideo(id) }
        guard let reference = context.string("ReferenceId") else { throw RPCFailure.missing("VideoId") }
        guard let video = store.read({ $0.videos.values.first { $0.referenceId == reference } }) else {
            throw RPCFailure.notFound("InvalidVideo.NotFound", "No video has the ReferenceId \(reference).")
        }
        return video
    }

    /// GetMezzanineInfo: the source file as stored (size, MD5, a signed URL), with stream lists on request. The
    /// sandbox does not decode media, so the stream fields give the container it serves (H.264 video, AAC audio)
    /// and sizes it cannot know are 0, as GetPlayInfo shows them.
    func getMezzanineInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try videoByIdOrReference(context)
        guard !video.objectKey.hasPrefix(Self.retiredSourcePrefix) else {
            throw RPCFailure.notFound(
                "InvalidVideo.NotFound", "The source file of video \(video.videoId) was deleted (DeleteMezzanines).")
        }
        let ttl = try context.int("AuthTimeout") ?? 3600
        guard ttl >= 1 else { throw RPCFailure.invalid("AuthTimeout", "It is at least 1 second.") }
        let additions = Set(context.list("AdditionType"))
        let object = store.read { $0.objects[SandboxSnapshot.objectKey(video.bucket, video.objectKey)] }
        let status = video.baseStatus == "Uploading" || video.baseStatus == "UploadFail" ? video.baseStatus : "Normal"
        let duration = String(video.duration)
        var fields: [(String, JSON)] = [
            ("VideoId", .string(video.videoId)), ("FileName", .string(video.fileName)),
            ("FileURL", .string(object == nil ? objectURL(video.objectKey) : signedURL(video.objectKey, ttl: ttl))),
            ("Size", .int(object?.size ?? 0)), ("FileMD5", .string(object?.etag.lowercased() ?? "")),
            ("Duration", .string(duration)), ("Width", .int(0)), ("Height", .int(0)), ("Bitrate", .string("0")),
            ("Fps", .string("25")), ("CreationTime", iso(video.creationTime)), ("Status", .string(status)),
            ("OutputType", .string(context.string("OutputType") ?? "cdn")),
            ("PreprocessStatus", .string(preprocessStatus(video.videoId))),
            ("StorageClass", .string(video.storageClass ?? "Standard")),
        ]
        if let until = video.restoreExpiration {
            fields.append(("RestoreStatus", .string(store.now() < until ? "Success" : "Processing")))
            fields.append(("RestoreExpiration", iso(until)))
        }
        if additions.contains("video") {
            let stream: JSON = .object([
                ("Index", .string("0")), ("CodecName", .string("h264")),
                ("CodecLongName", .string("H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10")), ("Profile", .string("High")),
                ("CodecTimeBase", .string("1/50")), ("CodecTagString", .string("avc1")),
                ("CodecTag", .string("0x31637661")), ("Width", .string("0")), ("Height", .string("0")),
                ("HasBFrames", .string("0")), ("Sar", .string("1:1")), ("Dar", .string("16:9")),
                ("PixFmt", .string("yuv420p")), ("Level", .string("31")), ("Fps", .string("25")),
                ("AvgFPS", .string("25")), ("Timebase", .string("1/12800")), ("StartTime", .string("0")),
                ("Duration", .string(duration)), ("NumFrames", .string("0")), ("Lang", .string("und")),
                ("Bitrate", .string("0")), ("Rotate", .string("0")), ("HDRType", .string("")),
            ])
            fields.append(("VideoStreamList", .array([stream])))
        }
        if additions.contains("audio") {
            let stream: JSON = .object([
                ("Index", .string("1")), ("CodecName", .string("aac")),
                ("CodecLongName", .string("AAC (Advanced Audio Coding)")), ("CodecTimeBase", .string("1/44100")),
                ("CodecTagString", .string("mp4a")), ("CodecTag", .string("0x6134706d")),
                ("SampleFmt", .string("fltp")), ("SampleRate", .string("44100")), ("Channels", .string("2")),
                ("ChannelLayout", .string("stereo")), ("Timebase", .string("1/44100")), ("StartTime", .string("0")),
                ("Duration", .string(duration)), ("NumFrames", .string("0")), ("Lang", .string("und")),
                ("Bitrate", .string("0")),
            ])
            fields.append(("AudioStreamList", .array([stream])))
        }
        return [("Mezzanine", .object(fields))]
    }

    /// DeleteMezzanines: removes the source files. A video whose only stream is its source (no transcoding) keeps
    /// it unless Force is true; a video still uploading cannot lose its source. Deleting twice is not an error.
    func deleteMezzanines(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("VideoIds")
        let references = context.list("ReferenceIds")
        guard !ids.isEmpty || !references.isEmpty else { throw RPCFailure.missing("VideoIds") }
        let force = context.bool("Force") ?? false
        var missing: [JSON] = []
        var missingReferences: [JSON] = []
        var kept: [JSON] = []
        var targets: [VideoRecord] = []
        for id in ids {
            if let video = store.read({ $0.videos[id] }) { targets.append(video) } else { missing.append(.string(id)) }
        }
        for reference in references {
            if let video = store.read({ $0.videos.values.first { $0.referenceId == reference } }) {
                targets.append(video)
            } else {
                missingReferences.append(.string(reference))
            }
        }
        for video in targets where !video.objectKey.hasPrefix(Self.retiredSourcePrefix) {
            let onlyStream = video.templateGroupId == SandboxSnapshot.noTranscodeGroup
            guard video.uploadedAt != nil, !onlyStream || force else {
                kept.append(.string(video.videoId))
                continue
            }
            let retired =
                Self.retiredSourcePrefix + video.videoId + "/" + PathText.lastComponent(video.objectKey)
            store.mutate { state in
                let old = SandboxSnapshot.objectKey(video.bucket, video.objectKey)
                if var object = state.objects.removeValue(forKey: old) {
                    object.key = retired
                    state.objects[SandboxSnapshot.objectKey(video.bucket, retired)] = object
                }
                state.videos[video.videoId]?.objectKey = retired
            }
        }
        var out: [(String, JSON)] = [("NonExistVideoIds", .array(missing)), ("UnRemoveableVideoIds", .array(kept))]
        if !references.isEmpty { out.append(("NonExistReferenceIds", .array(missingReferences))) }
        return out
    }

    /// UploadStreamByURL: pulls a ready-made stream file (loopback http(s) only, see `LoopbackPull`) into the
    /// video's stream folder. Once the pull succeeds GetPlayInfo lists it under its Definition.
    func uploadStreamByURL(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("MediaId"))
        let definition = try context.required("Definition")
        let source = try context.required("StreamURL")
        if case .failure(let failure) = LoopbackPull.check(source) {
            throw RPCFailure.invalid("StreamURL", failure.message)
        }
        let fromURL = (URL(string: source)?.path ?? "" as String).split(separator: ".").last.map(String.init)
        let format = (context.string("FileExtension") ?? fromURL ?? "mp4").lowercased()
        guard Self.videoExtensions.contains(format), format != "m3u8" else {
            throw RPCFailure.invalid(
                "FileExtension",
                "Use the extension of a single-file stream (mp4, flv, mp3...); the sandbox pulls "
                    + "one file, not an HLS playlist with its segments.")
        }
        let stream = MediaStream(
            definition: definition, format: format, width: 0, height: 0, bitrate: "0", fps: "25", templateId: "")
        let key = stream.key(videoId: video.videoId)
        var job = JobRecord(
            jobId: randomHex(), type: "StreamUpload", mediaId: video.videoId, status: "Processing", sourceURL: source,
            userData: context.string("UserData"), creationTime: store.now())
        job.settings = JSON.object([("Definition", .string(definition)), ("Format", .string(format))]).serialized()
        store.mutate { $0.jobs[job.jobId] = job }
        let store = store
        let bucket = store.bucket
        let jobId = job.jobId
        Task.detached {
            let outcome = await URLFetcher.fetch(url: source, store: store)
            let now = store.now()
            switch outcome {
            case .success(let (segment, digest)):
                store.objectStored(
                    ObjectRecord(
                        bucket: bucket, key: key, size: digest.size, etag: digest.md5.hexString.uppercased(),
                        crc64: digest.crc, contentType: "video/\(format)", segments: segment.map { [$0] } ?? [],
                        lastModified: now))
                store.mutate { state in
                    state.jobs[jobId]?.status = "Success"
                    state.jobs[jobId]?.fileSize = digest.size
                    state.jobs[jobId]?.completeTime = now
                }
            case .failure(let failure):
                store.mutate { state in
                    state.jobs[jobId]?.status = "Fail"
                    state.jobs[jobId]?.errorCode = failure.code
                    state.jobs[jobId]?.errorMessage = failure.message
                    state.jobs[jobId]?.completeTime = now
                }
            }
        }
        return [
            ("StreamJobId", .string(job.jobId)), ("SourceURL", .string(source)), ("FileURL", .string(objectURL(key))),
        ]
    }

    /// What GetPlayInfo lists: the transcoded streams, then those added with UploadStreamByURL whose pull
    /// succeeded (except where a transcoded stream already has the same definition and format).
    func playableStreams(of video: VideoRecord) -> [MediaStream] {
        let made = streams(of: video)
        let deleted = Set(video.deletedStreams ?? [])
        let jobs = store.read { state in
            state.jobs.values.filter {
                $0.type == "StreamUpload" && $0.mediaId == video.videoId && $0.status == "Success"
            }.sorted { $0.creationTime < $1.creationTime }
        }
        var out: [MediaStream] = []
        for job in jobs {
            guard let settings = JSON.parse(job.settings ?? "") as? [String: String],
                let definition = settings["Definition"], let format = settings["Format"],
                !deleted.contains(definition),
                !(made + out).contains(where: { $0.definition == definition && $0.format == format })
            else { continue }
            out.append(
                MediaStream(
                    definition: definition, format: format, width: 0, height: 0, bitrate: "0", fps: "25",
                    templateId: ""))
        }
        return made + out
    }

    /// Deletes the stream files UploadStreamByURL stored for a deleted video (transcoded streams are derived and
    /// go with it).
    func removeUploadedStreams(of video: VideoRecord) {
        let keys = store.read { state in
            state.objects.values.filter { $0.bucket == video.bucket && $0.key.hasPrefix("stream/\(video.videoId)/") }
                .map(\.key)
        }
        for key in keys { removeObject(bucket: video.bucket, key: key) }
    }

    /// GenerateDownloadSecretKey: the key the player SDK uses for secure download, derived from the app's own key
    /// and identities (the same inputs give the same key, as a stored key would).
    func generateDownloadSecretKey(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let key = try context.required("AppDecryptKey")
        guard (16...32).contains(key.count), key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw RPCFailure.invalid("AppDecryptKey", "Use 16 to 32 letters and digits.")
        }
        let identities = context.list("AppIdentification")
        guard !identities.isEmpty else { throw RPCFailure.missing("AppIdentification") }
        let message = store.accessKeyId + "|" + identities.sorted().joined(separator: ",")
        let derived = Digest.hmac(.sha256, key: key, message: message)
        return [("AppEncryptKey", .string(Array(derived.prefix(24)).base64String))]
    }
}
