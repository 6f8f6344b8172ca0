internal import CCurl

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// libcurl, opened the first time a transfer is made instead of linked into the binary.
///
/// Start-up then maps none of libcurl's dependency tree, and a session that never sends a request never loads it.
/// `shared` is the process's copy; Swift runs a static's initialiser exactly once even when several tasks make
/// their first request at the same moment, which also keeps `curl_global_init` (not thread-safe in older libcurl)
/// to one call before any other libcurl use.
final class CurlLibrary: @unchecked Sendable {
    /// The resolved functions; lives as long as the process.
    let api: UnsafePointer<vodmcp_curl>

    private init(api: UnsafePointer<vodmcp_curl>) {
        self.api = api
    }

    /// The library every `CurlTransport` uses.
    static let shared: Result<CurlLibrary, CurlError> = load(name: sharedName)

    /// `libcurl.so.4`, or the name in `VOD_MCP_TEST_LIBCURL`: a test hook (not in `--help`) that lets a test run
    /// the binary as if the runtime package were missing.
    static var sharedName: String {
        if let name = getenv("VOD_MCP_TEST_LIBCURL"), name.pointee != 0 { return String(cString: name) }
        return String(cString: vodmcp_curl_default_library)
    }

    /// Opens `name` and resolves what we call; a failure names the problem and the fix.
    static func load(name: String) -> Result<CurlLibrary, CurlError> {
        var error = [CChar](repeating: 0, count: 512)
        let loaded = error.withUnsafeMutableBufferPointer { buffer in
            vodmcp_curl_load(name, buffer.baseAddress!, buffer.count)
        }
        guard let loaded else {
            let reason = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(.libcurlUnavailable(reason: reason))
        }
        return .success(CurlLibrary(api: loaded))
    }

    /// The version of the loaded library, e.g. `7.88.1`.
    var version: String {
        // curl_version() reads like "libcurl/7.88.1 OpenSSL/3.0.19 ..."
        let words = String(cString: api.pointee.version()).split(separator: " ")
        return words.first.map { String($0.dropFirst("libcurl/".count)) } ?? ""
    }

    /// The libcurl version vod-mcp was built against, e.g. `7.88.1`: known without loading the library.
    static var buildVersion: String { String(cString: vodmcp_curl_build_version) }
}
