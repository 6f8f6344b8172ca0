import FoundationEssentials
internal import TextSupport

/// Signs CDN playback URLs the way a VOD domain with URL signing (type A, B or C) checks them.
///
/// The three algorithms are Alibaba Cloud CDN's URL authentication, which VOD domains use:
/// - A: `?auth_key=<ts>-<rand>-<uid>-md5("<path>-<ts>-<rand>-<uid>-<key>")`, ts in decimal Unix seconds.
/// - B: `/<YYYYMMDDHHMM>/md5("<key><YYYYMMDDHHMM><path>")<path>`, the time written in UTC+8.
/// - C: `/md5("<key><path><HEX>")/<HEX><path>`, HEX being the Unix seconds in upper-case hexadecimal.
/// The CDN adds the domain's validity period to the timestamp; a URL signed now stays valid that long.
public enum PlaybackURLSigner {
    /// The domain's URL signing type, as configured on the domain (`aliauth` function, `auth_type` a, b or c).
    public enum SigningType: String, Sendable, CaseIterable {
        case a = "A", b = "B", c = "C"
    }

    /// What a signed URL is made of; `signedURL` is the one to hand to a player.
    public struct Signed: Sendable, Equatable {
        public let signedURL: String
        /// The exact string whose MD5 is the signature (contains the key: never log or return it).
        public let stringToSign: String
        public let md5: String
        /// The timestamp as it appears in the URL (decimal, YYYYMMDDHHMM or hexadecimal).
        public let timestampField: String
    }

    /// A URL or argument the signer cannot work with.
    public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// Signs `url` (`http(s)://host/path[?query]`) with the domain's primary or secondary `key`.
    /// `timestamp` is Unix seconds (usually now; the CDN adds the domain's validity period). `rand` and `uid`
    /// are used by type A only: `rand` is 0 or a UUID without hyphens, `uid` is 0.
    public static func sign(
        url: String, key: String, type: SigningType, timestamp: Int64, rand: String = "0", uid: String = "0"
    ) throws(SigningError) -> Signed {
        guard !key.isEmpty else { throw SigningError(description: "the signing key is empty") }
        guard !key.contains(where: { $0.isNewline }) else {
            throw SigningError(description: "the signing key contains a line break")
        }
        guard timestamp > 0, timestamp <= 0xFFFF_FFFF else {
            throw SigningError(description: "the timestamp must be Unix seconds between 1 and 4294967295")
        }
        let parts = try split(url)
        switch type {
        case .a:
            for (name, value) in [("rand", rand), ("uid", uid)] {
                guard !value.isEmpty, value.count <= 100,
                    value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
                else {
                    throw SigningError(description: "\(name) must be 1-100 ASCII letters or digits (no hyphens)")
                }
            }
            let field = String(timestamp)
            let toSign = "\(parts.path)-\(field)-\(rand)-\(uid)-\(key)"
            let hash = md5Hex(toSign)
            let authKey = "auth_key=\(field)-\(rand)-\(uid)-\(hash)"
            let query = parts.query.map { $0 + "&" + authKey } ?? authKey
            return Signed(
                signedURL: "\(parts.origin)\(parts.path)?\(query)", stringToSign: toSign, md5: hash,
                timestampField: field)
        case .b:
            let field = beijingMinute(timestamp)
            let toSign = "\(key)\(field)\(parts.path)"
            let hash = md5Hex(toSign)
            return Signed(
                signedURL: "\(parts.origin)/\(field)/\(hash)\(parts.path)\(parts.query.map { "?" + $0 } ?? "")",
                stringToSign: toSign, md5: hash, timestampField: field)
        case .c:
            let field = String(timestamp, radix: 16, uppercase: true)
            let toSign = "\(key)\(parts.path)\(field)"
            let hash = md5Hex(toSign)
            return Signed(
                signedURL: "\(parts.origin)/\(hash)/\(field)\(parts.path)\(parts.query.map { "?" + $0 } ?? "")",
                stringToSign: toSign, md5: hash, timestampField: field)
        }
    }

    /// `YYYYMMDDHHMM` of `timestamp` in UTC+8 (type B's clock).
    public static func beijingMinute(_ timestamp: Int64) -> String {
        let fields = RequestClock.utcComponents(Date(timeIntervalSince1970: TimeInterval(timestamp + 8 * 3600)))
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }
        return String(fields.year) + two(fields.month) + two(fields.day) + two(fields.hour) + two(fields.minute)
    }

    static func md5Hex(_ text: String) -> String {
        Digest.hash(.md5, Array(text.utf8)).hexString
    }

    /// Scheme and host, the path (percent-encoded where it has non-ASCII or spaces; `/` when empty) and the query
    /// with any old `auth_key` removed.
    static func split(_ url: String) throws(SigningError) -> (origin: String, path: String, query: String?) {
        let trimmed = url.trimmingWhitespace()
        guard trimmed.count <= 8192 else { throw SigningError(description: "the URL is longer than 8192 characters") }
        let lower = trimmed.lowercased()
        guard let schemeEnd = lower.hasPrefix("https://") ? 8 : (lower.hasPrefix("http://") ? 7 : nil) else {
            throw SigningError(description: "the URL must start with http:// or https:// (got \(trimmed.prefix(40)))")
        }
        let afterScheme = trimmed.dropFirst(schemeEnd)
        let hostEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? afterScheme.endIndex
        let host = afterScheme[..<hostEnd]
        guard !host.isEmpty, !host.contains("@"), !host.contains(where: { $0.isWhitespace }) else {
            throw SigningError(description: "the URL has no usable host (user info and spaces are not allowed)")
        }
        var rest = afterScheme[hostEnd...]
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var path = Substring("/")
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            if mark != rest.startIndex { path = rest[..<mark] }
            query = rest[rest.index(after: mark)...]
        } else if !rest.isEmpty {
            path = rest
        }
        let kept = query.map { whole in
            whole.split(separator: "&", omittingEmptySubsequences: true)
                .filter { !$0.hasPrefix("auth_key=") && $0 != "auth_key" }
                .joined(separator: "&")
        }
        return (
            String(trimmed.prefix(schemeEnd)) + String(host), encodePath(String(path)),
            kept.flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// Percent-encodes bytes outside printable ASCII (and spaces); existing `%XX` escapes are kept.
    static func encodePath(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            if byte > 0x20 && byte < 0x7F {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
