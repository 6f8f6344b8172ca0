import FoundationEssentials
import TextSupport
import VODSigning

/// A POP error: HTTP status, code and message.
struct RPCFailure: Error, Sendable {
    var status: Int
    var code: String
    var message: String

    static func missing(_ name: String) -> RPCFailure {
        RPCFailure(
            status: 400, code: "MissingParameter",
            message: "The input parameter \"\(name)\" that is mandatory for processing this request is not supplied.")
    }

    static func invalid(_ name: String, _ detail: String = "") -> RPCFailure {
        RPCFailure(
            status: 400, code: "InvalidParameter",
            message: "The specified parameter \"\(name)\" is not valid." + (detail.isEmpty ? "" : " " + detail))
    }

    static func notFound(_ code: String, _ message: String) -> RPCFailure {
        RPCFailure(status: 404, code: code, message: message)
    }
}

/// A call whose signature checked out.
struct AuthenticatedCall: Sendable {
    var action: String
    var version: String
    /// Business parameters only (common and signing parameters removed).
    var parameters: [String: String]
    var signatureVersion: String
}

/// Verifies RPC V1 and ACS3-HMAC-SHA256 requests the way the POP gateway does.
struct RPCGateway: Sendable {
    let store: SandboxStore

    static let commonV1: Set<String> = [
        "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce",
        "Timestamp", "Signature", "SecurityToken", "SignatureType",
    ]

    func authenticate(_ request: IncomingRequest) throws(RPCFailure) -> AuthenticatedCall {
        guard var query = request.queryParameters() else {
            throw RPCFailure(
                status: 400, code: "InvalidParameter", message: "The query string is not valid percent-encoding.")
        }
        let contentType = request.header("content-type")?.lowercased() ?? ""
        if contentType.hasPrefix("application/x-www-form-urlencoded"), !request.body.isEmpty {
            guard let form = IncomingRequest.parseForm(String(decoding: request.body, as: UTF8.self)) else {
                throw RPCFailure(status: 400, code: "InvalidParameter", message: "The form body is not valid.")
            }
            query.merge(form) { first, _ in first }
        }
        if let authorization = request.header("authorization"), authorization.hasPrefix(ACS3Signature.algorithm) {
            return try authenticateV3(request, authorization: authorization, query: query)
        }
        return try authenticateV1(request, parameters: query)
    }

    // MARK: V1

    private func authenticateV1(_ request: IncomingRequest, parameters: [String: String]) throws(RPCFailure)
        -> AuthenticatedCall
    {
        for name in ["AccessKeyId", "Signature", "Timestamp", "SignatureNonce", "Action", "Version"]
        where (parameters[name] ?? "").isEmpty {
            throw RPCFailure.missing(name)
        }
        let accessKeyId = parameters["AccessKeyId"] ?? ""
        let signature = parameters["Signature"] ?? ""
        if let method = parameters["SignatureMethod"], method != RPCSignatureV1.signatureMethod {
            throw RPCFailure.invalid("SignatureMethod", "Only HMAC-SHA1 is supported with signature version 1.0.")
        }
        if let version = parameters["SignatureVersion"], version != RPCSignatureV1.signatureVersion {
            throw RPCFailure.invalid("SignatureVersion", "Only 1.0 is supported.")
        }
        let secret = try secret(for: accessKeyId, token: parameters["SecurityToken"])
        try checkTimestamp(parameters["Timestamp"] ?? "", name: "Timestamp")
        var signed = parameters
        signed["Signature"] = nil
        let stringToSign = RPCSignatureV1.stringToSign(method: request.method, parameters: signed)
        let expected = RPCSignatureV1.sign(secret: secret, stringToSign: stringToSign)
        guard constantTimeEqual(expected, signature) else { throw Self.mismatch(stringToSign) }
        try checkNonce(parameters["SignatureNonce"] ?? "")
        let business = parameters.filter { !Self.commonV1.contains($0.key) }
        return AuthenticatedCall(
            action: parameters["Action"] ?? "", version: parameters["Version"] ?? "", parameters: business,
            signatureVersion: "1.0")
    }

    // MARK: V3

