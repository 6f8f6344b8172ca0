import CurlHTTP
import FoundationEssentials
import TextSupport
import VODCredentials
import VODSigning

/// Builds one signed attempt of a VOD call. Each attempt gets a fresh nonce and timestamp.
struct RequestBuilder {
    static let apiVersion = "2017-03-21"

    let baseURL: String
    let signatureVersion: SignatureVersion
    let userAgent: String
    let clock: RequestClock

    /// A signed request plus what the server should have signed, for `SignatureDoesNotMatch` diagnosis.
    struct Signed {
        var request: HTTPRequest
        var stringToSign: String
        var canonicalRequest: String?
        /// The signature this attempt carries; a secret of its own (it authorises exactly this request).
        var signature: String
    }

    /// `host[:port]` of the base URL, as the `host` header and the V3 signature need it.
    var hostHeader: String {
        guard let url = URL(string: baseURL), let host = url.host else { return baseURL }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return url.port.map { "\(bracketed):\($0)" } ?? bracketed
    }

    func build(
        action: String, method: String, parameters: [String: String], credential: Credential,
        connectTimeout: Duration, timeout: Duration
    ) -> Signed {
        let method = method.uppercased()
        switch signatureVersion {
        case .v1:
            var all = parameters
            all["Action"] = action
            all["Version"] = Self.apiVersion
            all["Format"] = "JSON"
            all["AccessKeyId"] = credential.accessKeyId
            all["SignatureMethod"] = RPCSignatureV1.signatureMethod
            all["SignatureVersion"] = RPCSignatureV1.signatureVersion
            all["SignatureNonce"] = clock.makeNonce()
            all["Timestamp"] = clock.timestamp()
            all.removeValue(forKey: "Signature")
            if let token = credential.securityToken {
                all["SecurityToken"] = token
            } else {
                all.removeValue(forKey: "SecurityToken")
            }
            let stringToSign = RPCSignatureV1.stringToSign(method: method, parameters: all)
            let signature = RPCSignatureV1.sign(secret: credential.accessKeySecret, stringToSign: stringToSign)
            all["Signature"] = signature
            let request = HTTPRequest(
                method: method, url: baseURL + "/?" + RPCSignatureV1.canonicalQuery(all),
                headers: [("Accept", "application/json"), ("User-Agent", userAgent)],
                connectTimeout: connectTimeout, timeout: timeout)
            return Signed(request: request, stringToSign: stringToSign, canonicalRequest: nil, signature: signature)
        case .v3:
            var query = parameters
            query.removeValue(forKey: "SecurityToken")
            var headers = [
                "host": hostHeader, "x-acs-action": action, "x-acs-version": Self.apiVersion,
                "x-acs-date": clock.timestamp(), "x-acs-signature-nonce": clock.makeNonce(),
                "x-acs-content-sha256": ACS3Signature.emptyPayloadHash,
            ]
            if let token = credential.securityToken { headers["x-acs-security-token"] = token }
            let signing = ACS3Signature.Request(method: method, query: query, headers: headers)
            let canonical = ACS3Signature.canonicalRequest(signing)
            let stringToSign = ACS3Signature.stringToSign(signing)
            let authorization = ACS3Signature.authorization(
                accessKeyId: credential.accessKeyId, secret: credential.accessKeySecret, request: signing)
            var list = headers.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
            // `accept` and `user-agent` travel unsigned, so proxies that touch them cannot break the signature.
            list.append((name: "accept", value: "application/json"))
            list.append((name: "authorization", value: authorization))
            list.append((name: "user-agent", value: userAgent))
            let queryString = RPCSignatureV1.canonicalQuery(query)
            let request = HTTPRequest(
                method: method, url: baseURL + "/" + (queryString.isEmpty ? "" : "?" + queryString), headers: list,
                connectTimeout: connectTimeout, timeout: timeout)
            let signature =
                authorization.literalRange(of: "Signature=").map { String(authorization[$0.upperBound...]) } ?? ""
            return Signed(
                request: request, stringToSign: stringToSign, canonicalRequest: canonical, signature: signature)
        }
    }

    /// The request as it would be sent, with placeholders instead of credentials and signature.
    func preview(
        action: String, method: String, parameters: [String: String], region: String, endpointOverride: String?
    )
        -> RequestPreview
    {
        let method = method.uppercased()
        let keyPlaceholder = "<AccessKeyId>"
        var headers: [(name: String, value: String)]
        var url: String
        switch signatureVersion {
        case .v1:
            var all = parameters
            all.removeValue(forKey: "SecurityToken")
            all["Action"] = action
            all["Version"] = Self.apiVersion
            all["Format"] = "JSON"
            all["SignatureMethod"] = RPCSignatureV1.signatureMethod
            all["SignatureVersion"] = RPCSignatureV1.signatureVersion
            all["Timestamp"] = clock.timestamp()
            let encoded = RPCSignatureV1.canonicalQuery(all)
            url =
                baseURL + "/?AccessKeyId=\(keyPlaceholder)&" + encoded
                + "&SignatureNonce=<SignatureNonce>&Signature=<redacted>"
            headers = [("Accept", "application/json"), ("User-Agent", userAgent)]
        case .v3:
            var query = parameters
            query.removeValue(forKey: "SecurityToken")
            let queryString = RPCSignatureV1.canonicalQuery(query)
            url = baseURL + "/" + (queryString.isEmpty ? "" : "?" + queryString)
            headers = [
                ("accept", "application/json"), ("host", hostHeader), ("x-acs-action", action),
                ("x-acs-content-sha256", ACS3Signature.emptyPayloadHash), ("x-acs-date", clock.timestamp()),
                ("x-acs-signature-nonce", "<SignatureNonce>"), ("x-acs-version", Self.apiVersion),
                (
                    "authorization",
                    "\(ACS3Signature.algorithm) Credential=\(keyPlaceholder),SignedHeaders=host;x-acs-action;"
                        + "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=<redacted>"
                ),
                ("user-agent", userAgent),
            ]
        }
        var cli = "aliyun vod \(action)"
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) where name != "SecurityToken" {
            cli += " --\(name) \(Self.shellQuote(value))"
        }
        if let endpointOverride {
            cli += " --endpoint \(Self.shellQuote(endpointOverride))"
        } else {
            cli += " --region \(Self.shellQuote(region))"
        }
        return RequestPreview(method: method, url: url, headers: headers, cliCommand: cli)
    }

    static func shellQuote(_ value: String) -> String {
        let safe = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "-_.,:/@=+".unicodeScalars.contains($0)
        }
        if safe && !value.isEmpty { return value }
        return "'" + value.replacingLiterally("'", with: "'\\''") + "'"
    }
}
