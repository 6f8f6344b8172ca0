internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// State of one transfer. Built on the caller's thread, then owned by the loop thread until it completes.
final class CurlTransfer: @unchecked Sendable {
    private let curl: UnsafePointer<vodmcp_curl>
    let easy: UnsafeMutableRawPointer
    private var headerList: UnsafeMutablePointer<curl_slist>?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var continuation: CheckedContinuation<Result<HTTPResponse, CurlError>, Never>?

    // Request body.
    private let bodyBytes: [UInt8]
    private var bodyOffset = 0
    private var bodyFD: Int32 = -1
    /// Whether `bodyFD` is ours to close (`.file`) or the caller's (`.descriptor`).
    private var ownsBodyFD = false
    /// Where the next `pread` of the body starts.
    private var bodyFilePosition: Int64 = 0
    private var bodyFileRemaining: Int64 = 0
    private let bodyPath: String?
    private(set) var bodyReadError: String?

    // Response.
    private var status = 0
    private var responseHeaders: [String: String] = [:]
    private var responseBody: [UInt8] = []
    private let responsePath: String?
    private var responseFD: Int32 = -1
    private(set) var responseWriteError: String?
    private let maxResponseBytes: Int
    /// The cap on a body streamed to `responsePath`: only the request's own `maxResponseBytes`.
    private let maxFileBytes: Int64?
    private var fileBytesReceived: Int64 = 0
    /// Set when the body outgrew `maxResponseBytes` (or announced that it would); the transfer is cut there.
    private var responseTooLarge: (limit: Int, announced: Int64?)?

    private let progress: (@Sendable (Int64, Int64) -> Void)?
    private var lastReportedProgress: Int64 = -1
    private var isHead = false
    /// Guarded by the loop's lock.
    var cancelRequested = false

    init(
        library: CurlLibrary, request: HTTPRequest, configuration: CurlTransport.Configuration,
        progress: (@Sendable (Int64, Int64) -> Void)?
    ) throws(CurlError) {
        curl = library.api
        guard let easy = curl.pointee.easy_init() else {
            throw .other(curlCode: -1, reason: "curl_easy_init failed", mayHaveReachedServer: false)
        }
        self.easy = easy
        self.progress = progress
        self.responsePath = request.responseBodyFile
        maxResponseBytes = max(0, request.maxResponseBytes ?? configuration.maxResponseBytes)
        maxFileBytes = request.maxResponseBytes.map { Int64(max(0, $0)) }
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)

