import ArgumentParser
import MCPHTTP

/// Flags of `serve --http`: where to listen and whom to let in. Each falls back to `VOD_MCP_<NAME>`.
struct HTTPOptions: ParsableArguments {
    @Option(
        name: .customLong("http"),
        help: "Serve MCP over Streamable HTTP at HOST:PORT/mcp instead of stdio (env VOD_MCP_HTTP); port 0 picks one.")
    var address: String?

    @Option(help: "File with the bearer token clients must send; needed off loopback (env VOD_MCP_HTTP_TOKEN_FILE).")
    var httpTokenFile: String?

    @Option(help: "Another accepted Origin, e.g. https://app.example.com; repeatable (env VOD_MCP_HTTP_ALLOW_ORIGINS).")
    var httpAllowOrigin: [String] = []

    @Option(help: "Largest HTTP request body, in bytes (env VOD_MCP_HTTP_MAX_BODY_BYTES; default 4194304).")
    var httpMaxBodyBytes: Int?

    @Option(help: "Requests one client may run at once (env VOD_MCP_HTTP_MAX_REQUESTS_PER_CLIENT; default 16).")
    var httpMaxRequestsPerClient: Int?

    @Option(
        help: ArgumentHelp(
            "OAuth 2.1 authorization server URL named in /.well-known/oauth-protected-resource (RFC 9728); "
                + "repeatable (env VOD_MCP_HTTP_AUTHORIZATION_SERVERS). Tokens are still checked against "
                + "--http-token-file."))
    var httpAuthorizationServer: [String] = []

    @Option(
        help: ArgumentHelp(
            "This endpoint's public URL for that metadata, e.g. https://mcp.example.com/mcp (env "
                + "VOD_MCP_HTTP_RESOURCE_URL); default http://<Host header>/mcp."))
    var httpResourceURL: String?

    /// The parsed values, for the code that runs the command.
    var arguments: HTTPArguments {
        HTTPArguments(
            address: address, httpTokenFile: httpTokenFile, httpAllowOrigin: httpAllowOrigin,
            httpMaxBodyBytes: httpMaxBodyBytes, httpMaxRequestsPerClient: httpMaxRequestsPerClient,
            httpAuthorizationServer: httpAuthorizationServer, httpResourceURL: httpResourceURL)
    }
}
