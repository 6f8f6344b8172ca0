import FoundationEssentials
import TextSupport
import VODSigning

/// Objects the sandbox derives instead of storing: transcoded streams (MP4 and HLS playlists with MPEG-TS segments)
/// and snapshot images. Their bytes come from the uploaded source; nothing is encoded.
extension OSSService {
    /// Source bytes per HLS segment.
    static let segmentSpan = 256 * 1024

    /// The derived object at `key`, or `nil` when the key is not a derived one (or names nothing).
    func derivedObject(bucket: String, key: String) -> (contentType: String, body: [UInt8])? {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3, let video = store.read({ $0.videos[parts[1]] }) else { return nil }
        switch parts[0] {
        case "snapshot":
            guard parts.count == 3, parts[2].hasSuffix(".png") else { return nil }
            let name = parts[2].dropLast(4).split(separator: "_")
            guard name.count == 2, let index = Int(name[1]),
                let job = store.read({ $0.jobs[String(name[0])] }), job.type == "Snapshot",
                job.mediaId == video.videoId, (1...max(1, job.snapshotCount ?? 1)).contains(index)
            else { return nil }
            return ("image/png", Self.snapshotImage)
        case "dynamic":
            guard parts.count == 3, parts[2].hasSuffix(".gif"),
                let job = store.read({ $0.jobs[String(parts[2].dropLast(4))] }), job.type == "DynamicImage",
                job.mediaId == video.videoId
            else { return nil }
            return ("image/gif", Self.dynamicImage)
        case "aiimage":
            return store.aiImageObject(key: key)
        case "stream":
            let streams = MediaStream.streams(
                of: video, groupConfig: store.read { $0.transcodeGroups[video.templateGroupId]?.config })
            guard store.status(of: video) == "Normal", let source = sourceBytes(video) else { return nil }
            if parts.count == 3, let stream = streams.first(where: { $0.key(videoId: video.videoId) == key }) {
                return ("video/\(stream.format)", source)
            }
            guard parts.count == 4, streams.contains(where: { $0.format == "m3u8" && $0.definition == parts[2] }) else {
                return nil
            }
            let count = max(1, (source.count + Self.segmentSpan - 1) / Self.segmentSpan)
            if parts[3] == "index.m3u8" {
                let directory = "/" + bucket + "/" + PercentEncoding.encodePath(parts.dropLast().joined(separator: "/"))
                return ("application/vnd.apple.mpegurl", Array(playlist(directory: directory, count: count).utf8))
            }
            guard parts[3].hasPrefix("seg-"), parts[3].hasSuffix(".ts"),
                let index = Int(parts[3].dropFirst(4).dropLast(3)), (1...count).contains(index)
            else { return nil }
            let start = (index - 1) * Self.segmentSpan
            let slice = Array(source[start..<min(source.count, start + Self.segmentSpan)])
            return ("video/mp2t", Self.transportStream(slice))
        default:
            return nil
        }
    }

    /// Logs a GET through a signed (auth_key) URL: a play unless it is an HLS segment, and its bytes as traffic.
    func recordServed(_ route: OSSRoute, bytes: Int) {
        guard route.query["auth_key"] != nil else { return }
        let parts = route.key.split(separator: "/").map(String.init)
        let videoId: String? =
            parts.first == "stream" && parts.count > 1
            ? parts[1] : store.read { state in state.videos.values.first { $0.objectKey == route.key }?.videoId }
        let event = PlayEvent(
            videoId: videoId, time: store.now(), bytes: Int64(bytes),
            isPlay: videoId != nil && !route.key.hasSuffix(".ts") && parts.first != "snapshot"
                && parts.first != "dynamic" && parts.first != "aiimage")
        store.mutate { $0.playLog = ($0.playLog ?? []) + [event] }
    }

    private func sourceBytes(_ video: VideoRecord) -> [UInt8]? {
        guard let object = store.read({ $0.objects[SandboxSnapshot.objectKey(video.bucket, video.objectKey)] }) else {
            return nil
        }
        var body: [UInt8] = []
        for segment in object.segments {
            guard let data = FileManager.default.contents(atPath: store.objectPath(segment).path) else { return nil }
            body += data
        }
        return body
    }

    /// A VOD HLS playlist: 10-second segments, each URL signed like the playlist itself.
    private func playlist(directory: String, count: Int) -> String {
        let expires = store.now().addingTimeInterval(3600)
        var text = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n"
        for index in 1...count {
            let name = cFormat("seg-%05ld.ts", index)
            let auth = store.urlSigner.authKey(path: directory + "/" + name, expires: expires, rand: randomHex(8))
            text += "#EXTINF:10.000,\n\(name)?auth_key=\(auth)\n"
        }
        return text + "#EXT-X-ENDLIST\n"
    }

    /// Wraps bytes in 188-byte MPEG-TS packets (sync byte 0x47, PID 0x100, continuity counter), padding the last one.
    static func transportStream(_ payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var counter: UInt8 = 0
        var offset = 0
        repeat {
            let chunk = payload[offset..<min(payload.count, offset + 184)]
            let start: UInt8 = offset == 0 ? 0x40 : 0x00
            out += [0x47, start | 0x01, 0x00, 0x10 | (counter & 0x0F)]
            out += chunk
            out += [UInt8](repeating: 0xFF, count: 184 - chunk.count)
            counter &+= 1
            offset += 184
        } while offset < payload.count
        return out
    }

    /// A 1x1 grey GIF: the picture of every sandbox dynamic image.
    static let dynamicImage: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x80, 0x80, 0x80, 0x00, 0x00,
        0x00, 0x21, 0xF9, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
        0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    /// A 16x9 grey PNG: the picture of every sandbox snapshot.
    static let snapshotImage: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
        0x00, 0x10, 0x00, 0x00, 0x00, 0x09, 0x08, 0x02, 0x00, 0x00, 0x00, 0xB4, 0x48, 0x3B, 0x65, 0x00, 0x00, 0x00,
        0x11, 0x49, 0x44, 0x41, 0x54, 0x78, 0xDA, 0x63, 0xD0, 0x20, 0x11, 0x30, 0x8C, 0x6A, 0x18, 0x14, 0x1A, 0x00,
        0x28, 0xDF, 0x43, 0x81, 0x61, 0xDB, 0x61, 0xBA, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42,
        0x60, 0x82,
    ]
}
