/// One local file to upload.
public struct UploadRequest: Sendable {
    /// Absolute, or relative to the working directory (to the current directory when the workdir is `/`).
    public var filePath: String
    /// `nil` picks the kind from the file extension.
    public var kind: MediaKind?
    /// CreateUpload parameters as wire strings: Title, Description, CateId, Tags, TemplateGroupId, WorkflowId,
    /// StorageLocation, AppId, UserData, CoverURL, ImageType, BusinessType. Those that do not apply to the kind are
    /// ignored and listed in `UploadResult.ignoredParameters`.
    public var parameters: [String: String]
    /// Continue an interrupted multipart upload of the same file from its checkpoint.
    public var resume: Bool

    public init(filePath: String, kind: MediaKind? = nil, parameters: [String: String] = [:], resume: Bool = false) {
        self.filePath = filePath
        self.kind = kind
        self.parameters = parameters
        self.resume = resume
    }
}

/// Settings shared by all uploads of a server.
public struct UploadOptions: Sendable {
    /// Files must resolve inside this directory; `/` allows any file.
    public var workdir: String
    /// Where checkpoints live (see `UploadOptions.defaultCheckpointDirectory`).
    public var checkpointDirectory: String
    /// Parts in flight at once.
    public var concurrency: Int
    /// Files larger than this go multipart.
    public var multipartThreshold: Int64
    /// Preferred part size; doubled as needed to stay within 10,000 parts.
    public var partSize: Int64
    /// Timeout of one PUT (a part or a whole small file).
    public var transferTimeout: Duration

    public init(
        workdir: String, checkpointDirectory: String, concurrency: Int = 4, multipartThreshold: Int64 = 10 << 20,
        partSize: Int64 = PartPlan.defaultPartSize, transferTimeout: Duration = .seconds(900)
    ) {
        self.workdir = workdir
        self.checkpointDirectory = checkpointDirectory
        self.concurrency = max(1, concurrency)
        self.multipartThreshold = multipartThreshold
        self.partSize = partSize
        self.transferTimeout = transferTimeout
    }

    /// `$XDG_STATE_HOME/vod-mcp/uploads`, else `<home>/.local/state/vod-mcp/uploads`.
    public static func defaultCheckpointDirectory(environment: [String: String], homeDirectory: String) -> String {
        CheckpointStore.defaultDirectory(environment: environment, homeDirectory: homeDirectory)
    }
}

/// A finished, verified upload.
public struct UploadResult: Sendable, Equatable {
    public var kind: MediaKind
    /// VideoId, ImageId or MediaId.
    public var mediaId: String
    /// ImageURL / MediaURL / FileURL for images and attached media.
    public var mediaURL: String?
    public var objectSize: Int64
    /// CRC-64/ECMA of the object, equal to the local file's.
    public var crc64: UInt64
    public var elapsedSeconds: Double
    public var multipart: Bool
    public var partCount: Int
    /// Parts found already stored when resuming.
    public var resumedParts: Int
    /// Parts sent again after a checksum mismatch.
    public var resentParts: Int
    public var credentialRefreshes: Int
    public var ignoredParameters: [String]
}
