import FoundationEssentials
import MCPCore
import NIOConcurrencyHelpers
import VODSigning

/// `Mcp-Session-Id` of the handshake era as a sealed token (`SealedToken`, purpose `s1`): the session's negotiated
/// revision, client capabilities and client info, a random key and an expiry. Any replica holding the same
/// `VOD_MCP_HTTP_SECRET` opens it, so no replica keeps session state. DELETE revokes a session in the process that
/// receives it (a bounded list until the ids expire); other replicas accept the id until its expiry.
final class SessionSeal: Sendable {
    struct Opened: Sendable {
        let session: HandshakeSession
        /// Names the session in route tables and the revocation list.
        let key: String
        let expiry: Int64
    }

    enum Failure: Error, Equatable {
        /// Not sealed by this deployment's key (forged, altered, or another secret).
        case invalid
        case expired
        case ended
    }

    private let sealer: SealedToken
    private let lifetime: Int64
    private let revoked = NIOLockedValueBox<[String: Int64]>([:])
    private let maxRevoked = 100_000

    init(key: [UInt8]?, lifetime: Int64 = 86_400) {
        sealer = SealedToken(key: key)
        self.lifetime = lifetime
    }

    /// The session id for `session`, and the key naming it.
    func seal(_ session: HandshakeSession) -> (id: String, key: String) {
        let key = Digest.randomBytes(16).hexString
        let claims: JSONValue = [
            "v": .string(session.version), "c": Self.trimmed(capabilities: session.capabilities),
            "i": Self.trimmed(clientInfo: session.clientInfo), "k": .string(key),
            "exp": .int(Int64(Date().timeIntervalSince1970) + lifetime),
        ]
        return (sealer.seal(Array(claims.encoded()), purpose: "s1"), key)
    }

    func open(_ id: String) -> Result<Opened, Failure> {
        guard id.utf8.count <= 4096, let payload = sealer.open(id, purpose: "s1"),
            let claims = try? JSONValue.parse(Data(payload)), let version = claims["v"]?.stringValue,
            ProtocolEra.handshakeVersions.contains(version), let capabilities = claims["c"],
            capabilities.objectValue != nil, let key = claims["k"]?.stringValue, let expiry = claims["exp"]?.intValue
        else { return .failure(.invalid) }
        guard expiry > Int64(Date().timeIntervalSince1970) else { return .failure(.expired) }
        if revoked.withLockedValue({ $0[key] != nil }) { return .failure(.ended) }
        let info = claims["i"].flatMap { $0.isNull ? nil : $0 }
        return .success(
            Opened(
                session: HandshakeSession(version: version, capabilities: capabilities, clientInfo: info), key: key,
                expiry: expiry))
    }

    /// Ends a session in this process. The list drops ids once they expire, and its oldest entries past its bound.
    func revoke(_ opened: Opened) {
        let now = Int64(Date().timeIntervalSince1970)
        revoked.withLockedValue { revoked in
            if revoked.count >= maxRevoked {
                revoked = revoked.filter { $0.value > now }
                while revoked.count >= maxRevoked, let soonest = revoked.min(by: { $0.value < $1.value }) {
                    revoked[soonest.key] = nil
                }
            }
            revoked[opened.key] = opened.expiry
        }
    }

    /// Capabilities as declared, unless their encoding is over 2 KiB; then only `elicitation` (the one this server
    /// reads), so a session id stays a reasonable header.
    static func trimmed(capabilities: JSONValue) -> JSONValue {
        if capabilities.encoded().count <= 2048 { return capabilities }
        guard let elicitation = capabilities["elicitation"], elicitation.encoded().count <= 512 else { return [:] }
        return ["elicitation": elicitation]
    }

    /// `name`, `title` and `version` of the client info, each clipped to 128 characters.
    static func trimmed(clientInfo: JSONValue?) -> JSONValue {
        guard let object = clientInfo?.objectValue else { return .null }
        var kept: [String: JSONValue] = [:]
        for field in ["name", "title", "version"] {
            if let text = object[field]?.stringValue { kept[field] = .string(String(text.prefix(128))) }
        }
        return .object(kept)
    }
}
