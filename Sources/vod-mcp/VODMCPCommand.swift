import ArgumentParser
import Foundation
import Logging
import MCPCore
import VODServer

#if canImport(Glibc)
    import Glibc
#endif

/// The version reported by `--version`, `initialize` and the User-Agent.
let vodMCPVersion = "0.1.0"

@main
struct VODMCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vod-mcp",
        abstract: "An MCP server for Alibaba Cloud Video on Demand (VOD), speaking JSON-RPC over stdio.",
        discussion: """
            With no subcommand, serves MCP on stdin/stdout. Every option can also be set with an environment variable \
            VOD_MCP_<OPTION> (for example VOD_MCP_REGION, VOD_MCP_TOOLSETS); a flag wins over the environment.
            """,
        version: vodMCPVersion,
        subcommands: [ServeCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve MCP on stdin/stdout (the default).")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let environment = ProcessInfo.processInfo.environment
        let level = options.resolvedLogLevel(environment)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let settings = try options.settings(environment: environment)
        let delegate = VODToolServer(settings: settings)
        var configuration = options.protocolConfiguration(environment)
        configuration.instructions = delegate.instructions
        let server = MCPServer(configuration: configuration, delegate: delegate)
        await server.run()
    }
}
