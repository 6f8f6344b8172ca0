public import FoundationEssentials
import VODSigning

/// An AccessKey pair, optionally with an STS token. Printing it never reveals the secret or the token.
public struct Credential: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable
{
    public let accessKeyId: String
    public let accessKeySecret: String
    /// Present for temporary (STS) credentials.
    public let securityToken: String?
    /// When temporary credentials stop working; `nil` for long-lived keys.
    public let expiration: Date?

    public init(accessKeyId: String, accessKeySecret: String, securityToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.securityToken = securityToken.flatMap { $0.isEmpty ? nil : $0 }
        self.expiration = expiration
    }

    /// `LTAI****abcd`: the first and last four characters of a key id; short ids are fully masked.
    public static func mask(_ accessKeyId: String) -> String {
        guard accessKeyId.count > 8 else { return "****" }
        return String(accessKeyId.prefix(4)) + "****" + String(accessKeyId.suffix(4))
    }

    /// The values that must never be shown: secret and token.
    public var secrets: [String] { [accessKeySecret] + (securityToken.map { [$0] } ?? []) }

    public var description: String {
        var text = "Credential(\(Self.mask(accessKeyId))"
        if securityToken != nil { text += ", sts" }
        if let expiration { text += ", expires \(RequestClock.iso8601(expiration))" }
        return text + ")"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(self, children: ["accessKeyId": Self.mask(accessKeyId), "temporary": securityToken != nil])
    }
}
