/// ACS3-HMAC-SHA256, the header signature the current official SDKs send by default.
public enum ACS3Signature {
    public static let algorithm = "ACS3-HMAC-SHA256"
    /// SHA-256 of the empty body, the payload hash of every VOD RPC call.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The parts of a request that the signature covers.
    public struct Request: Sendable {
        public var method: String
        public var path: String
        public var query: [String: String]
        /// Headers to sign; names are lowercased when canonicalized.
        public var headers: [String: String]
        public var payloadHash: String

        public init(
            method: String, path: String = "/", query: [String: String], headers: [String: String],
            payloadHash: String = ACS3Signature.emptyPayloadHash
        ) {
            self.method = method
            self.path = path
            self.query = query
            self.headers = headers
            self.payloadHash = payloadHash
        }
    }

    /// Sorted, `;`-joined lowercase header names.
    public static func signedHeaders(_ request: Request) -> String {
        request.headers.keys.map { $0.lowercased() }.sorted().joined(separator: ";")
    }

    /// The canonical request text.
    public static func canonicalRequest(_ request: Request) -> String {
        let query = request.query.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
        let headers = request.headers.map { ($0.key.lowercased(), $0.value.trimmingSpaces) }
            .sorted { $0.0 < $1.0 }
            .map { "\($0.0):\($0.1)\n" }
            .joined()
        return [request.method.uppercased(), request.path, query, headers, signedHeaders(request), request.payloadHash]
            .joined(separator: "\n")
    }

    /// `ACS3-HMAC-SHA256\n<hex sha256 of the canonical request>`.
    public static func stringToSign(_ request: Request) -> String {
        algorithm + "\n" + Digest.hash(.sha256, Array(canonicalRequest(request).utf8)).hexString
    }

    /// Lowercase hex HMAC-SHA256 keyed with the plain secret.
    public static func signature(secret: String, request: Request) -> String {
        Digest.hmac(.sha256, key: secret, message: stringToSign(request)).hexString
    }

    /// The full `Authorization` header value.
    public static func authorization(accessKeyId: String, secret: String, request: Request) -> String {
        "\(algorithm) Credential=\(accessKeyId),SignedHeaders=\(signedHeaders(request)),Signature=\(signature(secret: secret, request: request))"
    }
}

extension String {
    var trimmingSpaces: String {
        var slice = Substring(self)
        while slice.first == " " || slice.first == "\t" { slice = slice.dropFirst() }
        while slice.last == " " || slice.last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