    private func authenticateV3(_ request: IncomingRequest, authorization: String, query: [String: String])
        throws(RPCFailure) -> AuthenticatedCall
    {
        var fields: [String: String] = [:]
        let rest = authorization.dropFirst(ACS3Signature.algorithm.count)
        for part in rest.split(separator: ",") {
            let trimmed = part.trimmingWhitespace()
            guard let equals = trimmed.firstIndex(of: "=") else { continue }
            fields[String(trimmed[..<equals])] = String(trimmed[trimmed.index(after: equals)...])
        }
        guard let accessKeyId = fields["Credential"], !accessKeyId.isEmpty,
            let signedHeaderList = fields["SignedHeaders"], let signature = fields["Signature"]
        else {
            throw RPCFailure(
                status: 400, code: "IncompleteSignature",
                message: "The Authorization header must carry Credential, SignedHeaders and Signature.")
        }
        for name in ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce"]
        where (request.header(name) ?? "").isEmpty {
            throw RPCFailure.missing(name)
        }
        let signedNames = signedHeaderList.split(separator: ";").map { $0.lowercased() }
        let signedSet = Set(signedNames)
        var required = Set(request.headers.map { $0.name.lowercased() }.filter { $0.hasPrefix("x-acs-") })
        required.insert("host")
        if !request.body.isEmpty { required.insert("content-type") }
        if let unsigned = required.subtracting(signedSet).sorted().first {
            throw RPCFailure(
                status: 400, code: "IncompleteSignature",
                message: "The header \"\(unsigned)\" must be listed in SignedHeaders and signed.")
        }
        var headers: [String: String] = [:]
        for name in signedNames {
            let values = request.headerValues(name)
            guard !values.isEmpty else {
                throw RPCFailure(
                    status: 400, code: "IncompleteSignature",
                    message: "SignedHeaders names \"\(name)\", but the request does not carry it.")
            }
            headers[name] = values.map(\.trimmingSpacesAndTabs).sorted().joined(separator: ",")
        }
        let payloadHash = request.header("x-acs-content-sha256") ?? Digest.hash(.sha256, request.body).hexString
        let actualHash = Digest.hash(.sha256, request.body).hexString
        guard payloadHash.lowercased() == actualHash || payloadHash == "UNSIGNED-PAYLOAD" else {
            throw RPCFailure(
                status: 400, code: "InvalidParameter",
                message: "The x-acs-content-sha256 header does not match the SHA-256 of the body.")
        }
        let secret = try secret(for: accessKeyId, token: request.header("x-acs-security-token"))
        try checkTimestamp(request.header("x-acs-date") ?? "", name: "x-acs-date")
        let canonical = ACS3Signature.Request(
            method: request.method, path: PercentEncoding.decode(request.rawPath) ?? request.rawPath, query: query,
            headers: headers, payloadHash: payloadHash)
        let stringToSign = ACS3Signature.stringToSign(canonical)
        let expected = Digest.hmac(.sha256, key: secret, message: stringToSign).hexString
        guard constantTimeEqual(expected, signature.lowercased()) else { throw Self.mismatch(stringToSign) }
        try checkNonce(request.header("x-acs-signature-nonce") ?? "")
        var business = query
        if business["Format"]?.lowercased() == "json" { business["Format"] = nil }
        return AuthenticatedCall(
            action: request.header("x-acs-action") ?? "", version: request.header("x-acs-version") ?? "",
            parameters: business, signatureVersion: "ACS3")
    }

    // MARK: Shared checks

    static func mismatch(_ stringToSign: String) -> RPCFailure {
        RPCFailure(
            status: 400, code: "SignatureDoesNotMatch",
            message: "Specified signature is not matched with our calculation. server string to sign is:"
                + stringToSign)
    }

    private func secret(for accessKeyId: String, token: String?) throws(RPCFailure) -> String {
        if accessKeyId == store.accessKeyId { return store.accessKeySecret }
        guard let issued = store.read({ $0.credentials[accessKeyId] }) else {
            throw RPCFailure.notFound("InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        }
        guard let token, !token.isEmpty else {
            throw RPCFailure(
                status: 400, code: "MissingSecurityToken",
                message: "The STS AccessKey \(accessKeyId) needs its SecurityToken.")
        }
        guard token == issued.securityToken else {
            throw RPCFailure(
                status: 400, code: "InvalidSecurityToken.MismatchWithAccessKey",
                message: "The security token does not belong to the AccessKey ID.")
        }
        guard issued.expiration > store.now() else {
            throw RPCFailure(
                status: 400, code: "InvalidSecurityToken.Expired", message: "Specified SecurityToken is expired.")
        }
        return issued.accessKeySecret
    }

    private func checkTimestamp(_ text: String, name: String) throws(RPCFailure) {
        guard let date = RequestClock.parseISO8601(text) else {
            throw RPCFailure(
                status: 400, code: "InvalidTimeStamp.Format",
                message: "Specified time stamp or date value is not well formatted (\(name): yyyy-MM-ddTHH:mm:ssZ).")
        }
        let skew = abs(date.timeIntervalSince(store.now()))
        if skew > store.configuration.clockSkewLimit.timeInterval {
            throw RPCFailure(
                status: 400, code: "InvalidTimeStamp.Expired",
                message:
                    "Specified time stamp or date value is expired. Server time is \(RequestClock.iso8601(store.now()))."
            )
        }
    }

    private func checkNonce(_ nonce: String) throws(RPCFailure) {
        guard store.useNonce(nonce) else {
            throw RPCFailure(
                status: 400, code: "SignatureNonceUsed", message: "Specified signature nonce was used already.")
        }
    }
}

/// Compares two strings in time independent of where they differ.
func constantTimeEqual(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8)
    let b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}

extension String {
    var trimmingSpacesAndTabs: String { trimming(charactersIn: " \t") }
}
