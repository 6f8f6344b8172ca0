import Foundation
import Testing
import VODCredentials

/// `SecretRedactor` left the full Foundation (issue 16): its `NSRegularExpression` became a hand-written matcher and
/// `addingPercentEncoding` a scalar loop. These tests run the old code (kept here, where Foundation may be used)
/// and the new side by side over fixed and pseudo-random text.
@Suite struct RedactorParityTests {
    /// The redactor as it was, on Foundation.
    enum FoundationRedactor {
        static let pattern = try! NSRegularExpression(
            pattern:
                #"(SecurityToken|Signature|AccessKeySecret|x-acs-security-token|sts_token|access_key_secret)(=|%3D|%253D|"?\s*:\s*"?)(?!<redacted>)(.*?)(?=&|%26|%2526|\s|"|,|<|\\n|$)"#,
            options: [.caseInsensitive])

        static func redact(_ text: String, secrets: [String] = []) -> String {
            var result = text
            for secret in secrets where secret.count >= 4 {
                for form in forms(of: secret) where result.contains(form) {
                    result = result.replacingOccurrences(of: form, with: "<redacted>")
                }
            }
            let range = NSRange(result.startIndex..., in: result)
            return pattern.stringByReplacingMatches(
                in: result, range: range, withTemplate: "$1$2" + NSRegularExpression.escapedTemplate(for: "<redacted>"))
        }

        static func forms(of secret: String) -> [String] {
            let once = rfc3986(secret)
            let twice = rfc3986(once)
            let form = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
            return Array(Set([secret, once, twice, form, form.replacingOccurrences(of: "%20", with: "+")]))
                .sorted { $0.count > $1.count }
        }

        static func rfc3986(_ text: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-_.~")
            return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
        }
    }

    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "Signature", "signature", "SIGNATURE", "SecurityToken", "x-acs-security-token", "STS_TOKEN", "sts_token",
        "access_key_secret", "AccessKeySecret", "\u{17F}ignature", "Method", "Nonce", "=", "=", "%3D", "%3d",
        "%253D", "\"", "\"", ":", ":", " ", " ", "  ", "\t", "&", "%26", "%2526", ",", "<", "<redacted>",
        "<REDACTED>", "\\n", "\\N", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{A0}",
        "\u{3000}", "\u{1680}", "\u{200B}", "\u{1C}", "abc", "x", "9", "é", "e\u{301}", "😀", "{", "}", "/", "+",
    ]

    @Test func namedValuesAreMaskedAsTheRegularExpressionDid() {
        var generator = SplitMix(state: 2024)
        for _ in 0..<6000 {
            let count = Int.random(in: 1...14, using: &generator)
            let text = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            #expect(SecretRedactor.redact(text) == FoundationRedactor.redact(text), "\(text.debugDescription)")
        }
        for text in [
            #""Signature": "<redacted>""#, "Signature: <redacted>", "SignatureMethod=HMAC-SHA1&SignatureNonce=n",
            "a Signature=abc\u{0B}def", "Signature=abc\u{0B}", "Signature=abc\r\n", #"{"AccessKeySecret" :  "v"}"#,
            "x-acs-security-token:\u{3000}tok en", "Signature=", "sts_token=%2526rest", "",
        ] {
            #expect(SecretRedactor.redact(text) == FoundationRedactor.redact(text), "\(text.debugDescription)")
        }
    }

    @Test func secretsInEveryEncodingAreMaskedAsBefore() {
        let secrets = ["CAIS+tok/en==", "s3cr3t value", "sécret~中文/?", "abc", "with%20percent", "a+b c"]
        var generator = SplitMix(state: 7)
        for secret in secrets {
            for form in FoundationRedactor.forms(of: secret) {
                for _ in 0..<50 {
                    let count = Int.random(in: 0...6, using: &generator)
                    var parts = (0..<count).map { _ in Self.pieces.randomElement(using: &generator)! }
                    parts.insert(form, at: Int.random(in: 0...parts.count, using: &generator))
                    let text = parts.joined()
                    #expect(
                        SecretRedactor.redact(text, secrets: [secret])
                            == FoundationRedactor.redact(text, secrets: [secret]), "\(text.debugDescription)")
                }
            }
        }
    }
}

@Suite struct PercentEncodedParityTests {
    @Test(arguments: ["CAIS+tok/en==", "s3cr3t value", "sécret~中文/?", "with%20percent", "a+b c", "ÀÉ😀\u{301}", ""])
    func encodesAsFoundationDoes(text: String) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        #expect(
            SecretRedactor.percentEncoded(text, keeping: "-_.~")
                == text.addingPercentEncoding(withAllowedCharacters: allowed))
        #expect(
            SecretRedactor.percentEncoded(text, keeping: "")
                == text.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
    }
}
