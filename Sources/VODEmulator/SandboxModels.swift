import FoundationEssentials

/// A video as the sandbox keeps it.
struct VideoRecord: Codable, Sendable {
    var videoId: String
    var title: String
    var description: String?
    var fileName: String
    var fileSize: Int64?
    var cateId: Int64?
    var tags: String?
    var coverURL: String?
    var userData: String?
    var templateGroupId: String
    var appId: String
    var storageLocation: String
    var bucket: String
    var objectKey: String
    var creationTime: Date
    var modificationTime: Date
    /// Set when the object arrived; drives UploadSucc → Transcoding → Normal.
    var uploadedAt: Date?
    /// Status before the upload finished, or a terminal status set explicitly (Blocked, UploadFail).
    var baseStatus: String
    var size: Int64?
    var crc64: String?
    var auditStatus: String?
    var duration: Double = 0
    /// The caller's own id for the media (CreateUploadVideo ReferenceId).
    var referenceId: String?
    /// Definitions whose streams DeleteStream removed.
    var deletedStreams: [String]?
    /// Standard unless UpdateMediaStorageClass changed it (IA, Archive, ColdArchive...).
    var storageClass: String?
    /// When a RestoreMedia of a cold class expires, and when it was asked for.
    var restoreExpiration: Date?
    var restoredAt: Date?
    /// The `uploadedAt` whose transcoding end was announced (TranscodeComplete), so each run is announced once.
    var transcodeAnnouncedFor: Date?
}

/// An image or an attached media file (both are single uploads without transcoding).
struct AssetRecord: Codable, Sendable {
    var id: String
    /// "image" or "attached".
    var kind: String
    var title: String?
    var description: String?
    var tags: String?
    var cateId: Int64?
    var typeName: String
    var ext: String
    var appId: String
    var storageLocation: String
    var bucket: String
    var objectKey: String
    var url: String
    var creationTime: Date
    var modificationTime: Date
    var status: String
    var size: Int64?
    var userData: String?
}

struct CategoryRecord: Codable, Sendable {
    var cateId: Int64
    var cateName: String
    var parentId: Int64
    var level: Int
    var type: String
}

/// Transcode template groups, VOD templates, AI templates and watermarks share one shape.
struct TemplateRecord: Codable, Sendable {
    var id: String
    var name: String
    var type: String
    var config: String
    var appId: String
    var isDefault: Bool
    var creationTime: Date
    /// Set by the first update (absent in older state files).
    var modificationTime: Date?
    /// Transcode template groups only: `Locked=Enabled` set through UpdateTranscodeTemplateGroup (absent: unlocked).
    var locked: Bool?
}

struct DomainRecord: Codable, Sendable {
    var domainName: String
    var sources: String
    var scope: String
    var status: String
    var cname: String
    var creationTime: Date
    /// Fields added with the domain operations (absent in older state files).
    var modificationTime: Date?
    var configs: [DomainConfigRecord]?
    var certName: String?
    var sslProtocol: String?
    /// The HTTPS certificate (SetVodDomainCertificate / SetVodDomainSSLCertificate).
    var certificate: CertificateRecord?
}

/// One function configured on a domain (BatchSetVodDomainConfigs).
struct DomainConfigRecord: Codable, Sendable {
    var configId: String
    var functionName: String
    var args: [[String]]
}

struct AppRecord: Codable, Sendable {
    var appId: String
    var appName: String
    var description: String?
    var creationTime: Date
    /// Set by ChangeResourceGroup (absent: the default group).
    var resourceGroupId: String?
    /// Storage locations added with AddVodStorageForApp.
    var storageLocations: [String]?
}

/// A background job: transcode, snapshot, URL upload, audit.
struct JobRecord: Codable, Sendable {
    var jobId: String
    var type: String
    var mediaId: String
    var status: String
    var taskId: String?
    var templateGroupId: String?
    var sourceURL: String?
    var fileSize: Int64?
    var errorCode: String?
    var errorMessage: String?
    var userData: String?
    var creationTime: Date
    var completeTime: Date?
    /// Snapshot jobs: how many images the job made.
    var snapshotCount: Int?
    /// DynamicImage jobs: the template's settings (Format, Fps, Width, Height, TimeRange) as JSON text.
    var settings: String?
}

/// An STS credential the sandbox issued (UploadAuth, or one for RPC calls).
struct IssuedCredential: Codable, Sendable {
    var accessKeyId: String
    var accessKeySecret: String
    var securityToken: String
    var expiration: Date
    /// OSS scope: the only bucket and key it may write; `nil` means any.
    var bucket: String?
    var objectKey: String?
}

/// One uploaded part of a multipart upload.
struct PartRecord: Codable, Sendable {
    var partNumber: Int
    var etag: String
    var size: Int64
    var crc64: UInt64
    var path: String?
    var lastModified: Date
}

struct MultipartRecord: Codable, Sendable {
    var uploadId: String
    var bucket: String
    var key: String
    var initiated: Date
    var parts: [Int: PartRecord]
}

