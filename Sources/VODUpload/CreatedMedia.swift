/// A media an upload created (CreateUploadVideo / CreateUploadImage / CreateUploadAttachedMedia) before it failed,
/// and what the upload did about it, so no failure leaves an unnamed orphan behind.
public struct CreatedMedia: Sendable, Equatable {
    /// What became of the media.
    public enum Disposition: Sendable, Equatable {
        /// Deleted again (and its multipart upload aborted): nothing is left.
        case deleted
        /// Kept with its checkpoint: `Resume: true` continues the same media.
        case keptForResume
        /// Still in VOD (status Uploading or with partial bytes) because cleaning up failed; `reason` says why.
        case leftBehind(reason: String)
    }

    public var kind: MediaKind
    /// VideoId, ImageId or MediaId.
    public var mediaId: String
    /// The multipart upload that was started for it, if any.
    public var uploadId: String?
    public var disposition: Disposition

    public init(kind: MediaKind, mediaId: String, uploadId: String? = nil, disposition: Disposition) {
        self.kind = kind
        self.mediaId = mediaId
        self.uploadId = uploadId
        self.disposition = disposition
    }

    /// `VideoId`, `ImageId` or `MediaId`.
    public var idField: String { kind.idField }

    /// The delete operation for the media's kind.
    public var deleteAction: String {
        switch kind {
        case .video: "DeleteVideo"
        case .image: "DeleteImage"
        case .attached: "DeleteAttachedMedia"
        }
    }

    /// `deleted`, `keptForResume` or `leftBehind`, for structured results.
    public var dispositionName: String {
        switch disposition {
        case .deleted: "deleted"
        case .keptForResume: "keptForResume"
        case .leftBehind: "leftBehind"
        }
    }

    /// One sentence naming the media and what was done with it.
    public var summary: String {
        switch disposition {
        case .deleted:
            "The upload had created \(idField) \(mediaId); it was deleted again"
                + (uploadId == nil ? "" : " and its multipart upload aborted") + ", so nothing is left behind."
        case .keptForResume:
            "\(idField) \(mediaId) is kept with its checkpoint; call upload_media_file again with Resume: true to "
                + "continue it (a call without Resume creates a second media)."
        case .leftBehind(let reason):
            "The upload created \(idField) \(mediaId) and could not remove it (\(reason)); it is left in VOD"
                + (uploadId.map { " with the unfinished multipart upload \($0)" } ?? "")
                + ". Delete it with \(deleteAction) before uploading again, or a retry makes a duplicate."
        }
    }
}
