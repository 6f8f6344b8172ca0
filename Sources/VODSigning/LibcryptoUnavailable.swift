/// OpenSSL's libcrypto could not be loaded (the runtime package is missing or is not OpenSSL 3), so nothing can be
/// hashed or signed.
public struct LibcryptoUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    /// The loader's own words, or the function the library lacks.
    public let reason: String

    /// Stable identifier, in the style of the other error codes.
    public var code: String { "Crypto.LibcryptoUnavailable" }

    public var description: String {
        "OpenSSL's libcrypto could not be loaded (\(reason)); vod-mcp needs it to sign requests and compute digests. "
            + "Install OpenSSL 3's runtime library (Debian/Ubuntu: apt-get install libssl3)."
    }
}
