import TextSupport

/// One output of a video as GetPlayInfo lists it: the source itself (no transcoding) or one template of the video's
/// transcode template group, with the template's definition, container format, size and bitrate.
struct MediaStream: Sendable, Equatable {
    var definition: String
    var format: String
    var width: Int64
    var height: Int64
    /// Kbps, as the template states it ("0" when unknown).
    var bitrate: String
    var fps: String
    var templateId: String

    /// The streams a video has once transcoded: one per template of its group, or the original for
    /// VOD_NO_TRANSCODE (and for a group without templates).
    static func streams(of video: VideoRecord, groupConfig: String?) -> [MediaStream] {
        let ext = PathText.pathExtension(video.objectKey).lowercased()
        let original = MediaStream(
            definition: "OD", format: ext == "m3u8" ? "m3u8" : "mp4", width: 0, height: 0, bitrate: "0", fps: "25",
            templateId: "")
        guard video.templateGroupId != SandboxSnapshot.noTranscodeGroup, let groupConfig,
            let templates = JSON.parse(groupConfig) as? [[String: Any]], !templates.isEmpty
        else { return [original] }
        return templates.enumerated().map { index, template in
            let video = template["Video"] as? [String: Any] ?? [:]
            let container = template["Container"] as? [String: Any] ?? [:]
            return MediaStream(
                definition: text(template["Definition"]) ?? "LD",
                format: (text(container["Format"]) ?? "mp4").lowercased(),
                width: Int64(text(video["Width"]) ?? "") ?? 0, height: Int64(text(video["Height"]) ?? "") ?? 0,
                bitrate: text(video["Bitrate"]) ?? "0", fps: text(video["Fps"]) ?? "25",
                templateId: text(template["TranscodeTemplateId"]) ?? "template-\(index + 1)")
        }
    }

    /// Object key of the stream: `stream/<VideoId>/<Definition>.mp4`, or an HLS playlist
    /// `stream/<VideoId>/<Definition>/index.m3u8` whose segments sit beside it.
    func key(videoId: String) -> String {
        format == "m3u8" ? "stream/\(videoId)/\(definition)/index.m3u8" : "stream/\(videoId)/\(definition).\(format)"
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string.isEmpty ? nil : string
        case let number as JSONNumber: number.stringValue
        default: nil
        }
    }
}
