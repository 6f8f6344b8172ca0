/// Building and taking apart `vod://docs/...` URIs.
enum DocURI {
    static let prefix = "vod://docs/"
    static let apiPrefix = "vod://docs/api/"
    static let errorsPrefix = "vod://docs/errors/"
    static let apiFolder = "API Reference/"
    static let errorsFolder = "Error Codes/"

    /// The URI of a file at `path` (relative to `llms/`): each segment percent-encoded.
    static func uri(forPath path: String) -> String {
        prefix
            + path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }.joined(
                separator: "/")
    }

    /// RFC 3986 encoding: everything but `A-Z a-z 0-9 - _ . ~` becomes `%XX` (space is `%20`).
    static func encode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// A parsed docs URI: the part after `vod://docs/` (percent-decoded) and the fragment, if any.
    struct Parts: Equatable {
        var path: String
        var fragment: String?
    }

    /// Splits `vod://docs/<path>#<fragment>`; `nil` for any other scheme or a malformed escape.
    static func parse(_ uri: String) -> Parts? {
        guard uri.hasPrefix(prefix) else { return nil }
        var rest = uri.dropFirst(prefix.count)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = percentDecoded(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        guard let path = percentDecoded(rest), !path.isEmpty else { return nil }
        return Parts(path: path, fragment: fragment)
    }

    /// GitHub's anchor for a heading: lowercased, punctuation other than `-` and `_` dropped, spaces to `-`.
    static func slug(_ heading: String) -> String {
        var out = ""
        for character in heading.lowercased() {
            if character == " " {
                out.append("-")
            } else if character == "-" || character == "_" || character.isLetter || character.isNumber {
                out.append(character)
            }
        }
        return out
    }

    /// Foundation's `removingPercentEncoding`: `%XX` escapes decoded (`+` stays), `nil` for a malformed escape or
    /// bytes that are not UTF-8.
    static func percentDecoded(_ text: Substring) -> String? {
        var out: [UInt8] = []
        var bytes = text.utf8[...]
        while let byte = bytes.popFirst() {
            guard byte == UInt8(ascii: "%") else {
                out.append(byte)
                continue
            }
            guard bytes.count >= 2, let high = hexValue(bytes[bytes.startIndex]),
                let low = hexValue(bytes[bytes.index(after: bytes.startIndex)])
            else { return nil }
            out.append(high << 4 | low)
            bytes = bytes.dropFirst(2)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

}
