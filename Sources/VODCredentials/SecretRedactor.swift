import Foundation

/// Removes secrets from text before it is shown: known secret values (raw and percent-encoded, once or twice), and
/// the values of `SecurityToken`, `Signature`, `AccessKeySecret` and `x-acs-security-token` wherever they appear
/// as `name=value`, `name%3Dvalue`, `name: value` or `"name": "value"`.
public enum SecretRedactor {
    /// The replacement text.
    public static let mask = "<redacted>"

    private static let pattern: NSRegularExpression? = try? NSRegularExpression(
        pattern:
            #"(SecurityToken|Signature|AccessKeySecret|x-acs-security-token|sts_token|access_key_secret)(=|%3D|%253D|"?\s*:\s*"?)(?!<redacted>)(.*?)(?=&|%26|%2526|\s|"|,|<|\\n|$)"#,
        options: [.caseInsensitive])

    /// Returns `text` with every secret masked. `secrets` shorter than 4 characters are ignored (too likely to be words).
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            for form in forms(of: secret) where result.contains(form) {
                result = result.replacingOccurrences(of: form, with: mask)
            }
        }
        guard let pattern else { return result }
        let range = NSRange(result.startIndex..., in: result)
        return pattern.stringByReplacingMatches(
            in: result, range: range, withTemplate: "$1$2" + NSRegularExpression.escapedTemplate(for: mask))
    }

    private static func forms(of secret: String) -> [String] {
        let once = rfc3986(secret)
        let twice = rfc3986(once)
        let form = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? secret
        return Array(Set([secret, once, twice, form, form.replacingOccurrences(of: "%20", with: "+")]))
            .sorted { $0.count > $1.count }
    }

    private static func rfc3986(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-_.~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
