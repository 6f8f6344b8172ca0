/// OSS header signature V1, used to upload with the STS credential from an UploadAuth.
///
/// `VERB\nContent-MD5\nContent-Type\nDate\n` + sorted `x-oss-*` headers + `/bucket/key` (raw key) + sorted
/// sub-resources; HMAC-SHA1 keyed with the plain secret, Base64.
public enum OSSSignatureV1 {
    /// Query names that are part of the canonical resource; all others are ignored by OSS when signing.
    public static let subresources: Set<String> = [
        "acl", "uploads", "location", "cors", "logging", "website", "referer", "lifecycle", "delete", "append",
        "tagging",
        "objectMeta", "uploadId", "partNumber", "security-token", "position", "img", "style", "styleName",
        "replication",
        "replicationProgress", "replicationLocation", "cname", "bucketInfo", "comp", "qos", "live", "status", "vod",
        "startTime", "endTime", "symlink", "x-oss-process", "response-content-type", "response-content-language",
        "response-expires", "response-cache-control", "response-content-disposition", "response-content-encoding",
        "udf", "udfName", "udfImage", "udfId", "udfImageDesc", "udfApplication", "udfApplicationLog", "restore",
        "callback", "callback-var", "policy", "stat", "encryption", "versions", "versioning", "versionId", "sequential",
        "continuation-token", "regionList", "cloudboxes", "x-oss-ac-source-ip", "x-oss-ac-subnet-mask",
        "x-oss-ac-vpc-id",
        "x-oss-ac-forward-allow", "metaQuery", "resourceGroup", "rtc", "x-oss-async-process", "responseHeader",
    ]

    /// The parts of an OSS request that the signature covers.
    public struct Request: Sendable {
        public var method: String
        public var bucket: String
        public var key: String
        public var contentMD5: String
        public var contentType: String
        /// RFC 1123 date, or the `Expires` number for presigned URLs.
        public var date: String
        /// All request headers; only `x-oss-*` ones are signed.
        public var headers: [String: String]
        /// Query parameters; only sub-resources are signed. An empty value signs as the bare name.
        public var query: [String: String]

        public init(
            method: String, bucket: String, key: String, contentMD5: String = "", contentType: String = "",
            date: String, headers: [String: String] = [:], query: [String: String] = [:]
        ) {
            self.method = method
            self.bucket = bucket
            self.key = key
            self.contentMD5 = contentMD5
            self.contentType = contentType
            self.date = date
            self.headers = headers
            self.query = query
        }
    }

    /// The text OSS signs (and echoes in its `SignatureDoesNotMatch` error as `StringToSign`).
    public static func stringToSign(_ request: Request) -> String {
        let ossHeaders = request.headers
            .map { ($0.key.lowercased(), $0.value) }
            .filter { $0.0.hasPrefix("x-oss-") }
            .sorted { $0.0 < $1.0 }
            .map { "\($0.0):\($0.1)\n" }
            .joined()
        var resource = "/"
        if !request.bucket.isEmpty { resource += request.bucket + "/" + request.key }
        let sub = request.query.filter { subresources.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { $0.value.isEmpty ? $0.key : "\($0.key)=\($0.value)" }
        if !sub.isEmpty { resource += "?" + sub.joined(separator: "&") }
        return [request.method.uppercased(), request.contentMD5, request.contentType, request.date].joined(
            separator: "\n")
            + "\n" + ossHeaders + resource
    }

    /// Base64 HMAC-SHA1 of the string to sign, keyed with the plain secret.
    public static func signature(secret: String, request: Request) -> String {
        Digest.hmac(.sha1, key: secret, message: stringToSign(request)).base64String
    }

    /// The `Authorization` header value: `OSS <id>:<signature>`.
    public static func authorization(accessKeyId: String, secret: String, request: Request) -> String {
        "OSS \(accessKeyId):\(signature(secret: secret, request: request))"
    }
}
