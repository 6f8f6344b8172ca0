import ArgumentParser
import FoundationEssentials
import MCPHTTP
import TextSupport

/// The `serve --http` flags as plain values (see `HTTPOptions` for their spellings and help).
struct HTTPArguments: Equatable, Sendable {
    var address: String? = nil
    var httpTokenFile: String? = nil
    var httpAllowOrigin: [String] = []
    var httpMaxBodyBytes: Int? = nil
    var httpMaxRequestsPerClient: Int? = nil
    var httpAuthorizationServer: [String] = []
    var httpResourceURL: String? = nil

    /// The HTTP settings, or nil to serve on stdio. Refuses a non-loopback address without a token.
    func settings(_ environment: [String: String]) throws -> HTTPServerSettings? {
        guard let text = address ?? environment["VOD_MCP_HTTP"], !text.isEmpty else { return nil }
        guard let (host, port) = HTTPServerSettings.parseAddress(text) else {
            throw ValidationError("--http must be HOST:PORT (for example 127.0.0.1:8080, or [::1]:0), not '\(text)'")
        }
        var settings = HTTPServerSettings(host: host, port: port)
        if let path = httpTokenFile ?? environment["VOD_MCP_HTTP_TOKEN_FILE"] {
            guard let data = FileManager.default.contents(atPath: path),
                let token = String(data: data, encoding: .utf8)?.trimmingWhitespaceAndNewlines()
            else {
                throw ValidationError(
                    "--http-token-file \(path) cannot be read; give a readable file holding "
                        + "the token")
            }
            guard token.count >= 16, HTTPServerSettings.isTokenSafe(token) else {
                throw ValidationError(
                    "--http-token-file \(path) must hold one token of at least 16 visible ASCII characters (no spaces)")
            }
            settings.bearerToken = token
        }
        if !HTTPServerSettings.isLoopback(host), settings.bearerToken == nil {
            throw ValidationError(
                "--http \(text) listens beyond this machine, so clients must authenticate: give "
                    + "--http-token-file with a bearer token (or bind 127.0.0.1)")
        }
        let origins =
            httpAllowOrigin
            + (environment["VOD_MCP_HTTP_ALLOW_ORIGINS"]?.split(separator: ",").map {
                $0.trimmingWhitespace()
            } ?? [])
        settings.allowedOrigins = Set(origins.filter { !$0.isEmpty })
        let servers =
            httpAuthorizationServer
            + (environment["VOD_MCP_HTTP_AUTHORIZATION_SERVERS"]?.split(
                separator: ","
            ).map { $0.trimmingWhitespace() } ?? [])
        for server in servers where !server.isEmpty {
            settings.authorizationServers.append(
                try Self.absoluteURL(server, option: "--http-authorization-server", example: "https://auth.example.com")
            )
        }
        if let resource = httpResourceURL ?? environment["VOD_MCP_HTTP_RESOURCE_URL"], !resource.isEmpty {
            settings.resourceURL = try Self.absoluteURL(
                resource, option: "--http-resource-url", example: "https://mcp.example.com/mcp")
        }
        if let bytes = httpMaxBodyBytes ?? environment["VOD_MCP_HTTP_MAX_BODY_BYTES"].flatMap(Int.init) {
            guard bytes >= 1024 else { throw ValidationError("--http-max-body-bytes must be at least 1024") }
            settings.maxBodyBytes = bytes
        }
        let perClient = environment["VOD_MCP_HTTP_MAX_REQUESTS_PER_CLIENT"].flatMap(Int.init)
        if let count = httpMaxRequestsPerClient ?? perClient {
            guard count >= 1 else { throw ValidationError("--http-max-requests-per-client must be at least 1") }
            settings.maxRequestsPerClient = count
        }
        return settings
    }

    /// `text` when it is an absolute http(s) URL that can stand in a header as is.
    static func absoluteURL(_ text: String, option: String, example: String) throws -> String {
        guard let url = URL(string: text), url.scheme == "https" || url.scheme == "http", url.host != nil,
            HTTPServerSettings.isTokenSafe(text)
        else { throw ValidationError("\(option) must be an absolute http(s) URL such as \(example), not '\(text)'") }
        return text
    }

    /// The key replicas seal `requestState` with: `VOD_MCP_HTTP_SECRET`, at least 32 characters. Unset, each process
    /// draws its own, which is right for one process and says so on stderr when serving HTTP.
    static func sealingKey(_ environment: [String: String], http: Bool) throws -> [UInt8]? {
        guard let secret = environment["VOD_MCP_HTTP_SECRET"], !secret.isEmpty else {
            if http {
                StandardStreams.writeError(
                    "vod-mcp: VOD_MCP_HTTP_SECRET is not set, so sessions and confirmations started here can "
                        + "only be continued here; set the same secret (32+ characters) on every replica behind "
                        + "a balancer\n")
            }
            return nil
        }
        guard secret.count >= 32 else {
            throw ValidationError(
                "VOD_MCP_HTTP_SECRET must be at least 32 characters (it seals state shared by replicas); it has "
                    + "\(secret.count)")
        }
        return Array(secret.utf8)
    }
}
