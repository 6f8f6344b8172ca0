import MCPCore
import NIOHTTP1
import TextSupport

/// OAuth 2.0 Protected Resource Metadata (RFC 9728) for the MCP endpoint: which authorization server issues tokens
/// for it. The tokens this server accepts are still the operator's bearer token (`--http-token-file`).
extension MCPHTTPHandler {
    /// The `/mcp` resource's public URL: the configured one, else from the request's `Host` over plain HTTP.
    func resourceURL(_ head: HTTPRequestHead) -> String {
        if let configured = shared.settings.resourceURL { return configured }
        let host = head.headers.first(name: "Host").flatMap { HeaderCheck.isHeaderSafe($0) ? $0 : nil }
        return "http://\(host ?? "\(shared.settings.host):\(shared.settings.port)")/mcp"
    }

    func metadataURL(_ head: HTTPRequestHead) -> String {
        let resource = resourceURL(head)
        guard let scheme = resource.literalRange(of: "://"),
            let pathStart = resource[scheme.upperBound...].firstIndex(of: "/")
        else { return resource + "/.well-known/oauth-protected-resource" }
        return String(resource[..<pathStart]) + "/.well-known/oauth-protected-resource"
            + String(resource[pathStart...])
    }

    /// 404 unless an authorization server is configured; then the metadata document.
    func protectedResourceMetadata(_ head: HTTPRequestHead) -> Decided {
        let servers = shared.settings.authorizationServers
        guard !servers.isEmpty else {
            return plain(
                .notFound, "Not found: no authorization server is configured (--http-authorization-server)")
        }
        let document: JSONValue = [
            "resource": .string(resourceURL(head)),
            "authorization_servers": .array(servers.map { .string($0) }),
            "bearer_methods_supported": ["header"],
            "resource_name": "vod-mcp",
        ]
        var headers = contentType("application/json")
        headers.add(name: "Cache-Control", value: "max-age=3600")
        return Decided(.ok, headers, Array(document.encoded()))
    }

    /// `WWW-Authenticate` of a 401: names the metadata document when there is one (RFC 9728 section 5.1).
    func authenticateChallenge(_ head: HTTPRequestHead) -> String {
        guard !shared.settings.authorizationServers.isEmpty else { return "Bearer" }
        return "Bearer resource_metadata=\"\(metadataURL(head))\""
    }
}
