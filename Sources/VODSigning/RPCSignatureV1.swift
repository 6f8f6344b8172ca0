/// Alibaba Cloud RPC signature version 1.0 (HMAC-SHA1), the method VOD documents.
///
/// Every parameter but `Signature` is sorted by code unit, percent-encoded and joined into the canonical query; the
/// string to sign is `METHOD&%2F&encode(canonical)`; the key is the secret followed by `&`.
public enum RPCSignatureV1 {
    /// The common parameters this scheme adds besides the business ones.
    public static let signatureMethod = "HMAC-SHA1"
    public static let signatureVersion = "1.0"

    /// `k=v&...` with sorted, percent-encoded names and values.
    public static func canonicalQuery(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            .map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }
            .joined(separator: "&")
    }

    /// The exact text the server signs and echoes back in `SignatureDoesNotMatch` messages.
    public static func stringToSign(method: String, parameters: [String: String]) -> String {
        method.uppercased() + "&" + PercentEncoding.encode("/") + "&"
            + PercentEncoding.encode(canonicalQuery(parameters))
    }

    /// Base64 HMAC-SHA1 of the string to sign, keyed with `secret + "&"`.
    public static func signature(secret: String, method: String, parameters: [String: String]) -> String {
        sign(secret: secret, stringToSign: stringToSign(method: method, parameters: parameters))
    }

    /// Signs a precomputed string to sign.
    public static func sign(secret: String, stringToSign: String) -> String {
        Digest.hmac(.sha1, key: secret + "&", message: stringToSign).base64String
    }
}
