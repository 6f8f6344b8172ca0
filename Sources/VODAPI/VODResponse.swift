/// A successful VOD response.
public struct VODResponse: Sendable, Equatable {
    public let httpStatus: Int
    public let requestId: String?
    /// The JSON text of the response.
    public let body: [UInt8]
    /// How many attempts it took (1 = no retry).
    public let attempts: Int

    public init(httpStatus: Int, requestId: String?, body: [UInt8], attempts: Int) {
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.body = body
        self.attempts = attempts
    }
}

/// What the preview of a call would send, with credentials and signature left out.
public struct RequestPreview: Sendable {
    public let method: String
    /// The URL with business and common parameters; `AccessKeyId` is `<AccessKeyId>`, `Signature` is `<redacted>`.
    public let url: String
    public let headers: [(name: String, value: String)]
    /// The same call as an `aliyun` CLI command line.
    public let cliCommand: String
}