        var bodyLength: Int64 = 0
        switch request.body {
        case .empty:
            bodyBytes = []
            bodyPath = nil
        case .bytes(let bytes):
            bodyBytes = bytes
            bodyPath = nil
            bodyLength = Int64(bytes.count)
        case .file(let path, let offset, let length):
            bodyBytes = []
            bodyPath = path
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                cleanup()
                throw .fileUnreadable(path: path, reason: reason)
            }
            bodyFD = fd
            ownsBodyFD = true
            bodyLength = try prepareFileBody(offset: offset, length: length, shown: path)
        case .descriptor(let fd, let offset, let length):
            bodyBytes = []
            bodyPath = nil
            bodyFD = fd
            bodyLength = try prepareFileBody(offset: offset, length: length, shown: "<open file>")
        }
        if let responsePath {
            let fd = open(responsePath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                let reason = String(cString: strerror(errno))
                cleanup()
                throw .fileUnwritable(path: responsePath, reason: reason)
            }
            responseFD = fd
        }
        configure(request: request, configuration: configuration, bodyLength: bodyLength)
    }

    /// Checks the body's byte range against the open file (a regular file only) and sets the read position.
    private func prepareFileBody(offset: Int64, length: Int64, shown: String) throws(CurlError) -> Int64 {
        var info = stat()
        guard fstat(bodyFD, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            cleanup()
            throw .fileUnreadable(path: shown, reason: reason)
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            cleanup()
            throw .fileUnreadable(path: shown, reason: "not a regular file")
        }
        let size = Int64(info.st_size)
        let available = size - offset
        guard offset >= 0, available >= 0, length <= available else {
            cleanup()
            throw .fileUnreadable(
                path: shown, reason: "file has \(size) bytes, range \(offset)+\(length) is out of bounds")
        }
        let bodyLength = length < 0 ? available : length
        bodyFilePosition = offset
        bodyFileRemaining = bodyLength
        return bodyLength
    }

    private func configure(request: HTTPRequest, configuration: CurlTransport.Configuration, bodyLength: Int64) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_URL, request.url)
        vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_PROTOCOLS_STR, "http,https")
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_NOSIGNAL, 1)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_SSL_VERIFYPEER, 1)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_SSL_VERIFYHOST, 2)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_FOLLOWLOCATION, 0)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_TCP_KEEPALIVE, 1)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_TCP_NODELAY, 1)
        if let caBundle = configuration.caBundlePath {
            vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_CAINFO, caBundle)
        }
        if let proxy = configuration.proxy {
            vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_PROXY, proxy)
        }
        let connectTimeout = request.connectTimeout ?? configuration.connectTimeout
        let timeout = request.timeout ?? configuration.timeout
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connectTimeout))
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout))
        vodmcp_curl_easy_setopt_pointer(curl, easy, CURLOPT_ERRORBUFFER, errorBuffer)

        var hasUserAgent = false
        var hasContentType = false
        for header in request.headers {
            let lower = header.name.lowercased()
            if lower == "user-agent" { hasUserAgent = true }
            if lower == "content-type" { hasContentType = true }
            headerList = curl.pointee.slist_append(headerList, "\(header.name): \(header.value)")
        }
        if !hasUserAgent { vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_USERAGENT, configuration.userAgent) }
        // No `Expect: 100-continue` round trip, and no content type libcurl would invent for POST.
        headerList = curl.pointee.slist_append(headerList, "Expect:")
        if !hasContentType { headerList = curl.pointee.slist_append(headerList, "Content-Type:") }
        vodmcp_curl_easy_setopt_slist(curl, easy, CURLOPT_HTTPHEADER, headerList)

        vodmcp_curl_easy_setopt_data_callback(curl, easy, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        vodmcp_curl_easy_setopt_pointer(curl, easy, CURLOPT_WRITEDATA, me)
        vodmcp_curl_easy_setopt_data_callback(curl, easy, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        vodmcp_curl_easy_setopt_pointer(curl, easy, CURLOPT_HEADERDATA, me)
        vodmcp_curl_easy_setopt_data_callback(curl, easy, CURLOPT_READFUNCTION, curlReadCallback)
        vodmcp_curl_easy_setopt_pointer(curl, easy, CURLOPT_READDATA, me)
        vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_NOPROGRESS, 0)
        vodmcp_curl_easy_setopt_xferinfo(curl, easy, curlProgressCallback)
        vodmcp_curl_easy_setopt_pointer(curl, easy, CURLOPT_XFERINFODATA, me)

        let method = request.method.uppercased()
        isHead = method == "HEAD"
        switch method {
        case "GET" where bodyLength == 0:
            vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_HTTPGET, 1)
        case "HEAD":
            vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_NOBODY, 1)
        case "POST":
            vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_POST, 1)
            vodmcp_curl_easy_setopt_off_t(curl, easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(bodyLength))
        default:
            vodmcp_curl_easy_setopt_long(curl, easy, CURLOPT_UPLOAD, 1)
            vodmcp_curl_easy_setopt_off_t(curl, easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(bodyLength))
            if method != "PUT" { vodmcp_curl_easy_setopt_string(curl, easy, CURLOPT_CUSTOMREQUEST, method) }
        }
    }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    func setContinuation(_ continuation: CheckedContinuation<Result<HTTPResponse, CurlError>, Never>) {
        self.continuation = continuation
    }

    /// Resumes the waiting caller exactly once and frees every resource. Loop thread only.
    func complete(_ result: Result<HTTPResponse, CurlError>) {
        cleanup()
        let continuation = self.continuation
        self.continuation = nil
        continuation?.resume(returning: result)
    }

    /// Translates libcurl's verdict into a response or a `CurlError`. Loop thread only.
    func finish(code: CURLcode) -> Result<HTTPResponse, CurlError> {
        if let tooLarge = responseTooLarge {
            return .failure(.responseTooLarge(limit: tooLarge.limit, announced: tooLarge.announced))
        }
        if code == CURLE_OK {
            return .success(HTTPResponse(status: status, headers: responseHeaders, body: responseBody))
        }
        var requestSize = 0
        vodmcp_curl_easy_getinfo_long(curl, easy, CURLINFO_REQUEST_SIZE, &requestSize)
        let reached = requestSize > 0
        let message = String(cString: errorBuffer)
        let reason = message.isEmpty ? String(cString: curl.pointee.easy_strerror(code)) : message
        switch code {
        case CURLE_OPERATION_TIMEDOUT: return .failure(.timeout(reason: reason, mayHaveReachedServer: reached))
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .failure(.dns(reason: reason))
        case CURLE_COULDNT_CONNECT: return .failure(.connectFailed(reason: reason))
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED:
            return .failure(.tls(reason: reason))
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .failure(.reset(reason: reason, mayHaveReachedServer: reached))
        case CURLE_PARTIAL_FILE: return .failure(.truncatedBody(reason: reason))
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL: return .failure(.invalidURL(reason: reason))
        case CURLE_ABORTED_BY_CALLBACK: return .failure(.cancelled(mayHaveReachedServer: reached))
        case CURLE_READ_ERROR:
            return .failure(.fileUnreadable(path: bodyPath ?? "<body>", reason: bodyReadError ?? reason))
        case CURLE_WRITE_ERROR:
            return .failure(.fileUnwritable(path: responsePath ?? "<body>", reason: responseWriteError ?? reason))
        default:
            return .failure(.other(curlCode: Int(code.rawValue), reason: reason, mayHaveReachedServer: reached))
        }
    }

    /// Whether the request has been (partly) written to a connection. Loop thread only.
    var requestWasSent: Bool {
        var requestSize = 0
        vodmcp_curl_easy_getinfo_long(curl, easy, CURLINFO_REQUEST_SIZE, &requestSize)
        return requestSize > 0
    }

    private var cleanedUp = false
    private func cleanup() {
        guard !cleanedUp else { return }
        cleanedUp = true
        curl.pointee.easy_cleanup(easy)
        curl.pointee.slist_free_all(headerList)
        headerList = nil
        errorBuffer.deallocate()
        if bodyFD >= 0 && ownsBodyFD { close(bodyFD) }
        bodyFD = -1
        if responseFD >= 0 { close(responseFD) }
        responseFD = -1
    }

    // MARK: Callbacks (loop thread)

    fileprivate func receiveBody(_ data: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        if responseFD >= 0 && (200..<300).contains(status) {
            fileBytesReceived += Int64(count)
            if let limit = maxFileBytes, fileBytesReceived > limit {
                responseTooLarge = (Int(limit), responseTooLarge?.announced)
                return 0
            }
            var written = 0
            while written < count {
                let n = write(responseFD, data + written, count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    responseWriteError = String(cString: strerror(errno))
                    return 0
                }
                written += n
            }
            return count
        }
        guard responseBody.count + count <= maxResponseBytes else {
            responseTooLarge = (maxResponseBytes, responseTooLarge?.announced)
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            responseBody.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }
        return count
    }

    fileprivate func receiveHeader(_ data: UnsafeMutablePointer<CChar>, count: Int) -> Int {
        let line = data.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            HTTPHeaderLine(UnsafeBufferPointer(start: bytes, count: count))
        }
        switch line {
        case .status(let code):
            // A new status line (e.g. after `100 Continue`) starts a fresh header set.
            responseHeaders = [:]
            status = code
        case .field(let name, let value):
            responseHeaders[name] = value
            // A body announced beyond its cap is refused before any of it arrives (not for HEAD).
            let toFile = responseFD >= 0 && (200..<300).contains(status)
            if name == "content-length", !isHead, let announced = Int64(value),
                let limit = toFile ? maxFileBytes : Int64(maxResponseBytes), announced > limit
            {
                responseTooLarge = (Int(limit), announced)
                return 0
            }
        case .other:
            break
        }
        return count
    }

    fileprivate func supplyBody(into buffer: UnsafeMutablePointer<CChar>, capacity: Int) -> Int {
        if bodyFD >= 0 {
            let want = Int(min(Int64(capacity), bodyFileRemaining))
            if want == 0 { return 0 }
            while true {
                let n = pread(bodyFD, buffer, want, off_t(bodyFilePosition))
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    bodyReadError = String(cString: strerror(errno))
                    return Int(CURL_READFUNC_ABORT)
                }
                if n == 0 {
                    bodyReadError = "the file shrank while it was being sent"
                    return Int(CURL_READFUNC_ABORT)
                }
                bodyFilePosition += Int64(n)
                bodyFileRemaining -= Int64(n)
                return n
            }
        }
        let count = min(capacity, bodyBytes.count - bodyOffset)
        if count <= 0 { return 0 }
        bodyBytes.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            buffer.withMemoryRebound(to: UInt8.self, capacity: count) { target in
                target.update(from: base + bodyOffset, count: count)
            }
        }
        bodyOffset += count
        return count
    }

    fileprivate func progressUpdate(sent: Int64, total: Int64) -> Int32 {
        if let progress, sent != lastReportedProgress, total > 0 {
            lastReportedProgress = sent
            progress(sent, total)
        }
        return 0
    }
}

private func transfer(_ userdata: UnsafeMutableRawPointer?) -> CurlTransfer? {
    guard let userdata else { return nil }
    return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue()
}

private let curlWriteCallback: vodmcp_curl_data_callback = { data, size, count, userdata in
    guard let transfer = transfer(userdata) else { return 0 }
    return transfer.receiveBody(data, count: size * count)
}

private let curlHeaderCallback: vodmcp_curl_data_callback = { data, size, count, userdata in
    guard let transfer = transfer(userdata) else { return 0 }
    return transfer.receiveHeader(data, count: size * count)
}

private let curlReadCallback: vodmcp_curl_data_callback = { data, size, count, userdata in
    guard let transfer = transfer(userdata) else { return Int(CURL_READFUNC_ABORT) }
    return transfer.supplyBody(into: data, capacity: size * count)
}

private let curlProgressCallback: vodmcp_curl_xferinfo_callback = { userdata, _, _, uploadTotal, uploaded in
    guard let transfer = transfer(userdata) else { return 1 }
    return transfer.progressUpdate(sent: Int64(uploaded), total: Int64(uploadTotal))
}
