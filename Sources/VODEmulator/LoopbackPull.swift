import CurlHTTP
import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fetches an UploadMediaByURL source for the sandbox through libcurl.
///
/// Only `http`/`https` URLs whose host is loopback (127.0.0.0/8, ::1, `localhost`) are contacted; redirects are
/// followed here, one hop at a time, and every hop is checked again. The body streams to a file and stops at `limit`
/// bytes. There is no `file://` support: local files reach the sandbox through an upload, not a pull.
final class LoopbackPull: Sendable {
    struct Failure: Error, Equatable {
        var code: String
        var message: String
    }

    static let maxRedirects = 5

    /// Made on the first pull, so a sandbox that never pulls runs no libcurl thread.
    private let client = Mutex<CurlTransport?>(nil)
    /// Largest body accepted, in bytes.
    let limit: Int64

    init(limit: Int64) {
        self.limit = limit
    }

    private var transport: CurlTransport {
        client.withLock { client in
            if let client { return client }
            let made = CurlTransport(
                configuration: CurlTransport.Configuration(
                    userAgent: "vod-sandbox-pull", connectTimeout: .seconds(5), timeout: .seconds(300),
                    maxConnections: 4))
            client = made
            return made
        }
    }

    /// Downloads `text` into the file at `path` (created or truncated).
    func fetch(_ text: String, into path: String) async -> Result<Void, Failure> {
        var current: String
        switch Self.check(text) {
        case .success(let url): current = url
        case .failure(let failure): return .failure(failure)
        }
        for hop in 0...Self.maxRedirects {
            let request = HTTPRequest(method: "GET", url: current, responseBodyFile: path, maxResponseBytes: Int(limit))
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                if case .responseTooLarge = error {
                    return .failure(
                        Failure(
                            code: "FileSizeExceeded",
                            message: "The source is larger than the sandbox's pull limit of \(limit) bytes "
                                + "(raise it with --sandbox-pull-limit)."))
                }
                return .failure(Failure(code: "DownloadFailed", message: "GET \(current) failed: \(error.reason)."))
            }
            if (200..<300).contains(response.status) { return .success(()) }
            guard [301, 302, 303, 307, 308].contains(response.status) else {
                return .failure(
                    Failure(code: "DownloadFailed", message: "GET \(current) answered HTTP \(response.status)."))
            }
            guard let location = response.headers["location"], !location.isEmpty,
                let next = URL(string: location, relativeTo: URL(string: current))?.absoluteString
            else {
                return .failure(
                    Failure(
                        code: "DownloadFailed",
                        message: "GET \(current) answered \(response.status) without a Location."))
            }
            if hop == Self.maxRedirects { break }
            switch Self.check(next) {
            case .success(let url): current = url
            case .failure(let failure):
                return .failure(
                    Failure(
                        code: failure.code, message: "A redirect from \(current) leads to \(next): " + failure.message))
            }
        }
        return .failure(
            Failure(
                code: "DownloadFailed", message: "More than \(Self.maxRedirects) redirects; the sandbox stops there."))
    }

    /// POSTs a JSON body to a loopback URL (event callbacks); the answer is not used.
    func post(_ url: String, body: [UInt8], headers: [(name: String, value: String)]) async {
        guard case .success(let checked) = Self.check(url) else { return }
        let request = HTTPRequest(
            method: "POST", url: checked, headers: headers + [("Content-Type", "application/json")], body: .bytes(body),
            timeout: .seconds(10), maxResponseBytes: 1 << 20)
        _ = try? await transport.send(request)
    }

    /// Parses a source URL and rebuilds it without user info or fragment, so libcurl contacts exactly the host that
    /// was checked; fails unless the scheme is http(s) and the host is loopback.
    static func check(_ text: String) -> Result<String, Failure> {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return .failure(Failure(code: "InvalidURL", message: "\(text) is not an absolute URL."))
        }
        guard scheme == "http" || scheme == "https" else {
            return .failure(
                Failure(
                    code: "InvalidURL",
                    message: "The sandbox pulls only http:// and https:// URLs on loopback, not \(scheme):// "
                        + "(upload local files with the upload tools instead)."))
        }
        guard let rawHost = components.host, !rawHost.isEmpty else {
            return .failure(Failure(code: "InvalidURL", message: "\(text) has no host."))
        }
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let literal = loopbackLiteral(host) else {
            return .failure(
                Failure(
                    code: "SourceNotLoopback",
                    message: "The sandbox pulls only from loopback hosts (127.0.0.0/8, ::1, localhost), not \(host)."))
        }
        let port = components.port.map { ":\($0)" } ?? ""
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
        return .success("\(scheme)://\(literal)\(port)\(path)\(query)")
    }

    /// The host as it goes into the rebuilt URL when it is loopback: `localhost`, a dotted-quad IPv4 address in
    /// 127.0.0.0/8 (four decimal parts), or `[::1]` in any IPv6 spelling; `nil` for anything else.
    static func loopbackLiteral(_ host: String) -> String? {
        let trimmed = host.hasSuffix(".") ? String(host.dropLast()) : host
        if trimmed == "localhost" { return "localhost" }
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let decimal = { (part: Substring) in
            !part.isEmpty && part.count <= 3 && part.allSatisfy { ("0"..."9").contains($0) }
        }
        if parts.count == 4, parts.allSatisfy(decimal) {
            let values = parts.compactMap { Int($0) }
            guard values.count == 4, values[0] == 127, values.allSatisfy({ (0...255).contains($0) }) else { return nil }
            return values.map(String.init).joined(separator: ".")
        }
        if trimmed.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, trimmed, &address) == 1 else { return nil }
            let bytes = withUnsafeBytes(of: &address) { Array($0) }
            return bytes == Array(repeating: 0, count: 15) + [1] ? "[::1]" : nil
        }
        return nil
    }
}
