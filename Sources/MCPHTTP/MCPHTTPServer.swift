public import MCPCore
import NIOCore
import NIOHTTP1
import NIOPosix

/// The Streamable HTTP transport, both eras: every POST to `/mcp` is one exchange with the protocol core. 2026-07-28
/// requests are stateless; a handshake-era session (2025-03-26 … 2025-11-25) travels sealed in its `Mcp-Session-Id`.
/// So any number of identically configured processes can serve one client behind a balancer.
public final class MCPHTTPServer: Sendable {
    struct Shared: Sendable {
        let server: MCPServer
        let settings: HTTPServerSettings
        let limiter: ClientLimiter
        let redactor: Redactor?
        let sessions: SessionSeal
        /// Whether handshake-era requests may ask the client (elicitation): only when session ids are sealed with a
        /// key of this process alone, so that the answer, a POST of the same session, can only come back here.
        var askClient: Bool { settings.sealingKey == nil }
    }

    private let shared: Shared
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel

    /// The address actually bound (`port` 0 resolved), as `host:port`.
    public let boundAddress: String

    /// Binds and starts serving. Throws when the address cannot be bound.
    public init(server: MCPServer, settings: HTTPServerSettings, redactor: Redactor?) async throws {
        let shared = Shared(
            server: server, settings: settings,
            limiter: ClientLimiter(perClient: settings.maxRequestsPerClient, total: settings.maxRequests),
            redactor: redactor, sessions: SessionSeal(key: settings.sealingKey))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MCPHTTPHandler(shared: shared))
                }
            }
        do {
            channel = try await bootstrap.bind(host: settings.host, port: settings.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        self.shared = shared
        self.group = group
        let port = channel.localAddress?.port ?? settings.port
        boundAddress = settings.host.contains(":") ? "[\(settings.host)]:\(port)" : "\(settings.host):\(port)"
    }

    /// Returns when the listening socket closes.
    public func waitUntilClosed() async {
        try? await channel.closeFuture.get()
    }

    public func shutdown() async {
        try? await channel.close()
        try? await group.shutdownGracefully()
    }
}
