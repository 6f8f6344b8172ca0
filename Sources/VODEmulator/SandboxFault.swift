/// A failure the sandbox injects into matching requests, to test retries and error handling.
public struct SandboxFault: Sendable, Codable, Equatable {
    /// What goes wrong.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// RPC: HTTP 400 `Throttling.User`; OSS: HTTP 503 `SlowDown`.
        case throttling
        /// RPC: HTTP 500 `InternalError`; OSS: HTTP 500 `InternalError`.
        case serverError
        /// The answer is delayed by `latencyMilliseconds`, then served normally.
        case latency
        /// The connection is closed without an answer.
        case dropConnection
        /// The answer announces its full length but stops halfway and the connection closes.
        case truncatedBody
        /// RPC: `InvalidSecurityToken.Expired`; OSS: HTTP 403 `SecurityTokenExpired`.
        case expiredToken
        /// OSS UploadPart/PutObject: the bytes are stored with one byte flipped, so the object's CRC no longer matches.
        case corruptPart
    }

    public var kind: Kind
    /// RPC Action names or OSS operation names (`PutObject`, `InitiateMultipartUpload`, `UploadPart`,
    /// `CompleteMultipartUpload`, `AbortMultipartUpload`, `ListParts`, `GetObject`); `nil` matches every request.
    public var operations: [String]?
    /// Chance in 0...1 that a matching request is hit.
    public var rate: Double
    /// How many requests are hit before the fault retires; `nil` means no limit.
    public var count: Int?
    /// Delay for `.latency`.
    public var latencyMilliseconds: Int

    /// A fault that hits the next `count` matching requests.
    public init(
        _ kind: Kind, operations: [String]? = nil, rate: Double = 1, count: Int? = 1, latencyMilliseconds: Int = 1000
    ) {
        self.kind = kind
        self.operations = operations
        self.rate = rate
        self.count = count
        self.latencyMilliseconds = latencyMilliseconds
    }

    private enum CodingKeys: String, CodingKey {
        case kind, operations, rate, count, latencyMilliseconds
    }

    /// Decodes a fault; only `kind` is required (rate 1, count 1, latency 1000 ms by default).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        operations = try container.decodeIfPresent([String].self, forKey: .operations)
        rate = try container.decodeIfPresent(Double.self, forKey: .rate) ?? 1
        count = container.contains(.count) ? try container.decodeIfPresent(Int.self, forKey: .count) : 1
        latencyMilliseconds = try container.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 1000
    }

    func matches(_ operation: String) -> Bool {
        guard let operations else { return true }
        return operations.contains(operation)
    }
}
