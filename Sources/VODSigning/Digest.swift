internal import COpenSSL
public import FoundationEssentials

/// Hashes and HMACs backed by OpenSSL's EVP interface, from libcrypto opened on the first use (`CryptoLibrary`).
///
/// These functions cannot throw: when libcrypto cannot be loaded they end the process naming the fix. A caller that
/// can report an error instead calls `requireLibrary()` before its first digest.
public enum Digest {
    /// The algorithms vod-mcp needs: MD5 (OSS Content-MD5), SHA-1 (RPC V1, OSS V1) and SHA-256 (ACS3).
    public enum Algorithm: Sendable {
        case md5, sha1, sha256

        func evp(_ api: UnsafePointer<vodmcp_crypto>) -> OpaquePointer {
            switch self {
            case .md5: return api.pointee.md5()
            case .sha1: return api.pointee.sha1()
            case .sha256: return api.pointee.sha256()
            }
        }
    }

    /// Loads libcrypto if it is not loaded yet; throws, naming the package to install, when it cannot be.
    public static func requireLibrary() throws(LibcryptoUnavailable) {
        _ = try CryptoLibrary.shared.get()
    }

    /// HMAC of `message` under `key`.
    public static func hmac(_ algorithm: Algorithm, key: some DataProtocol, message: some DataProtocol) -> [UInt8] {
        let api = CryptoLibrary.sharedAPI
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBytes { messageBuffer in
                _ = api.pointee.hmac(
                    algorithm.evp(api), keyBuffer.baseAddress, Int32(keyBuffer.count),
                    messageBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBuffer.count,
                    &output, &length)
            }
        }
        return Array(output.prefix(Int(length)))
    }

    /// HMAC of a UTF-8 string under a UTF-8 key.
    public static func hmac(_ algorithm: Algorithm, key: String, message: String) -> [UInt8] {
        hmac(algorithm, key: Array(key.utf8), message: Array(message.utf8))
    }

    /// One-shot digest.
    public static func hash(_ algorithm: Algorithm, _ data: some DataProtocol) -> [UInt8] {
        var hasher = Hasher(algorithm)
        hasher.update(Array(data))
        return hasher.finalize()
    }

    /// Streaming digest for data that does not fit in memory (upload parts).
    public struct Hasher: ~Copyable {
        private let api: UnsafePointer<vodmcp_crypto>
        private let context: OpaquePointer

        public init(_ algorithm: Algorithm) {
            let api = CryptoLibrary.sharedAPI
            // EVP_MD_CTX_new only fails when the process is out of memory.
            guard let context = api.pointee.md_ctx_new() else {
                preconditionFailure("EVP_MD_CTX_new failed: out of memory")
            }
            self.api = api
            self.context = context
            _ = api.pointee.digest_init_ex(context, algorithm.evp(api), nil)
        }

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            _ = api.pointee.digest_update(context, base, bytes.count)
        }

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        public consuming func finalize() -> [UInt8] {
            var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            _ = api.pointee.digest_final_ex(context, &output, &length)
            return Array(output.prefix(Int(length)))
        }

        deinit { api.pointee.md_ctx_free(context) }
    }

    /// Cryptographically secure random bytes from the kernel (`getrandom(2)` on Linux, `arc4random` on Darwin,
    /// through the standard library's `SystemRandomNumberGenerator`). Not OpenSSL's generator: random bytes are
    /// drawn at start-up (session seals, confirmation tokens), which must not load libcrypto.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }
}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in self {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Standard Base64.
    public var base64String: String { Data(self).base64EncodedString() }
}
