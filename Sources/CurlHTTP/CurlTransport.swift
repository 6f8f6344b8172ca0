import Synchronization

/// The libcurl-backed `HTTPTransport`: TLS always verified, keep-alive connections reused across calls, standard
/// proxy variables (`https_proxy`, `HTTPS_PROXY`, `no_proxy`, `all_proxy`) honoured by libcurl itself.
///
/// Making one costs nothing: libcurl is loaded (see `CurlLibrary`) and the transfer thread started by the first
/// `send`. When libcurl cannot be loaded, every `send` throws `CurlError.libcurlUnavailable`.
public final class CurlTransport: HTTPTransport, Sendable {
    /// Transport-wide settings.
    public struct Configuration: Sendable {
        /// Sent when a request carries no `User-Agent` header.
        public var userAgent: String
        public var connectTimeout: Duration
        public var timeout: Duration
        /// Idle connections kept for reuse.
        public var maxConnections: Int
        /// Explicit proxy URL; `nil` lets libcurl read the proxy environment variables.
        public var proxy: String?
        /// Extra CA bundle (PEM) to trust instead of the system one; verification stays on.
        public var caBundlePath: String?
        /// Largest response body held in memory (bodies streamed to a file are not limited). VOD's largest answers
        /// (a page of 100 media with all fields) are a few hundred KB; the cap keeps a hostile or broken endpoint from
        /// growing the process without bound.
        public var maxResponseBytes: Int

        /// The default `maxResponseBytes`: 16 MiB.
        public static let defaultMaxResponseBytes = 16 << 20

        public init(
            userAgent: String = CurlTransport.defaultUserAgent(version: "dev"), connectTimeout: Duration = .seconds(5),
            timeout: Duration = .seconds(30), maxConnections: Int = 16, proxy: String? = nil,
            caBundlePath: String? = nil,
            maxResponseBytes: Int = Configuration.defaultMaxResponseBytes
        ) {
            self.userAgent = userAgent
            self.connectTimeout = connectTimeout
            self.timeout = timeout
            self.maxConnections = maxConnections
            self.proxy = proxy
            self.caBundlePath = caBundlePath
            self.maxResponseBytes = maxResponseBytes
        }
    }

    /// `vod-mcp/<version> libcurl/<libcurl version>`, naming the libcurl vod-mcp was built against: asking the
    /// library for its version would load it at start-up, which is what loading on first use avoids.
    public static func defaultUserAgent(version: String) -> String {
        "vod-mcp/\(version) libcurl/\(CurlLibrary.buildVersion)"
    }

    public let configuration: Configuration
    /// `nil` for the process's shared libcurl; a library name only in tests of the loading path.
    private let libraryName: String?
    /// Started by the first `send`.
    private let loop = Mutex<CurlLoop?>(nil)

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        libraryName = nil
    }

    /// A transport that loads libcurl from `libraryName` instead of the shared library (tests only).
    init(configuration: Configuration = Configuration(), libraryName: String) {
        self.configuration = configuration
        self.libraryName = libraryName
    }

    deinit {
        loop.withLock { $0?.stop() }
    }

    /// The running loop, loading libcurl and starting the loop's thread the first time.
    private func runningLoop() throws(CurlError) -> CurlLoop {
        try loop.withLock { (loop: inout CurlLoop?) throws(CurlError) -> CurlLoop in
            if let loop { return loop }
            let library = try (libraryName.map(CurlLibrary.load(name:)) ?? CurlLibrary.shared).get()
            let started = CurlLoop(library: library, maxConnections: configuration.maxConnections)
            loop = started
            return started
        }
    }

    public func send(_ request: HTTPRequest, progress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)?)
        async throws(CurlError) -> HTTPResponse
    {
        try URLPolicy.check(request.url, allowsPlainHTTP: request.allowsPlainHTTP)
        if Task.isCancelled { throw .cancelled(mayHaveReachedServer: false) }
        let loop = try runningLoop()
        let transfer = try CurlTransfer(
            library: loop.library, request: request, configuration: configuration, progress: progress)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                transfer.setContinuation(continuation)
                loop.submit(transfer)
            }
        } onCancel: {
            loop.cancel(transfer)
        }
        return try result.get()
    }
}
