/// A transport failure: no usable HTTP response arrived. HTTP error statuses are responses, not `CurlError`s.
public enum CurlError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Connect or total timeout elapsed.
    case timeout(reason: String, mayHaveReachedServer: Bool)
    /// The host name did not resolve.
    case dns(reason: String)
    /// The TCP connection was refused or unreachable.
    case connectFailed(reason: String)
    /// TLS handshake or certificate verification failed.
    case tls(reason: String)
    /// The connection broke while sending or receiving.
    case reset(reason: String, mayHaveReachedServer: Bool)
    /// The response ended before its announced length.
    case truncatedBody(reason: String)
    /// The URL is malformed or uses a scheme other than http(s).
    case invalidURL(reason: String)
    /// Plain `http://` to a host that is not loopback.
    case insecureURL(host: String)
    /// The calling task was cancelled.
    case cancelled(mayHaveReachedServer: Bool)
    /// The request body file could not be read.
    case fileUnreadable(path: String, reason: String)
    /// The response body file could not be written.
    case fileUnwritable(path: String, reason: String)
    /// The response body exceeded the size cap (`limit` bytes); the transfer was cut there.
    case responseTooLarge(limit: Int, announced: Int64?)
    /// libcurl itself could not be loaded (the runtime package is missing or too old); nothing was sent.
    case libcurlUnavailable(reason: String)
    /// Any other libcurl failure, with its numeric code.
    case other(curlCode: Int, reason: String, mayHaveReachedServer: Bool)

    /// Stable identifier, e.g. `Network.Timeout`.
    public var code: String {
        switch self {
        case .timeout: "Network.Timeout"
        case .dns: "Network.DNS"
        case .connectFailed: "Network.ConnectFailed"
        case .tls: "Network.TLS"
        case .reset: "Network.Reset"
        case .truncatedBody: "Network.TruncatedBody"
        case .invalidURL: "Network.InvalidURL"
        case .insecureURL: "Network.InsecureURL"
        case .cancelled: "Network.Cancelled"
        case .fileUnreadable: "Network.FileUnreadable"
        case .fileUnwritable: "Network.FileUnwritable"
        case .responseTooLarge: "Network.ResponseTooLarge"
        case .libcurlUnavailable: "Network.LibcurlUnavailable"
        case .other: "Network.Failed"
        }
    }

    /// Whether the server may have received (and acted on) the request. `false` proves it did not.
    public var mayHaveReachedServer: Bool {
        switch self {
        case .timeout(_, let reached), .reset(_, let reached), .cancelled(let reached), .other(_, _, let reached):
            reached
        case .truncatedBody: true
        case .dns, .connectFailed, .tls, .invalidURL, .insecureURL, .fileUnreadable, .libcurlUnavailable: false
        case .fileUnwritable, .responseTooLarge: true
        }
    }

    /// Whether the failure is the network's (worth retrying) rather than the caller's.
    public var isTransient: Bool {
        switch self {
        case .timeout, .dns, .connectFailed, .reset, .truncatedBody: true
        case .other(let code, _, _): code == 55 || code == 56 || code == 52
        case .tls, .invalidURL, .insecureURL, .cancelled, .fileUnreadable, .fileUnwritable, .responseTooLarge,
            .libcurlUnavailable:
            false
        }
    }

    /// libcurl's own words (or ours) for what happened.
    public var reason: String {
        switch self {
        case .timeout(let r, _), .dns(let r), .connectFailed(let r), .tls(let r), .reset(let r, _),
            .truncatedBody(let r),
            .invalidURL(let r), .fileUnreadable(_, let r), .fileUnwritable(_, let r), .libcurlUnavailable(let r),
            .other(_, let r, _):
            r
        case .insecureURL(let host): "plain http to \(host)"
        case .cancelled: "cancelled"
        case .responseTooLarge(let limit, _): "response body over \(limit) bytes"
        }
    }

    public var description: String {
        switch self {
        case .timeout(let r, _):
            "\(code): the request timed out (\(r)). Check connectivity or raise --timeout / --connect-timeout."
        case .dns(let r):
            "\(code): the host name did not resolve (\(r)). Check --region / --endpoint and DNS or proxy settings."
        case .connectFailed(let r):
            "\(code): could not connect (\(r)). Check the endpoint, firewall and HTTPS_PROXY / NO_PROXY settings."
        case .tls(let r):
            "\(code): TLS failed (\(r)). Certificates are always verified; check the system CA bundle, clock or proxy."
        case .reset(let r, _):
            "\(code): the connection broke (\(r)). Retry; if it persists check proxies or network stability."
        case .truncatedBody(let r):
            "\(code): the response ended early (\(r)). Retry the request."
        case .invalidURL(let r):
            "\(code): the URL is not usable (\(r)). Use an absolute https:// URL."
        case .insecureURL(let host):
            "\(code): refusing plain http:// to \(host); credentials and signatures must travel over TLS. "
                + "Use https://, or http:// only for loopback (127.0.0.0/8, ::1, localhost)."
        case .cancelled:
            "\(code): the request was cancelled before it finished."
        case .fileUnreadable(let path, let r):
            "\(code): cannot read the upload file \(path) (\(r)). Check that it exists and is readable."
        case .fileUnwritable(let path, let r):
            "\(code): cannot write the download file \(path) (\(r)). Check the directory and free space."
        case .responseTooLarge(let limit, let announced):
            "\(code): the response body "
                + (announced.map { "announced \($0) bytes" } ?? "grew past the limit")
                + " and was cut at \(limit) bytes (the cap on answers held in memory). The endpoint is not behaving "
                + "like VOD: check --endpoint / VOD_MCP_ENDPOINT and any proxy in between; narrow the request "
                + "(smaller PageSize) if the answer is legitimately large."
        case .libcurlUnavailable(let r):
            "\(code): vod-mcp sends HTTP requests through the system's libcurl, which could not be loaded (\(r)). "
                + "Install the libcurl runtime package, libcurl4 (Debian/Ubuntu: apt-get install libcurl4; "
                + "Fedora/RHEL: dnf install libcurl), then start vod-mcp again."
        case .other(let c, let r, _):
            "\(code): libcurl error \(c) (\(r))."
        }
    }
}
