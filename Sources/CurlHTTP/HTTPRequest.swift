/// What a request sends after its headers.
public enum HTTPBody: Sendable, Equatable {
    /// No body (`Content-Length: 0` for POST/PUT).
    case empty
    /// A small in-memory body.
    case bytes([UInt8])
    /// `length` bytes of the file at `path`, starting at `offset`, read while sending (never loaded whole).
    /// A negative `length` means "to the end of the file".
    case file(path: String, offset: Int64, length: Int64)
    /// `length` bytes of an already open file, starting at `offset`, read with `pread` while sending. The caller
    /// keeps the descriptor open until `send` returns; the transport never closes it, never opens a path again and
    /// never moves the descriptor's file offset (parts of one file can be sent in parallel from one descriptor).
    case descriptor(Int32, offset: Int64, length: Int64)
}

/// One HTTP exchange to perform. Redirects are never followed.
public struct HTTPRequest: Sendable {
    public var method: String
    /// Absolute `https://` URL (`http://` only for loopback hosts).
    public var url: String
    /// Header lines in order; names are sent as given.
    public var headers: [(name: String, value: String)]
    public var body: HTTPBody
    /// Overrides the transport's connect timeout for this request.
    public var connectTimeout: Duration?
    /// Overrides the transport's total timeout for this request.
    public var timeout: Duration?
    /// When set, a 2xx response body is streamed into this file (created or truncated) instead of memory.
    public var responseBodyFile: String?
    /// Allows plain `http://` to a non-loopback host. Only for the ECS metadata service (`100.100.100.200`), which
    /// has no TLS; every other caller leaves it `false`.
    public var allowsPlainHTTP: Bool
    /// Largest response body accepted; a longer one (announced or streamed) fails the transfer with
    /// `CurlError.responseTooLarge`. `nil` uses the transport's `Configuration.maxResponseBytes` for bodies kept in
    /// memory and sets no limit on a body streamed to `responseBodyFile`; a value applies to both.
    public var maxResponseBytes: Int?

    public init(
        method: String, url: String, headers: [(name: String, value: String)] = [], body: HTTPBody = .empty,
        connectTimeout: Duration? = nil, timeout: Duration? = nil, responseBodyFile: String? = nil,
        allowsPlainHTTP: Bool = false, maxResponseBytes: Int? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.connectTimeout = connectTimeout
        self.timeout = timeout
        self.responseBodyFile = responseBodyFile
        self.allowsPlainHTTP = allowsPlainHTTP
        self.maxResponseBytes = maxResponseBytes
    }
}

/// A complete response (any status; HTTP errors are not thrown).
public struct HTTPResponse: Sendable, Equatable {
    public let status: Int
    /// Header values keyed by lowercased name; a repeated header keeps its last value.
    public let headers: [String: String]
    /// The body, or empty when it was streamed to `HTTPRequest.responseBodyFile`.
    public let body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Sends HTTP requests. `CurlTransport` is the real one; tests may supply their own.
public protocol HTTPTransport: Sendable {
    /// Performs `request`. `progress` receives bytes of the request body sent so far and the body's total size.
    /// Cancelling the calling task aborts the transfer and throws `CurlError.cancelled`.
    func send(_ request: HTTPRequest, progress: (@Sendable (_ sent: Int64, _ total: Int64) -> Void)?)
        async throws(CurlError)
        -> HTTPResponse
}

extension HTTPTransport {
    /// `send(_:progress:)` without a progress callback.
    public func send(_ request: HTTPRequest) async throws(CurlError) -> HTTPResponse {
        try await send(request, progress: nil)
    }
}
