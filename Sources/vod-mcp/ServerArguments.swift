import ArgumentParser
import FoundationEssentials
import Logging
import MCPCore
import TextSupport
import VODServer

/// The serving flags as plain values: what `ServerOptions` parsed, or what `QuickLaunch` read without ArgumentParser.
/// Each falls back to `VOD_MCP_<NAME>` (or the credential chain's `ALIBABA_CLOUD_*` name) in the environment.
struct ServerArguments: Equatable, Sendable {
    var region: String? = nil
    var endpoint: String? = nil
    var profile: String? = nil
    var signatureVersion: String? = nil
    var toolsets: String? = nil
    var tools: String? = nil
    var excludeTools: String? = nil
    var readOnly: Bool = false
    var allowDestructive: Bool = false
    var dryRun: Bool = false
    var workdir: String? = nil
    var docsDir: String? = nil
    var connectTimeout: Double? = nil
    var timeout: Double? = nil
    var uploadConcurrency: Int? = nil
    var logLevel: String? = nil
    var maxMessageBytes: Int? = nil
    var pageSize: Int? = nil
    var exitGrace: Double? = nil
    var sequential: Bool = false
    var testTools: Bool = false

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
