import TextSupport

/// A failed VOD call: an API error, a transport failure (`Network.*`) or a credential problem (`Credentials.*`).
/// Every text field is redacted: no secret, token or signature survives into it.
public struct VODAPIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The API's `Code` (e.g. `InvalidVideo.NotFound`), or `Network.*` / `Credentials.*` / `Response.*`.
    public var code: String
    public var message: String
    public var httpStatus: Int?
    public var requestId: String?
    public var hostId: String?
    /// The troubleshooting URL some gateways add.
    public var recommend: String?
    /// Whether repeating the same call later is safe and may succeed.
    public var retryable: Bool
    /// Attempts made before giving up.
    public var attempts: Int
    /// For `SignatureDoesNotMatch`: which part of the server's string to sign differs from ours.
    public var signatureDiff: String?

    public init(
        code: String, message: String, httpStatus: Int? = nil, requestId: String? = nil, hostId: String? = nil,
        recommend: String? = nil, retryable: Bool = false, attempts: Int = 1, signatureDiff: String? = nil
    ) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.requestId = requestId
        self.hostId = hostId
        self.recommend = recommend
        self.retryable = retryable
        self.attempts = attempts
        self.signatureDiff = signatureDiff
    }

    public var description: String {
        var details: [String] = []
        if let httpStatus { details.append("HTTP \(httpStatus)") }
        if let requestId { details.append("RequestId \(requestId)") }
        if attempts > 1 { details.append("\(attempts) attempts") }
        var text = message.hasPrefix(code) ? message : "\(code): \(message)"
        if !details.isEmpty { text += " (\(details.joined(separator: ", ")))" }
        if let signatureDiff { text += " Signature check: \(signatureDiff)" }
        if let recommend { text += " See \(recommend)" }
        return text.replacingLiterally("\n", with: " ")
    }
}
