import Dispatch
public import FoundationEssentials
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import VODSigning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A local emulator of the VOD RPC API and the OSS upload endpoints, served over HTTP on loopback.
///
/// It verifies signatures as the service does, keeps state (optionally across runs), and can inject faults.
public final class VODSandbox: Sendable {
    private let store: SandboxStore
    private let core: SandboxCore
    private let running = Mutex<(group: MultiThreadedEventLoopGroup, channel: any Channel)?>(nil)
    /// Looks for transcoding runs that ended and sends their events while the sandbox listens.
    private let announcer = Mutex<Task<Void, Never>?>(nil)

    /// Prepares a sandbox (state folder, credentials) without listening yet.
    public convenience init(configuration: SandboxConfiguration) throws {
        try self.init(configuration: configuration, clock: { Date() })
    }

    /// Like `init(configuration:)` with an injected clock, for tests of time-dependent behaviour.
    public init(configuration: SandboxConfiguration, clock: @escaping @Sendable () -> Date) throws {
        store = try SandboxStore(configuration: configuration, clock: clock)
        let fetcher = URLFetcher(store: store)
        core = SandboxCore(
            store: store, rpc: RPCService(store: store, fetcher: fetcher), gateway: RPCGateway(store: store),
            oss: OSSService(store: store), admin: AdminEndpoint(store: store))
    }

    /// Starts listening and returns the endpoint, e.g. `http://127.0.0.1:54321`.
    public func start() async throws -> URL {
        let configuration = store.configuration
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let core = core
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: false, withErrorHandling: false)
                    try channel.pipeline.syncOperations.addHandler(SandboxHTTPHandler(core: core))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw SandboxError.bindFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let port = channel.localAddress?.port ?? configuration.port
        let endpoint = "http://\(configuration.host):\(port)"
        store.endpoint.withLock { $0 = endpoint }
        let alreadyRunning = running.withLock { state -> Bool in
            if state != nil { return true }
            state = (group, channel)
            return false
        }
        if alreadyRunning {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw SandboxError.notRunning
        }
        let store = store
        announcer.withLock {
            $0 = Task.detached {
                while !Task.isCancelled {
                    store.announceFinishedTranscodes()
                    try? await Task.sleep(for: .milliseconds(250))
                }
            }
        }
        guard let url = URL(string: endpoint) else { throw SandboxError.notRunning }
        return url
    }

    /// The endpoint once started.
    public var endpoint: URL? {
        running.withLock { $0 } == nil ? nil : URL(string: store.endpoint.withLock { $0 })
    }

    /// The sandbox account's AccessKey ID.
    public var accessKeyId: String { store.accessKeyId }
    /// The sandbox account's AccessKey secret.
    public var accessKeySecret: String { store.accessKeySecret }
    /// The region the sandbox reports.
    public var region: String { store.configuration.region }
    /// Token for the `/_sandbox/` admin endpoint.
    public var adminToken: String { store.adminToken }
    /// The folder holding `state.json` and the stored objects.
    public var stateDirectory: URL { store.directory }
    /// Private key of the Type A URL signing that play and object URLs must carry (`auth_key`).
    public var urlAuthKey: String { store.urlSigner.key }
    /// A play URL for an object of the bucket, signed with `auth_key` (Type A) and valid for `ttl` seconds;
    /// `nil` until the sandbox listens.
    public func signedObjectURL(key: String, ttl: Int = 3600) -> String? {
        guard endpoint != nil else { return nil }
        let path = "/" + bucket + "/" + PercentEncoding.encodePath(key)
        let expires = store.now().addingTimeInterval(TimeInterval(ttl))
        let auth = store.urlSigner.authKey(path: path, expires: expires, rand: randomHex(16))
        return store.endpoint.withLock { $0 } + path + "?auth_key=" + auth
    }

    /// The OSS bucket uploads go to.
    public var bucket: String { store.bucket }

    /// Adds a fault; it hits matching requests until its count is used up.
    public func inject(_ fault: SandboxFault) { store.addFault(fault) }

    /// Removes every pending fault.
    public func clearFaults() { store.clearFaults() }

    /// Issues an STS credential (AccessKeyId, AccessKeySecret, SecurityToken) that RPC and OSS accept until it expires.
    public func issueSTSCredential(ttl: Duration) -> (
        accessKeyId: String, accessKeySecret: String, securityToken: String
    ) {
        let credential = store.issueCredential(ttl: ttl, bucket: nil, key: nil)
        return (credential.accessKeyId, credential.accessKeySecret, credential.securityToken)
    }

    /// The status a video shows now (`Uploading`, `UploadSucc`, `Transcoding`, `Normal`, ...), or `nil` if unknown.
    public func videoStatus(_ videoId: String) -> String? {
        guard let video = store.read({ $0.videos[videoId] }) else { return nil }
        return store.status(of: video)
    }

    /// Stops listening; a temporary state folder is deleted.
    public func shutdown() async throws {
        let state = running.withLock { state -> (group: MultiThreadedEventLoopGroup, channel: any Channel)? in
            defer { state = nil }
            return state
        }
        guard let state else { return }
        announcer.withLock {
            $0?.cancel()
            $0 = nil
        }
        try? await state.channel.close()
        try await state.group.shutdownGracefully()
        store.removeDirectoryIfOwned()
    }

    /// The one JSON line a standalone sandbox prints: endpoint, credentials, region, admin token.
    public func announcement() -> String {
        JSON.object([
            ("endpoint", .string(store.endpoint.withLock { $0 })), ("accessKeyId", .string(accessKeyId)),
            ("accessKeySecret", .string(accessKeySecret)), ("region", .string(region)),
            ("adminToken", .string(adminToken)), ("bucket", .string(bucket)),
            ("stateDirectory", .string(stateDirectory.path)), ("urlAuthKey", .string(urlAuthKey)),
        ]).serialized()
    }

    /// Runs a sandbox until SIGINT or SIGTERM: starts it, hands `output` the JSON line, then serves.
    public static func runStandalone(configuration: SandboxConfiguration, output: @Sendable (String) -> Void)
        async throws
    {
        let sandbox = try VODSandbox(configuration: configuration)
        _ = try await sandbox.start()
        output(sandbox.announcement())
        await waitForTermination()
        try await sandbox.shutdown()
    }

    private static func waitForTermination() async {
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let (signals, continuation) = AsyncStream<Void>.makeStream()
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { continuation.yield() }
            source.resume()
        }
        for await _ in signals { break }
        sources.forEach { $0.cancel() }
    }
}
