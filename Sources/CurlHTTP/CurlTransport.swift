internal import CCurl

/// The libcurl-backed `HTTPTransport`: TLS always verified, keep-alive connections reused across calls, standard
/// proxy variables (`https_proxy`, `HTTPS_PROXY`, `no_proxy`, `all_proxy`) honoured by libcurl itself.
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

    /// `vod-mcp/<version> libcurl/<libcurl version>`.
    public static func defaultUserAgent(version: String) -> String {
        // curl_version() reads like "libcurl/7.88.1 OpenSSL/3.0.19 ..."; keep the first word.
        let curl = curl_version().map { String(cString: $0) }?.split(separator: " ").first.map(String.init)
        return "vod-mcp/\(version)" + (curl.map { " \($0)" } ?? "")
    }

    public let configuration: Configuration
    private let loop: CurlLoop

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
        loop = CurlLoop(maxConnections: configuration.maxConnections)
    }

    deinit {
        loop.stop()
    }

    public func send(_ request: HTTPRequest, progress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)?)
        async throws(CurlError) -> HTTPResponse
    {
        try URLPolicy.check(request.url, allowsPlainHTTP: request.allowsPlainHTTP)
        if Task.isCancelled { throw .cancelled(mayHaveReachedServer: false) }
        let transfer = try CurlTransfer(request: request, configuration: configuration, progress: progress)
        let loop = self.loop
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
