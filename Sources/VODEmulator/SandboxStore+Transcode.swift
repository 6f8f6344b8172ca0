import Synchronization

extension SandboxStore {
    /// Sends the events of transcoding runs that have ended since the last look: StreamTranscodeComplete for each
    /// stream, then TranscodeComplete with every stream's details, as the service does. Transcoding ends by elapsed
    /// time (`status(of:)`), so the sandbox looks periodically (`VODSandbox` runs this while it listens).
    func announceFinishedTranscodes() {
        let due = read { state in
            state.videos.values.filter { video in
                guard let started = video.uploadedAt, video.transcodeAnnouncedFor != started,
                    video.templateGroupId != SandboxSnapshot.noTranscodeGroup
                else { return false }
                return status(of: video) == "Normal"
            }
        }
        guard !due.isEmpty else { return }
        mutate { state in
            for video in due { state.videos[video.videoId]?.transcodeAnnouncedFor = video.uploadedAt }
        }
        let base = endpoint.withLock { $0 } + "/" + bucket + "/"
        for video in due {
            let deleted = Set(video.deletedStreams ?? [])
            let streams = MediaStream.streams(
                of: video, groupConfig: read { $0.transcodeGroups[video.templateGroupId]?.config }
            ).filter { !deleted.contains($0.definition) }
            var infos: [JSON] = []
            for stream in streams {
                let fields: [(String, JSON)] = [
                    ("Status", .string("success")), ("Bitrate", .string(stream.bitrate)),
                    ("Definition", .string(stream.definition)), ("Duration", .string(String(video.duration))),
                    ("Encrypt", .bool(false)), ("Format", .string(stream.format)), ("Fps", .string(stream.fps)),
                    ("Height", .int(stream.height)), ("Width", .int(stream.width)), ("Size", .int(video.size ?? 0)),
                    ("FileUrl", .string(base + stream.key(videoId: video.videoId))),
                ]
                infos.append(.object(fields))
                emit(
                    "StreamTranscodeComplete", appId: video.appId,
                    fields: [("VideoId", .string(video.videoId))] + fields)
            }
            emit(
                "TranscodeComplete", appId: video.appId,
                fields: [
                    ("VideoId", .string(video.videoId)), ("Status", .string("success")),
                    ("StreamInfos", .array(infos)),
                ])
        }
    }
}
