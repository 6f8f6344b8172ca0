import FoundationEssentials

/// State a server hands a client and later takes back unchanged: `<purpose>.<payload>.<tag>`, the payload base64url
/// and the tag an HMAC-SHA256 over purpose and payload. Processes given the same key accept each other's tokens (the
/// replicas behind one balancer); a token sealed for one purpose is refused for another. The payload is readable by
/// whoever holds the token, so it must carry nothing secret.
public struct SealedToken: Sendable {
    private let key: [UInt8]

    /// `key` nil draws a random one: tokens are then good only in this process.
    public init(key: [UInt8]?) {
        self.key = key ?? Digest.randomBytes(32)
    }

    /// The token carrying `payload` for `purpose` (letters and digits only).
    public func seal(_ payload: [UInt8], purpose: String) -> String {
        let body = Self.base64url(payload)
        return "\(purpose).\(body).\(tag(purpose: purpose, body: body))"
    }

    /// The payload of a token sealed for `purpose` by a process holding this key; nil for anything else.
    public func open(_ token: String, purpose: String) -> [UInt8]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == purpose,
            Self.constantTimeEqual(tag(purpose: purpose, body: parts[1]), parts[2])
        else { return nil }
        return Self.unbase64url(parts[1])
    }

    private func tag(purpose: String, body: String) -> String {
        Self.base64url(Digest.hmac(.sha256, key: key, message: Array("\(purpose).\(body)".utf8)))
    }

    public static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: "")
    }

    public static func unbase64url(_ text: String) -> [UInt8]? {
        guard text.utf8.allSatisfy({ $0 == 0x2D || $0 == 0x5F || Self.isAlphanumeric($0) }) else { return nil }
        var base = text.replacing("-", with: "+").replacing("_", with: "/")
        while base.count % 4 != 0 { base += "=" }
        return Data(base64Encoded: base).map(Array.init)
    }

    /// Equality that takes the same time wherever the first difference is (lengths are not secret).
    public static func constantTimeEqual(_ left: String, _ right: String) -> Bool {
        let a = Array(left.utf8)
        let b = Array(right.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
