/// Removes secrets from text before it is shown: known secret values (raw and percent-encoded, once or twice), and
/// the values of `SecurityToken`, `Signature`, `AccessKeySecret` and `x-acs-security-token` wherever they appear
/// as `name=value`, `name%3Dvalue`, `name: value` or `"name": "value"`.
public enum SecretRedactor {
    /// The replacement text.
    public static let mask = "<redacted>"

    /// Returns `text` with every secret masked. `secrets` shorter than 4 characters are ignored (too likely to be words).
    public static func redact(_ text: String, secrets: [String] = []) -> String {
        var result = text
        for secret in secrets where secret.count >= 4 {
            for form in forms(of: secret) {
                result = replacingEvery(form, in: result)
            }
        }
        return NamedValueMasker.mask(result)
    }

    private static func forms(of secret: String) -> [String] {
        let once = percentEncoded(secret, keeping: "-_.~")
        let twice = percentEncoded(once, keeping: "-_.~")
        let form = percentEncoded(secret, keeping: "")
        return Array(Set([secret, once, twice, form, form.replacing("%20", with: "+")])).sorted { $0.count > $1.count }
    }

    /// `text` with every occurrence of `form` (as UTF-8 bytes, left to right, not overlapping) replaced by the mask.
    private static func replacingEvery(_ form: String, in text: String) -> String {
        let needle = Array(form.utf8)
        let haystack = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= haystack.count else { return text }
        var out: [UInt8] = []
        var index = 0
        var found = false
        while index < haystack.count {
            if haystack[index] == needle[0], haystack.count - index >= needle.count,
                haystack[index..<index + needle.count].elementsEqual(needle)
            {
                out.append(contentsOf: mask.utf8)
                index += needle.count
                found = true
            } else {
                out.append(haystack[index])
                index += 1
            }
        }
        return found ? String(decoding: out, as: UTF8.self) : text
    }

    /// Foundation's `addingPercentEncoding(withAllowedCharacters:)` with `.alphanumerics` plus `extra` (ASCII), as
    /// it behaves on Linux: ASCII letters and digits and `extra` stay, every other UTF-8 byte (so every non-ASCII
    /// character, letters included) becomes an uppercase `%XX`.
    public static func percentEncoded(_ text: String, keeping extra: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let kept = Set(extra.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                out.append(byte)
            default:
                if byte < 0x80 && kept.contains(byte) {
                    out.append(byte)
                } else {
                    out.append(contentsOf: [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
