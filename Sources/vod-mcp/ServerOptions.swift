import ArgumentParser
import FoundationEssentials
import Logging
import MCPCore
import TextSupport
import VODServer

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

    func resolvedLogLevel(_ environment: [String: String]) -> Logger.Level {
        let text = logLevel ?? environment["VOD_MCP_LOG_LEVEL"] ?? "warning"
        return Logger.Level(rawValue: text.lowercased()) ?? .warning
    }

    func protocolConfiguration(_ environment: [String: String]) throws -> MCPServerConfiguration {
        let grace = exitGrace ?? environment["VOD_MCP_EXIT_GRACE"].flatMap(Double.init) ?? 1.0
        return MCPServerConfiguration(
            name: "vod-mcp", version: vodMCPVersion, title: "Alibaba Cloud VOD",
            instructions: nil,
            pageSize: pageSize ?? environment["VOD_MCP_PAGE_SIZE"].flatMap(Int.init) ?? 100,
            toolsPageSize: pageSize ?? environment["VOD_MCP_PAGE_SIZE"].flatMap(Int.init) ?? 250,
            maxMessageBytes: maxMessageBytes ?? environment["VOD_MCP_MAX_MESSAGE_BYTES"].flatMap(Int.init) ?? 8 << 20,
            exitGrace: .milliseconds(Int64(max(0, grace) * 1000)),
            sequential: try BooleanSetting.resolve(sequential, "VOD_MCP_SEQUENTIAL", in: environment))
    }

    func settings(environment: [String: String]) throws -> ServerSettings {
        var settings = ServerSettings(
            workdir: workdir ?? environment["VOD_MCP_WORKDIR"] ?? FileManager.default.currentDirectoryPath)
        settings.region =
            region ?? environment["VOD_MCP_REGION"] ?? environment["ALIBABA_CLOUD_REGION_ID"] ?? "cn-shanghai"
        settings.endpoint = endpoint ?? environment["VOD_MCP_ENDPOINT"]
        settings.profile = profile ?? environment["ALIBABA_CLOUD_PROFILE"]
        settings.signatureVersion = (signatureVersion ?? environment["VOD_MCP_SIGNATURE_VERSION"] ?? "v1").lowercased()
        guard ["v1", "v3"].contains(settings.signatureVersion) else {
            throw ValidationError("--signature-version must be v1 or v3, not '\(settings.signatureVersion)'")
        }
        settings.toolsets = Self.list(toolsets ?? environment["VOD_MCP_TOOLSETS"]) ?? ["default"]
        settings.tools = Self.list(tools ?? environment["VOD_MCP_TOOLS"]) ?? []
        settings.excludeTools = Self.list(excludeTools ?? environment["VOD_MCP_EXCLUDE_TOOLS"]) ?? []
        settings.readOnly = try BooleanSetting.resolve(readOnly, "VOD_MCP_READ_ONLY", in: environment)
        settings.allowDestructive = try BooleanSetting.resolve(
            allowDestructive, "VOD_MCP_ALLOW_DESTRUCTIVE", in: environment)
        settings.dryRun = try BooleanSetting.resolve(dryRun, "VOD_MCP_DRY_RUN", in: environment)
        settings.docsDirectory = docsDir ?? environment["VOD_MCP_DOCS_DIR"]
        settings.connectTimeoutSeconds =
            connectTimeout ?? environment["VOD_MCP_CONNECT_TIMEOUT"].flatMap(Double.init) ?? 5
        settings.timeoutSeconds = timeout ?? environment["VOD_MCP_TIMEOUT"].flatMap(Double.init) ?? 30
        settings.uploadConcurrency =
            uploadConcurrency ?? environment["VOD_MCP_UPLOAD_CONCURRENCY"].flatMap(Int.init) ?? 4
        guard (1...32).contains(settings.uploadConcurrency) else {
            throw ValidationError("--upload-concurrency must be between 1 and 32")
        }
        guard settings.connectTimeoutSeconds > 0, settings.timeoutSeconds > 0 else {
            throw ValidationError("--connect-timeout and --timeout must be positive numbers of seconds")
        }
        settings.testTools = try BooleanSetting.resolve(testTools, "VOD_MCP_TEST_TOOLS", in: environment)
        return settings
    }

    static func list(_ text: String?) -> [String]? {
        guard let text else { return nil }
        return text.split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}
