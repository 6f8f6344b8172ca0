import ArgumentParser
import CurlHTTP
import FoundationEssentials
import Logging
import MCPCore
import MCPHTTP
import VODCredentials
import VODEmulator
import VODServer

#if canImport(Glibc)
    import Glibc
#endif

/// The version reported by `--version`, `initialize` and the User-Agent.
let vodMCPVersion = "0.1.0"

/// The command line's definition: names, help, subcommands and errors. `VODMCPMain` reads the common serving
/// launches itself (`QuickLaunch`) and hands everything else to this command.
struct VODMCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vod-mcp",
        abstract: "An MCP server for Alibaba Cloud Video on Demand (VOD), speaking JSON-RPC over stdio.",
        discussion: """
            With no subcommand, serves MCP on stdin/stdout. Every option can also be set with an environment variable \
            VOD_MCP_<OPTION> (for example VOD_MCP_REGION, VOD_MCP_TOOLSETS); a flag wins over the environment.
            """,
        version: vodMCPVersion,
        subcommands: [ServeCommand.self, SandboxCommand.self, ToolsCommand.self, DocsCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve MCP on stdin/stdout (the default).")

    @OptionGroup var options: ServerOptions
    @OptionGroup var sandboxOptions: SandboxOptions
    @OptionGroup(title: "Streamable HTTP") var httpOptions: HTTPOptions

    @Flag(help: "Start the local VOD sandbox in-process and use it: no account needed (env VOD_MCP_SANDBOX=true).")
    var sandbox = false

    /// The parsed values, for `serve(_:)`.
    var arguments: ServeArguments {
        ServeArguments(
            server: options.arguments, sandboxOptions: sandboxOptions.arguments, http: httpOptions.arguments,
            sandbox: sandbox)
    }

    func run() async throws {
        try await Self.serve(arguments)
    }
}

extension ServeCommand {
    /// Serves MCP on stdio (or HTTP) with `arguments`, however the command line was read.
    static func serve(_ arguments: ServeArguments) async throws {
        let options = arguments.server
        let sandboxOptions = arguments.sandboxOptions
        let httpOptions = arguments.http
        signal(SIGPIPE, SIG_IGN)
        Self.returnLargeBuffersToTheSystem()
        let environment = try BooleanSetting.normalized(ProcessInfo.processInfo.environment)
        let level = options.resolvedLogLevel(environment)
        // Every stdout line and every log line passes this filter; the credentials register their secrets with it.
        let redactor = Redactor()
        for name in ["ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN"] {
            if let secret = environment[name] { redactor.register(secret) }
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return RedactingLogHandler(wrapping: handler, redactor: redactor)
        }
        let logger = Logger(label: "vod-mcp")
        var settings = try options.settings(environment: environment)
        var configuration = try options.protocolConfiguration(environment)
        var http = try httpOptions.settings(environment)
        if http != nil, configuration.sequential {
            throw ValidationError("--sequential orders the requests of one stdio stream; it does not apply to --http")
        }
        settings.stateSealingKey = try HTTPArguments.sealingKey(environment, http: http != nil)
        http?.sealingKey = settings.stateSealingKey
        let credentials: any CredentialProvider
        var embedded: VODSandbox?
        if try BooleanSetting.resolve(arguments.sandbox, "VOD_MCP_SANDBOX", in: environment) {
            let uploadDelay = try SandboxUploadDelay.fault(environment)
            let instance = try VODSandbox(configuration: sandboxOptions.configuration(region: settings.region))
            let endpoint = try await instance.start()
            if let uploadDelay { instance.inject(uploadDelay) }
            embedded = instance
            SandboxCleanup.removeOnSignal(instance)
            settings.endpoint = endpoint.absoluteString
            settings.sandboxEndpoint = endpoint.absoluteString
            credentials = StaticCredentialProvider(
                Credential(accessKeyId: instance.accessKeyId, accessKeySecret: instance.accessKeySecret),
                name: "sandbox")
            StandardStreams.writeError(
                "vod-mcp: using the local VOD sandbox at \(endpoint.absoluteString) (state in "
                    + "\(instance.stateDirectory.path)); nothing reaches Alibaba Cloud\n")
        } else {
            let agents = [
                CurlTransport.defaultUserAgent(version: vodMCPVersion), environment["ALIBABA_CLOUD_USER_AGENT"],
            ]
            let userAgent = agents.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            credentials = DefaultCredentialChain(
                profile: settings.profile, environment: environment,
                homeDirectory: StandardStreams.homeDirectory(environment),
                transport: CurlTransport(configuration: .init(userAgent: userAgent)))
        }
        let delegate: VODToolServer
        do {
            delegate = try VODToolServer(
                settings: settings,
                credentials: RegisteringCredentialProvider(wrapped: credentials, redactor: redactor),
                environment: environment, homeDirectory: StandardStreams.homeDirectory(environment),
                version: vodMCPVersion)
        } catch {
            throw ValidationError(error.description)
        }
        configuration.instructions = delegate.instructions
        configuration.redactor = redactor
        let server = MCPServer(configuration: configuration, delegate: delegate, logger: logger)
        if let http {
            try await Self.serveHTTP(server, settings: http, redactor: redactor)
        } else {
            await server.run()
        }
        try? await embedded?.shutdown()
    }
}

