import CurlHTTP
import FoundationEssentials
import TextSupport
import VODAPI
import VODSigning

/// Signed OSS requests against one upload address (OSS signature V1 with the STS token).
struct OSSClient: Sendable {
    let address: UploadAddress
    let transport: any HTTPTransport
    let clock: RequestClock
    /// Timeout of one request that carries a body (a part or a whole small file).
    let transferTimeout: Duration

    /// `scheme://bucket.host/key`, or `scheme://host/bucket/key` when the endpoint host is an IP address or localhost.
    var objectURL: String {
        let encodedKey = PercentEncoding.encodePath(address.key)
        guard let components = URLComponents(string: address.endpoint), let scheme = components.scheme,
            let host = components.host
        else {
            return address.endpoint + "/" + address.bucket + "/" + encodedKey
        }
        let port = components.port.map { ":\($0)" } ?? ""
        if Self.usesPathStyle(host: host) {
            let shown = host.contains(":") ? "[\(host)]" : host
            return "\(scheme)://\(shown)\(port)/\(address.bucket)/\(encodedKey)"
        }
        return "\(scheme)://\(address.bucket).\(host)\(port)/\(encodedKey)"
    }

    /// Path style for IPv4/IPv6 literals and `localhost`; virtual-host style otherwise.
    static func usesPathStyle(host: String) -> Bool {
        let lower = host.lowercased().trimming(charactersIn: "[]")
        if lower == "localhost" || lower.hasSuffix(".localhost") || lower.contains(":") { return true }
        let parts = lower.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Sends one signed request; a non-2xx answer becomes `UploadError.oss`.
    func send(
        _ method: String, query: [(String, String)] = [], contentType: String = "", body: HTTPBody = .empty,
        auth: UploadAuth, progress: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws(UploadError) -> HTTPResponse {
        let date = clock.httpDate()
        var headers: [(name: String, value: String)] = [("Date", date), ("x-oss-security-token", auth.securityToken)]
        if !contentType.isEmpty { headers.append(("Content-Type", contentType)) }
        let signed = OSSSignatureV1.Request(
            method: method, bucket: address.bucket, key: address.key, contentType: contentType, date: date,
            headers: ["x-oss-security-token": auth.securityToken],
            query: Dictionary(query, uniquingKeysWith: { _, last in last }))
        let authorization = OSSSignatureV1.authorization(
            accessKeyId: auth.accessKeyId, secret: auth.accessKeySecret, request: signed)
        headers.append(("Authorization", authorization))
        // What OSS (or anything posing as it) sends back is masked against the token, the secret and this signature.
        let signature = authorization.split(separator: ":").last.map(String.init) ?? ""
        let redactor = EndpointRedactor(secrets: [auth.securityToken, auth.accessKeySecret, signature])
        var url = objectURL
        if !query.isEmpty {
            url +=
                "?"
                + query.map { $0.1.isEmpty ? $0.0 : "\($0.0)=\(PercentEncoding.encode($0.1))" }.joined(separator: "&")
        }
        let carriesData: Bool
        switch body {
        case .file, .descriptor: carriesData = true
        case .empty, .bytes: carriesData = false
        }
        let request = HTTPRequest(
            method: method, url: url, headers: headers, body: body,
            timeout: carriesData ? transferTimeout : .seconds(60))
        let response: HTTPResponse
        do {
            response = try await transport.send(request, progress: progress)
        } catch {
            if case .cancelled = error { throw .cancelled(resumable: false) }
            if case .fileUnreadable(let path, let reason) = error { throw .fileNotFound(path: path, reason: reason) }
            throw .network(code: error.code, message: redactor.redact(error.description))
        }
        guard (200..<300).contains(response.status) else {
            let text = String(decoding: response.body.prefix(8192), as: UTF8.self)
            let code = redactor.redact(XMLText.element("Code", in: text) ?? "HTTP.\(response.status)")
            let message = XMLText.element("Message", in: text) ?? "OSS answered HTTP \(response.status)"
            throw .oss(
                code: code, message: redactor.redact("\(code): \(message) (OSS \(method))"),
                requestId: redactor.redact(
                    XMLText.element("RequestId", in: text) ?? response.headers["x-oss-request-id"]),
                httpStatus: response.status)
        }
        return response
    }
}

/// Just enough XML reading for OSS answers (flat, known element names).
enum XMLText {
    static func element(_ name: String, in text: String) -> String? {
        guard let start = text.literalRange(of: "<\(name)>"),
            let end = text.literalRange(of: "</\(name)>", from: start.upperBound)
        else { return nil }
        return unescape(String(text[start.upperBound..<end.lowerBound]))
    }

    static func elements(_ name: String, in text: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.literalRange(of: "<\(name)>"),
            let end = rest.literalRange(of: "</\(name)>", from: start.upperBound)
        {
            result.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }

    static func unescape(_ text: String) -> String {
        text.replacingLiterally("&quot;", with: "\"").replacingLiterally("&apos;", with: "'")
            .replacingLiterally("&lt;", with: "<").replacingLiterally("&gt;", with: ">")
            .replacingLiterally("&amp;", with: "&")
    }
}
