/// How requests are signed: `v1` = RPC HMAC-SHA1 query signature (default), `v3` = ACS3-HMAC-SHA256 header signature.
public enum SignatureVersion: String, Sendable, CaseIterable {
    case v1
    case v3
}
