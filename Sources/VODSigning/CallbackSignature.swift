/// The signature VOD puts on HTTP event callbacks when callback authentication is on.
///
/// `X-VOD-SIGNATURE` is the lowercase hex MD5 of `<callback URL>|<X-VOD-TIMESTAMP>|<auth key>`. The body is not part
/// of it, so a valid signature proves who sent the request and when, not what the body says.
public enum CallbackSignature {
    /// Why a callback was accepted or refused.
    public enum Verdict: String, Sendable, Equatable {
        case valid
        case signatureMismatch = "signature_mismatch"
        case stale
        case malformedTimestamp = "malformed_timestamp"
        case malformedSignature = "malformed_signature"
    }

    /// The expected `X-VOD-SIGNATURE` for a callback URL, timestamp header and key.
    public static func expected(callbackURL: String, timestamp: String, key: String) -> String {
        Digest.hash(.md5, Array("\(callbackURL)|\(timestamp)|\(key)".utf8)).hexString
    }

    /// Checks a received callback. `now` and `maxAgeSeconds` bound how old (or how far ahead) the timestamp may be;
    /// pass `maxAgeSeconds: nil` to skip the age check (for replaying recorded examples).
    public static func verify(
        callbackURL: String, timestamp: String, signature: String, key: String, now: Int64, maxAgeSeconds: Int64?
    ) -> Verdict {
        guard timestamp.count == 10, timestamp.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int64(timestamp)
        else { return .malformedTimestamp }
        let received = signature.lowercased()
        guard received.count == 32, received.allSatisfy({ $0.isHexDigit && $0.isASCII }) else {
            return .malformedSignature
        }
        let want = expected(callbackURL: callbackURL, timestamp: timestamp, key: key)
        // Compare every byte so the time taken does not depend on where the first difference is.
        var difference: UInt8 = 0
        for (left, right) in zip(want.utf8, received.utf8) { difference |= left ^ right }
        guard difference == 0 else { return .signatureMismatch }
        if let maxAgeSeconds, abs(now - seconds) > maxAgeSeconds { return .stale }
        return .valid
    }
}
