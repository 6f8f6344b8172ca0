/// Why an upload (or a step of one) failed. Every `description` is safe to show a model: it never contains the
/// STS secret, the security token or a signature.
public enum UploadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case fileNotFound(path: String, reason: String)
    /// The resolved path lies outside the allowed working directory.
    case outsideWorkdir(path: String, workdir: String)
    /// The path names a directory, device, socket or pipe instead of a regular file.
    case notRegularFile(path: String, kind: String)
    /// The file grew, shrank or was rewritten while it was uploading (seen through the upload's own descriptor).
    case fileChanged(path: String, detail: String)
    /// A failure after CreateUpload* made a media: which one, and what became of it.
    indirect case afterCreate(UploadError, media: CreatedMedia)
    /// What OSS holds does not match the local bytes.
    case checksumMismatch(detail: String)
    /// The upload credential expired and could not be renewed.
    case expired(detail: String)
    /// An argument cannot be used (unknown media type, empty file for multipart, ...).
    case invalidArgument(String)
    /// A VOD API call failed (CreateUpload*, RefreshUploadVideo); carries VOD's own code.
    case api(code: String, message: String, requestId: String?, httpStatus: Int?)
    /// OSS refused a request; carries OSS's code (`AccessDenied`, `NoSuchUpload`, ...).
    case oss(code: String, message: String, requestId: String?, httpStatus: Int)
    /// The network failed; carries the transport's code (`Network.Timeout`, ...).
    case network(code: String, message: String)
    /// The caller cancelled; a multipart upload left a checkpoint and can resume.
    case cancelled(resumable: Bool)
    /// The checkpoint folder cannot be written.
    case checkpointUnwritable(path: String, reason: String)

    /// The media CreateUpload* made before the failure, when there was one.
    public var createdMedia: CreatedMedia? {
        if case .afterCreate(_, let media) = self { return media }
        return nil
    }

    /// The failure without the created-media wrapper.
    public var underlying: UploadError {
        if case .afterCreate(let error, _) = self { return error.underlying }
        return self
    }

    /// Stable identifier: vod-mcp's `Upload.*` codes, or the VOD / OSS / network code passed through.
    public var code: String {
        switch self {
        case .fileNotFound, .notRegularFile: "Upload.FileNotFound"
        case .fileChanged: "Upload.FileChanged"
        case .afterCreate(let underlying, _): underlying.code
        case .outsideWorkdir: "Upload.OutsideWorkdir"
        case .checksumMismatch: "Upload.ChecksumMismatch"
        case .expired: "Upload.Expired"
        case .invalidArgument: "Validation.InvalidParameter"
        case .api(let code, _, _, _), .oss(let code, _, _, _), .network(let code, _): code
        case .cancelled: "Network.Cancelled"
        case .checkpointUnwritable: "Upload.CheckpointUnwritable"
        }
    }

    /// Whether running the same call again (with `Resume: true` for multipart) may succeed.
    public var retryable: Bool {
        switch self {
        case .afterCreate(let underlying, let media):
            // A media left behind would become a duplicate on a fresh retry; only a resume continues it.
            switch media.disposition {
            case .deleted: underlying.retryable
            case .keptForResume: true
            case .leftBehind: false
            }
        case .network, .cancelled, .expired, .checksumMismatch: true
        case .oss(let code, _, _, let status): status >= 500 || code == "SlowDown" || code == "RequestTimeout"
        case .api(let code, _, _, let status): code.hasPrefix("Throttling") || (status ?? 0) >= 500
        default: false
        }
    }

    public var description: String {
        switch self {
        case .fileNotFound(let path, let reason):
            "\(code): cannot read \(path) (\(reason)). Pass an existing file; relative paths start at the working directory."
        case .outsideWorkdir(let path, let workdir):
            "\(code): \(path) is outside the allowed directory \(workdir). Move the file under it, or restart vod-mcp with --workdir set to a folder that contains it."
        case .notRegularFile(let path, let kind):
            "\(code): \(path) is a \(kind), not a regular file. Pass the path of a media file."
        case .fileChanged(let path, let detail):
            "\(code): \(detail) (\(path)). Wait until the file is complete and no longer written to, then upload again."
        case .afterCreate(let underlying, let media):
            underlying.description + " " + media.summary
        case .checksumMismatch(let detail):
            "\(code): \(detail). Make sure the file is not changing while it uploads, then upload again."
        case .expired(let detail):
            "\(code): \(detail). Call upload_media_file again with Resume: true."
        case .invalidArgument(let message):
            "\(code): \(message)"
        case .api(let code, let message, _, _), .oss(let code, let message, _, _), .network(let code, let message):
            message.hasPrefix(code) ? message : "\(code): \(message)"
        case .cancelled(let resumable):
            resumable
                ? "\(code): the upload was cancelled; its progress is saved. Call upload_media_file again with Resume: true to continue."
                : "\(code): the upload was cancelled."
        case .checkpointUnwritable(let path, let reason):
            "\(code): cannot write the upload checkpoint in \(path) (\(reason)). Set XDG_STATE_HOME to a writable folder."
        }
    }
}
