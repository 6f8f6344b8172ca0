import FoundationEssentials
import VODSigning

/// Type A URL signing, as the VOD CDN applies it to play and object URLs.
///
/// A signed URL carries `auth_key=<timestamp>-<rand>-<uid>-<md5hash>`, where md5hash is the lowercase hex MD5 of
/// `<URI>-<timestamp>-<rand>-<uid>-<PrivateKey>` and URI is the request path without its query. The URL is refused
/// (HTTP 403) once `timestamp + validity` is in the past or when the hash differs. Facts from the public page
/// "Type A signing" of ApsaraVideo VOD (help.aliyun.com/zh/vod/user-guide/type-a-signing).
struct PlayURLSigner: Sendable {
    /// The domain's private key.
    let key: String
    /// The validity configured for the domain, added to the URL's timestamp.
    let validity: TimeInterval

    /// The `auth_key` value for `path` that stops working at `expires`.
    func authKey(path: String, expires: Date, rand: String) -> String {
        let timestamp = Int64(expires.timeIntervalSince1970 - validity)
        return "\(timestamp)-\(rand)-0-" + hash(path: path, timestamp: String(timestamp), rand: rand, uid: "0")
    }

    /// Why `authKey` does not open `path` at `now`; `nil` when it does.
    func problem(path: String, authKey: String?, now: Date) -> String? {
        guard let authKey, !authKey.isEmpty else { return "the URL has no auth_key" }
        let parts = authKey.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let timestamp = Int64(parts[0]), !parts[1].isEmpty, !parts[2].isEmpty else {
            return "auth_key must read <timestamp>-<rand>-<uid>-<md5hash>"
        }
        if TimeInterval(timestamp) + validity < now.timeIntervalSince1970 { return "the auth_key has expired" }
        let expected = hash(path: path, timestamp: parts[0], rand: parts[1], uid: parts[2])
        guard constantTimeEqual(parts[3].lowercased(), expected) else { return "the auth_key signature does not match" }
        return nil
    }

    private func hash(path: String, timestamp: String, rand: String, uid: String) -> String {
        Digest.hash(.md5, Array("\(path)-\(timestamp)-\(rand)-\(uid)-\(key)".utf8)).hexString
    }
}
