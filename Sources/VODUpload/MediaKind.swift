/// Which CreateUpload operation a file goes through.
public enum MediaKind: String, Sendable, CaseIterable {
    /// CreateUploadVideo (audio files too); refreshable with RefreshUploadVideo.
    case video
    /// CreateUploadImage.
    case image
    /// CreateUploadAttachedMedia (watermarks, subtitles, other material).
    case attached

    static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "gif"]
    static let videoExtensions: Set<String> = [
        "mp4", "mov", "flv", "avi", "mkv", "m3u8", "ts", "wmv", "webm", "mpg", "mpeg", "3gp", "m4v", "f4v", "rmvb",
        "mp3", "wav", "m4a", "aac", "flac", "ogg", "wma", "ape", "mts", "mxf", "vob", "asf", "dat", "rm", "swf",
    ]

    /// The kind a file extension suggests: images by extension, known audio/video formats as video, the rest attached.
    public static func detect(fileExtension: String) -> MediaKind {
        let ext = fileExtension.lowercased()
        if imageExtensions.contains(ext) { return .image }
        if videoExtensions.contains(ext) { return .video }
        return .attached
    }

    /// The CreateUpload action.
    var createAction: String {
        switch self {
        case .video: "CreateUploadVideo"
        case .image: "CreateUploadImage"
        case .attached: "CreateUploadAttachedMedia"
        }
    }

    /// The field of the CreateUpload response holding the new media's ID.
    var idField: String {
        switch self {
        case .video: "VideoId"
        case .image: "ImageId"
        case .attached: "MediaId"
        }
    }

    /// The Content-Type sent to OSS for a file extension.
    static func contentType(fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "mp4", "m4v": "video/mp4"
        case "mov": "video/quicktime"
        case "webm": "video/webm"
        case "mkv": "video/x-matroska"
        case "flv": "video/x-flv"
        case "ts": "video/mp2t"
        case "m3u8": "application/x-mpegURL"
        case "mp3": "audio/mpeg"
        case "wav": "audio/wav"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "srt", "vtt": "text/plain"
        default: "application/octet-stream"
        }
    }
}