/// A stored object; its bytes are the concatenation of `segments` (empty when bodies are discarded).
struct ObjectRecord: Codable, Sendable {
    var bucket: String
    var key: String
    var size: Int64
    var etag: String
    var crc64: UInt64
    var contentType: String
    var segments: [String]
    var lastModified: Date
}

/// Everything the sandbox persists.
struct SandboxSnapshot: Codable, Sendable {
    var bucket: String
    var videos: [String: VideoRecord] = [:]
    var assets: [String: AssetRecord] = [:]
    var categories: [Int64: CategoryRecord] = [:]
    var nextCategoryId: Int64 = 1_000_001
    var transcodeGroups: [String: TemplateRecord] = [:]
    var vodTemplates: [String: TemplateRecord] = [:]
    var aiTemplates: [String: TemplateRecord] = [:]
    var watermarks: [String: TemplateRecord] = [:]
    var domains: [String: DomainRecord] = [:]
    var apps: [String: AppRecord] = [:]
    var jobs: [String: JobRecord] = [:]
    var credentials: [String: IssuedCredential] = [:]
    var multiparts: [String: MultipartRecord] = [:]
    var objects: [String: ObjectRecord] = [:]
    var audits: [String] = []
    /// Private key for Type A URL signing (absent in state files written before it existed).
    var urlAuthKey: String?
    /// Every fetch through a signed play or object URL, for the statistics operations.
    var playLog: [PlayEvent]?
    /// Manual review results in the order they were set (CreateAudit), for GetAuditHistory.
    var auditLog: [AuditEntry]?
    /// Review security IP groups (SetAuditSecurityIp): name -> (ips, created, modified).
    var securityIps: [String: SecurityIpRecord]?
    /// Application policies attached to RAM identities: "<AppId>|<IdentityType>|<IdentityName>" -> policy names.
    var policyGrants: [String: [String]]?
    /// Play keys per AppId (SetAppPlayKey).
    var playKeys: [String: PlayKeyRecord]?
    /// CDN refresh and preload tasks (RefreshVodObjectCaches).
    var refreshTasks: [RefreshTaskRecord]?
    /// Event notification settings per AppId (SetMessageCallback).
    var callbacks: [String: CallbackRecord]?
    /// Online editing projects (AddEditingProject).
    var editingProjects: [String: EditingProjectRecord]?
    /// KMS data keys issued by GenerateKMSDataKey: ciphertext blob -> plaintext (both base64).
    var dataKeys: [String: String]?
    /// Smart-thumbnail deletions and fingerprint-library removals (AIState).
    var ai: AIState?

    init(bucket: String, now: Date) {
        self.bucket = bucket
        apps["app-1000000"] = AppRecord(
            appId: "app-1000000", appName: "System default application", description: nil, creationTime: now)
        transcodeGroups[SandboxSnapshot.noTranscodeGroup] = TemplateRecord(
            id: SandboxSnapshot.noTranscodeGroup, name: "No transcoding", type: "TranscodeTemplateGroup",
            config: "[]", appId: "app-1000000", isDefault: false, creationTime: now)
        transcodeGroups[SandboxSnapshot.defaultGroup] = TemplateRecord(
            id: SandboxSnapshot.defaultGroup, name: "Default transcoding", type: "TranscodeTemplateGroup",
            config: "[{\"Definition\":\"LD\",\"Container\":{\"Format\":\"mp4\"}}]", appId: "app-1000000",
            isDefault: true, creationTime: now)
    }

    static let noTranscodeGroup = "VOD_NO_TRANSCODE"
    static let defaultGroup = "sandbox-default-group"

    static func objectKey(_ bucket: String, _ key: String) -> String { bucket + "/" + key }
}

/// One fetch through a signed URL: a play (a whole file or a playlist) or a segment, with the bytes served.
struct PlayEvent: Codable, Sendable {
    var videoId: String?
    var time: Date
    var bytes: Int64
    var isPlay: Bool
}

/// Where and how event notifications go (SetMessageCallback).
struct CallbackRecord: Codable, Sendable {
    var appId: String
    var callbackType: String
    var callbackURL: String
    var eventTypeList: String
    var authSwitch: String
    var authKey: String
    var mnsEndpoint: String
    var mnsQueueName: String
}

/// One manual review result (CreateAudit).
struct AuditEntry: Codable, Sendable {
    var videoId: String
    var status: String
    var reason: String
    var comment: String
    var time: Date
}

struct SecurityIpRecord: Codable, Sendable {
    var ips: [String]
    var creationTime: Date
    var modificationTime: Date
}

struct PlayKeyRecord: Codable, Sendable {
    var playKey: String
    var creationTime: Date
    var modificationTime: Date
}

struct RefreshTaskRecord: Codable, Sendable {
    var taskId: String
    var objectPath: String
    var objectType: String
    var creationTime: Date
}

/// An HTTPS certificate set on a domain. The private key is checked for form and not kept.
struct CertificateRecord: Codable, Sendable {
    var certId: Int64
    var certName: String
    var publicKey: String
    var fingerprint: String
    var creationTime: Date
    var updateTime: Date
}