extension ServeCommand {
    /// Serves the stateless Streamable HTTP endpoint until the process is stopped. The bound address is printed on
    /// stderr as `vod-mcp: serving MCP over HTTP at http://HOST:PORT/mcp` (tests read the port from it).
    static func serveHTTP(_ server: MCPServer, settings: HTTPServerSettings, redactor: Redactor) async throws {
        let listener: MCPHTTPServer
        do {
            listener = try await MCPHTTPServer(server: server, settings: settings, redactor: redactor)
        } catch {
            throw ValidationError("--http cannot listen on \(settings.host):\(settings.port): \(error)")
        }
        StandardStreams.writeError("vod-mcp: serving MCP over HTTP at http://\(listener.boundAddress)/mcp\n")
        await listener.waitUntilClosed()
    }

    /// The protocol core bounds what it holds (input lines, requests, output), but glibc keeps freed memory in
    /// per-thread arenas and, after the first large free, serves even megabyte buffers from them, so resident memory
    /// followed the busiest moment of every arena rather than what is live. A fixed mmap threshold makes every buffer
    /// of 128 KiB or more its own mapping, returned to the system when freed; fewer arenas bound the rest.
    static func returnLargeBuffersToTheSystem() {
        #if canImport(Glibc)
            // mallopt and its M_* parameters (malloc.h) are not in Swift's Glibc module; look the function up.
            typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: MallOpt.self)
            let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD
            let arenaMax: Int32 = -8  // M_ARENA_MAX
            _ = mallopt(mmapThreshold, 128 * 1024)
            _ = mallopt(arenaMax, 2)
        #endif
    }
}

struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run the local VOD sandbox alone, for your own code and the official SDKs.",
        discussion: """
            Prints one JSON line {"endpoint", "accessKeyId", "accessKeySecret", "region", ...} on stdout, then serves \
            until interrupted. Point an SDK at the endpoint (http, loopback only) with those credentials.
            """)

    @OptionGroup var sandboxOptions: SandboxOptions

    @Option(help: "Port to listen on, on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @Option(help: "Region the sandbox reports.")
    var region: String = "cn-shanghai"

    /// Printed on stderr once the sandbox serves: where to read how SDK code is aimed at it.
    static let guide = """
        vod-mcp sandbox: point the official SDKs at "endpoint" (host:port, protocol http) with the printed credentials; \
        a complete example is llms/vod-mcp/Using the Official SDKs with the Sandbox.md \
        (vod://docs/vod-mcp/Using%20the%20Official%20SDKs%20with%20the%20Sandbox.md)

        """

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0 to 65535") }
    }

    @Flag(help: "Print what the sandbox does for each of the 188 operations, then exit.")
    var coverage = false

    @Flag(help: "With --coverage: print a Markdown page instead of JSON.")
    var markdown = false

    func run() async throws {
        if coverage {
            if markdown {
                StandardStreams.writeOutput(SandboxCoverage.markdown())
            } else {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                StandardStreams.writeOutput(Array(try encoder.encode(SandboxCoverage.entries())) + Array("\n".utf8))
            }
            return
        }
        signal(SIGPIPE, SIG_IGN)
        var configuration = try sandboxOptions.arguments.configuration(region: region)
        configuration.port = port
        try await VODSandbox.runStandalone(configuration: configuration) { line in
            StandardStreams.writeOutput(line + "\n")
            StandardStreams.writeError(Self.guide)
        }
    }
}

struct ToolsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools", abstract: "Print the tools the server would list, as JSON or a Markdown table.")

    @OptionGroup var options: ServerOptions

    @Flag(help: "Print a Markdown table instead of JSON.")
    var markdown = false

    func run() async throws {
        let environment = try BooleanSetting.normalized(ProcessInfo.processInfo.environment)
        let settings = try options.arguments.settings(environment: environment)
        let server: VODToolServer
        do {
            server = try VODToolServer(
                settings: settings, environment: [:], homeDirectory: "/nonexistent", version: vodMCPVersion)
        } catch {
            throw ValidationError(error.description)
        }
        let tools = server.toolDefinitions
        if markdown {
            print("| Tool | Kind | Description |")
            print("|---|---|---|")
            for tool in tools {
                let annotations = tool["annotations"]
                let kind: String
                if annotations?["readOnlyHint"] == true {
                    kind = "read"
                } else if annotations?["destructiveHint"] == true {
                    kind = "destructive"
                } else {
                    kind = "write"
                }
                let short = ToolTable.firstSentence(tool["description"]?.stringValue ?? "")
                print(
                    "| `\(tool["name"]?.stringValue ?? "")` | \(kind) | \(short.replacing("|", with: "\\|")) |"
                )
            }
        } else {
            print(JSONValue.array(tools).prettyString())
        }
    }
}

struct DocsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Manage the documentation the server serves.",
        subcommands: [DocsSyncCommand.self])
}

struct DocsSyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the public VOD llms.txt and its pages into the docs cache (~/.cache/vod-mcp/llms).",
        discussion:
            "The server then serves the cache instead of the embedded copy and says so in each resource's _meta. Offline, nothing changes."
    )

    @Option(help: "Index URL to fetch (default: the public VOD llms.txt).")
    var indexURL: String?

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let transport = CurlTransport(
            configuration: .init(userAgent: CurlTransport.defaultUserAgent(version: vodMCPVersion)))
        do {
            let report = try await DocsSyncRunner.run(
                environment: ProcessInfo.processInfo.environment, transport: transport,
                indexURL: indexURL.flatMap(URL.init(string:)))
            print(report)
        } catch {
            StandardStreams.writeError("vod-mcp: \(error)\n")
            throw ExitCode(1)
        }
    }
}
