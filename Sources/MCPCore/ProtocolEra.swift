/// The two eras of MCP on stdio, and the revisions this server speaks.
public enum ProtocolEra: Equatable, Sendable {
    /// The handshake era (`initialize`), at the negotiated revision.
    case handshake(version: String)
    /// The stateless era (`server/discover`, `_meta` envelope on every request).
    case stateless

    /// Handshake revisions, oldest first.
    public static let handshakeVersions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"]
    /// Stateless revisions.
    public static let statelessVersions = ["2026-07-28"]

    /// The revision a handshake client gets for `requested`: an echo when known, else the newest.
    public static func negotiateHandshake(_ requested: String?) -> String {
        if let requested, handshakeVersions.contains(requested) { return requested }
        return handshakeVersions[handshakeVersions.count - 1]
    }

    /// The revision in force for a request in this era.
    public var version: String {
        switch self {
        case .handshake(let version): return version
        case .stateless: return Self.statelessVersions[0]
        }
    }

    public var isStateless: Bool { self == .stateless }
}

/// `_meta` keys of the stateless envelope.
enum EnvelopeKey {
    static let protocolVersion = "io.modelcontextprotocol/protocolVersion"
    static let clientCapabilities = "io.modelcontextprotocol/clientCapabilities"
    static let clientInfo = "io.modelcontextprotocol/clientInfo"
    static let logLevel = "io.modelcontextprotocol/logLevel"
    static let serverInfo = "io.modelcontextprotocol/serverInfo"
    static let tasksExtension = "io.modelcontextprotocol/tasks"
}

/// Log levels of `notifications/message` (RFC 5424 names), lowest first.
public enum LogLevel: String, Sendable, Comparable, CaseIterable {
    case debug, info, notice, warning, error, critical, alert, emergency

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
