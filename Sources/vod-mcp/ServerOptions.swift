import ArgumentParser

/// Flags shared by the serving commands. Each falls back to `VOD_MCP_<NAME>` in the environment.
struct ServerOptions: ParsableArguments {
    @Option(help: "Region ID (env ALIBABA_CLOUD_REGION_ID or VOD_MCP_REGION; default cn-shanghai).")
    var region: String?

    @Option(help: "Full endpoint URL overriding the region's (env VOD_MCP_ENDPOINT). http:// only for loopback.")
    var endpoint: String?

    @Option(help: "Credential profile name (env ALIBABA_CLOUD_PROFILE).")
    var profile: String?

    @Option(
        help: "Request signature: v1 (HMAC-SHA1, default) or v3 (ACS3-HMAC-SHA256) (env VOD_MCP_SIGNATURE_VERSION).")
    var signatureVersion: String?

    @Option(help: "Comma-separated toolsets, 'default' or 'all' (env VOD_MCP_TOOLSETS).")
    var toolsets: String?

    @Option(help: "Comma-separated extra tools to list (env VOD_MCP_TOOLS).")
    var tools: String?

    @Option(help: "Comma-separated tools to hide (env VOD_MCP_EXCLUDE_TOOLS).")
    var excludeTools: String?

    @Flag(help: "List and allow only read operations (env VOD_MCP_READ_ONLY=true).")
    var readOnly = false

    @Flag(help: "Run destructive operations without the confirmation preview (env VOD_MCP_ALLOW_DESTRUCTIVE=true).")
    var allowDestructive = false

    @Flag(help: "Validate and show every request instead of sending it (env VOD_MCP_DRY_RUN=true).")
    var dryRun = false

    @Option(help: "Directory local uploads are confined to (default: the current directory; '/' allows any).")
    var workdir: String?

    @Option(help: "Serve the llms/ docs from this directory instead of the embedded copy (env VOD_MCP_DOCS_DIR).")
    var docsDir: String?

    @Option(help: "Connect timeout in seconds (default 5).")
    var connectTimeout: Double?

    @Option(help: "Total request timeout in seconds (default 30).")
    var timeout: Double?

    @Option(help: "Parallel part uploads (default 4).")
    var uploadConcurrency: Int?

    @Option(
        help:
            "Log level on stderr: trace, debug, info, notice, warning, error, critical (env VOD_MCP_LOG_LEVEL; default warning)."
    )
    var logLevel: String?

    @Option(help: "Longest accepted input line in bytes (default 8388608).")
    var maxMessageBytes: Int?

    @Option(help: "Items per page of list results (default 100; 250 for tools/list).")
    var pageSize: Int?

    @Option(help: "Seconds unfinished requests may run after stdin closes (default 1.0).")
    var exitGrace: Double?

    @Flag(help: "Handle requests one at a time, in order, and finish them all at end of input (for piped scripts).")
    var sequential = false

    @Flag(help: .hidden)
    var testTools = false

    /// The parsed values, for the code that runs the command.
    var arguments: ServerArguments {
        ServerArguments(
            region: region, endpoint: endpoint, profile: profile, signatureVersion: signatureVersion,
            toolsets: toolsets, tools: tools, excludeTools: excludeTools, readOnly: readOnly,
            allowDestructive: allowDestructive, dryRun: dryRun, workdir: workdir, docsDir: docsDir,
            connectTimeout: connectTimeout, timeout: timeout, uploadConcurrency: uploadConcurrency, logLevel: logLevel,
            maxMessageBytes: maxMessageBytes, pageSize: pageSize, exitGrace: exitGrace, sequential: sequential,
            testTools: testTools)
    }
}
