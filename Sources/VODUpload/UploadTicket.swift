import Foundation
import VODSigning

/// Where to write: the decoded `UploadAddress`.
struct UploadAddress: Sendable, Equatable, Codable {
    var endpoint: String
    var bucket: String
    var key: String

    /// Decodes the Base64 JSON `UploadAddress`.
    static func decode(_ base64: String) -> UploadAddress? {
        guard let object = decodeObject(base64), let endpoint = object["Endpoint"] as? String,
            let bucket = object["Bucket"] as? String, let key = object["FileName"] as? String
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
        guard let object = decodeObject(base64), let id = object["AccessKeyId"] as? String,
            let secret = object["AccessKeySecret"] as? String, let token = object["SecurityToken"] as? String
        else { return nil }
        var lifetime: TimeInterval = 3000
        if let text = object["Expiration"] as? String, let seconds = TimeInterval(text) {
            lifetime = seconds
        } else if let number = object["Expiration"] as? NSNumber {
            lifetime = number.doubleValue
        }
        var expires = now.addingTimeInterval(lifetime)
        if let text = object["ExpireUTCTime"] as? String, let absolute = RequestClock.parseISO8601(text),
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

private func decodeObject(_ base64: String) -> [String: Any]? {
    guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
    return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
}
