internal import COpenSSL

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// OpenSSL's libcrypto, opened by the first digest or HMAC instead of linked into the binary.
///
/// Start-up then maps no libcrypto (about 3 MB resident), and a session that never signs or hashes never loads it.
/// `shared` is the process's copy; Swift runs a static's initialiser exactly once even when several threads make
/// their first digest at the same moment. Random bytes do not need it (`Digest.randomBytes` reads the kernel's
/// generator), so nothing on the start path loads it.
final class CryptoLibrary: @unchecked Sendable {
    /// The resolved functions; lives as long as the process (never written after loading).
    let api: UnsafePointer<vodmcp_crypto>

    private init(api: UnsafePointer<vodmcp_crypto>) {
        self.api = api
    }

    /// The library every digest uses.
    static let shared: Result<CryptoLibrary, LibcryptoUnavailable> = load(name: sharedName)

    /// `libcrypto.so.3`, or the name in `VOD_MCP_TEST_LIBCRYPTO`: a test hook (not in `--help`) that lets a test run
    /// the binary as if the runtime package were missing.
    static var sharedName: String {
        if let name = getenv("VOD_MCP_TEST_LIBCRYPTO"), name.pointee != 0 { return String(cString: name) }
        return String(cString: vodmcp_crypto_default_library)
    }

    /// Opens `name` and resolves what we call; a failure names the problem and the fix.
    static func load(name: String) -> Result<CryptoLibrary, LibcryptoUnavailable> {
        var error = [CChar](repeating: 0, count: 512)
        let loaded = error.withUnsafeMutableBufferPointer { buffer in
            vodmcp_crypto_load(name, buffer.baseAddress!, buffer.count)
        }
        guard let loaded else {
            let reason = error.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            return .failure(LibcryptoUnavailable(reason: reason))
        }
        return .success(CryptoLibrary(api: loaded))
    }

    /// The shared library's functions, or the end of the process with the reason and the fix on stderr.
    ///
    /// `Digest`'s functions cannot throw (signers, sandbox etags and session seals call them from non-throwing code
    /// in six modules); `VODClient.call`, the way every signed request starts, calls `Digest.requireLibrary()` first,
    /// which throws instead, so a missing libcrypto becomes that call's error.
    static var sharedAPI: UnsafePointer<vodmcp_crypto> {
        switch shared {
        case .success(let library): return library.api
        // fatalError, not preconditionFailure: its message is printed in release builds too.
        case .failure(let error): fatalError(error.description)
        }
    }

    /// The version of the loaded library, e.g. `3.0.19`.
    var version: String {
        // OpenSSL_version(OPENSSL_VERSION) reads like "OpenSSL 3.0.19 27 Jan 2026".
        let words = String(cString: api.pointee.version(OPENSSL_VERSION)).split(separator: " ")
        return words.count > 1 ? String(words[1]) : ""
    }

    /// The OpenSSL version vod-mcp was built against, e.g. `3.0.19`: known without loading the library.
    static var buildVersion: String { String(cString: vodmcp_crypto_build_version) }
}
