public import FoundationEssentials

/// Settings of one sandbox instance. Every field has a default suitable for tests and local use.
public struct SandboxConfiguration: Sendable {
    /// Loopback address to listen on.
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one.
    public var port: Int = 0
    /// Folder for the state file and stored objects; `nil` makes a fresh temporary folder.
    public var stateDirectory: URL?
    /// The sandbox account's AccessKey ID; generated when `nil`.
    public var accessKeyId: String?
    /// The sandbox account's AccessKey secret; generated when `nil`.
    public var accessKeySecret: String?
    /// Region reported in responses and upload credentials.
    public var region: String = "cn-shanghai"
    /// Time a finished upload waits in UploadSucc, and then in Transcoding, before it moves on.
    public var transcodeDelay: Duration = .seconds(2)
    /// Lifetime of the STS credentials in UploadAuth.
    public var uploadCredentialTTL: Duration = .seconds(3000)
    /// Checksum uploaded bodies (MD5, CRC64) but do not keep their bytes; for multi-GB tests.
    public var discardObjectBodies: Bool = false
    /// Largest accepted difference between a request's timestamp and the sandbox clock.
    public var clockSkewLimit: Duration = .seconds(900)
    /// Token for the `/_sandbox/` admin endpoint; generated when `nil`.
    public var adminToken: String?
    /// Largest body an UploadMediaByURL pull may bring in, in bytes.
    public var urlPullLimit: Int64 = 1 << 30
    /// Private key of Type A URL signing for play and object URLs; kept in the state folder when `nil`.
    public var urlAuthKey: String?
    /// Validity of a signed URL after its timestamp (the domain setting of the service).
    public var urlAuthValidity: Duration = .seconds(1800)

    /// A configuration with the defaults above.
    public init(
        host: String = "127.0.0.1", port: Int = 0, stateDirectory: URL? = nil, accessKeyId: String? = nil,
        accessKeySecret: String? = nil, region: String = "cn-shanghai", transcodeDelay: Duration = .seconds(2),
        uploadCredentialTTL: Duration = .seconds(3000), discardObjectBodies: Bool = false,
        clockSkewLimit: Duration = .seconds(900), adminToken: String? = nil
    ) {
        self.host = host
        self.port = port
        self.stateDirectory = stateDirectory
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.region = region
        self.transcodeDelay = transcodeDelay
        self.uploadCredentialTTL = uploadCredentialTTL
        self.discardObjectBodies = discardObjectBodies
        self.clockSkewLimit = clockSkewLimit
        self.adminToken = adminToken
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) / 1e18
    }
}
