/// How the Streamable HTTP endpoint listens and whom it serves.
public struct HTTPServerSettings: Sendable {
    /// Address to bind: 127.0.0.1 unless the operator names another (which then needs `bearerToken`).
    public var host: String
    /// Port; 0 picks a free one (the bound address is printed).
    public var port: Int
    /// Required `Authorization: Bearer` token, if any.
    public var bearerToken: String?
    /// Origins accepted besides loopback ones (exact `scheme://host[:port]` strings).
    public var allowedOrigins: Set<String>
    /// Largest request body accepted; larger ones get 413.
    public var maxBodyBytes: Int
    /// Requests one client address may have running at once; more get 429.
    public var maxRequestsPerClient: Int
    /// Requests all clients together may have running at once; more get 503.
    public var maxRequests: Int
    /// Key sealing handshake-era session ids (`VOD_MCP_HTTP_SECRET`); nil draws one per process, and then sessions
    /// cannot move between processes, which is what lets this process ask the client (elicitation).
    public var sealingKey: [UInt8]?
    /// OAuth 2.1 authorization server(s) named in `/.well-known/oauth-protected-resource` (RFC 9728).
    public var authorizationServers: [String] = []
    /// This resource's public URL for that metadata (as clients reach it through the balancer); nil derives it from
    /// the request's `Host`.
    public var resourceURL: String?

    public init(
        host: String = "127.0.0.1", port: Int = 0, bearerToken: String? = nil, allowedOrigins: Set<String> = [],
        maxBodyBytes: Int = 4 << 20, maxRequestsPerClient: Int = 16, maxRequests: Int = 256
    ) {
        self.host = host
        self.port = port
        self.bearerToken = bearerToken
        self.allowedOrigins = allowedOrigins
        self.maxBodyBytes = maxBodyBytes
        self.maxRequestsPerClient = maxRequestsPerClient
        self.maxRequests = maxRequests
    }

    /// Whether `host` is a loopback address (then no token is required).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return bare == "localhost" || bare == "::1" || bare.hasPrefix("127.")
    }

    /// Parses `HOST:PORT` (`[::1]:8080` for IPv6). Returns nil when it is not of that shape.
    public static func parseAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, !host.contains(where: { $0 == "/" || $0 == " " }) else { return nil }
        return (host, port)
    }
}

extension HTTPServerSettings {
    /// Whether `token` can travel in an `Authorization: Bearer` header as is (visible ASCII, no spaces).
    public static func isTokenSafe(_ token: String) -> Bool {
        !token.isEmpty && token.utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }
}
