import FoundationEssentials

/// Which URLs the transport will contact.
enum URLPolicy {
    struct Target: Equatable {
        var scheme: String
        var host: String
    }

    /// Parses scheme and host; only http and https pass.
    static func target(of url: String) throws(CurlError) -> Target {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let rawHost = parsed.host,
            !rawHost.isEmpty
        else { throw .invalidURL(reason: "not an absolute URL with a host") }
        guard scheme == "https" || scheme == "http" else {
            throw .invalidURL(reason: "scheme \(scheme) is not supported")
        }
        var host = rawHost.lowercased()
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return Target(scheme: scheme, host: host)
    }

    /// Throws `insecureURL` for plain http to anything but loopback (unless explicitly allowed).
    static func check(_ url: String, allowsPlainHTTP: Bool) throws(CurlError) {
        let target = try target(of: url)
        if target.scheme == "http" && !allowsPlainHTTP && !isLoopback(target.host) {
            throw .insecureURL(host: target.host)
        }
    }

    /// 127.0.0.0/8, ::1 and localhost.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "localhost." || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "127" else { return false }
        return parts.allSatisfy { part in
            guard let value = Int(part), !part.isEmpty, part.allSatisfy(\.isASCII) else { return false }
            return (0...255).contains(value)
        }
    }
}
