internal import COpenSSL
public import FoundationEssentials

/// Hashes and HMACs backed by OpenSSL's EVP interface.
public enum Digest {
    /// The algorithms vod-mcp needs: MD5 (OSS Content-MD5), SHA-1 (RPC V1, OSS V1) and SHA-256 (ACS3).
    public enum Algorithm: Sendable {
        case md5, sha1, sha256

        var evp: OpaquePointer {
            switch self {
            case .md5: return vodmcp_evp_md5()
            case .sha1: return vodmcp_evp_sha1()
            case .sha256: return vodmcp_evp_sha256()
            }
        }
    }

    /// HMAC of `message` under `key`.
    public static func hmac(_ algorithm: Algorithm, key: some DataProtocol, message: some DataProtocol) -> [UInt8] {
        let keyBytes = Array(key)
        let messageBytes = Array(message)
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        keyBytes.withUnsafeBytes { keyBuffer in
            messageBytes.withUnsafeBytes { messageBuffer in
                _ = HMAC(
                    algorithm.evp, keyBuffer.baseAddress, Int32(keyBuffer.count),
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
        private let context: OpaquePointer

        public init(_ algorithm: Algorithm) {
            // EVP_MD_CTX_new only fails when the process is out of memory.
            guard let context = EVP_MD_CTX_new() else { preconditionFailure("EVP_MD_CTX_new failed: out of memory") }
            self.context = context
            EVP_DigestInit_ex(context, algorithm.evp, nil)
        }

        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            EVP_DigestUpdate(context, base, bytes.count)
        }

        public mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        public consuming func finalize() -> [UInt8] {
            var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            EVP_DigestFinal_ex(context, &output, &length)
            return Array(output.prefix(Int(length)))
        }

        deinit { EVP_MD_CTX_free(context) }
    }

    /// Cryptographically secure random bytes.
    public static func randomBytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        if RAND_bytes(&bytes, Int32(count)) != 1 {
            // Fall back to the system generator; never return zeros.
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = UInt8.random(in: .min ... .max, using: &generator) }
        }
        return bytes
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
