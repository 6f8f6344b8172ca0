import FoundationEssentials
import TextSupport
import VODSigning

/// Where to write: the decoded `UploadAddress`.
struct UploadAddress: Sendable, Equatable, Codable {
    var endpoint: String
    var bucket: String
    var key: String

    /// Decodes the Base64 JSON `UploadAddress`.
    static func decode(_ base64: String) -> UploadAddress? {
        guard let object = decodeObject(base64), let endpoint = object["Endpoint"]?.string,
            let bucket = object["Bucket"]?.string, let key = object["FileName"]?.string
        else { return nil }
        return UploadAddress(endpoint: endpoint, bucket: bucket, key: key)
    }
}

/// The STS credential of one upload: the decoded `UploadAuth`. Never logged, never stored in a checkpoint.
struct UploadAuth: Sendable, CustomStringConvertible {
    var accessKeyId: String
    var accessKeySecret: String
    var securityToken: String
    /// When the credential stops working (local clock).
    var expires: Date
    /// When it was received (local clock), to refresh at a share of its lifetime.
    var received: Date

    /// Decodes the Base64 JSON `UploadAuth`. `Expiration` is a lifetime in seconds; `ExpireUTCTime`, when present
    /// and earlier, wins. Without either, the documented 3000 s is assumed.
    static func decode(_ base64: String, now: Date) -> UploadAuth? {
        guard let object = decodeObject(base64), let id = object["AccessKeyId"]?.string,
            let secret = object["AccessKeySecret"]?.string, let token = object["SecurityToken"]?.string
        else { return nil }
        var lifetime: TimeInterval = 3000
        if let text = object["Expiration"]?.string, let seconds = TimeInterval(text) {
            lifetime = seconds
        } else if let number = object["Expiration"]?.double {
            lifetime = number
        }
        var expires = now.addingTimeInterval(lifetime)
        if let text = object["ExpireUTCTime"]?.string, let absolute = RequestClock.parseISO8601(text),
            absolute < expires,
            absolute > now
        {
            expires = absolute
        }
        return UploadAuth(
            accessKeyId: id, accessKeySecret: secret, securityToken: token, expires: expires, received: now)
    }

    /// The moment to renew ahead of expiry: 80% of the lifetime.
    var refreshAt: Date { received.addingTimeInterval(expires.timeIntervalSince(received) * 0.8) }

    var description: String { "UploadAuth(\(accessKeyId), expires \(RequestClock.iso8601(expires)))" }
}

private func decodeObject(_ base64: String) -> [String: LooseJSON]? {
    guard let data = Data(base64Encoded: base64.trimmingWhitespaceAndNewlines()) else { return nil }
    return LooseJSON.parse(data)?.object
}
