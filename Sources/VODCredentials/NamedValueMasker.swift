/// Masks the value after a secret-bearing name, exactly as this ICU regular expression (case-insensitive) did with
/// the template `$1$2<redacted>` before the module left the full Foundation:
///
///     (SecurityToken|Signature|AccessKeySecret|x-acs-security-token|sts_token|access_key_secret)
///     (=|%3D|%253D|"?\s*:\s*"?)(?!<redacted>)(.*?)(?=&|%26|%2526|\s|"|,|<|\\n|$)
///
/// The matcher walks the same choices in the same order as ICU's backtracking: the separators in turn, the quotes
/// and spaces of `"?\s*:\s*"?` from longest to shortest, and the value from shortest to longest. It works on
/// Unicode scalars with ICU's meanings: `\s` is the White_Space property (NEL and vertical tab included); `.` stops at the line terminators (LF, VT, FF, CR, NEL, LS, PS); `$` is the end or a line terminator ending the
/// text. Names and escapes are matched without regard to ASCII case (plus ſ and the Kelvin sign, which fold to s
/// and k).
enum NamedValueMasker {
    static let names = [
        "securitytoken", "signature", "accesskeysecret", "x-acs-security-token", "sts_token", "access_key_secret",
    ].map { Array($0.unicodeScalars) }
    static let mask = Array(SecretRedactor.mask.unicodeScalars)

    static func mask(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var copied = 0
        var index = 0
        while index < scalars.count {
            if let value = match(scalars, at: index) {
                out.append(contentsOf: scalars[copied..<value.lowerBound])
                out.append(contentsOf: mask)
                copied = value.upperBound
                index = value.upperBound
            } else {
                index += 1
            }
        }
        guard copied > 0 else { return text }
        out.append(contentsOf: scalars[copied...])
        return String(out)
    }

    /// The range of the value to mask when a match starts at `start`.
    static func match(_ s: [Unicode.Scalar], at start: Int) -> Range<Int>? {
        for name in names where hasPrefix(s, at: start, name) {
            for valueStart in separatorEnds(s, at: start + name.count) {
                if hasPrefix(s, at: valueStart, mask) { continue }
                if let end = valueEnd(s, from: valueStart) { return valueStart..<end }
            }
        }
        return nil
    }

    /// Where `(=|%3D|%253D|"?\s*:\s*"?)` can end, in the order ICU tries them.
    static func separatorEnds(_ s: [Unicode.Scalar], at start: Int) -> [Int] {
        var ends: [Int] = []
        if start < s.count, s[start] == "=" { ends.append(start + 1) }
        if hasPrefix(s, at: start, Array("%3d".unicodeScalars)) { ends.append(start + 3) }
        if hasPrefix(s, at: start, Array("%253d".unicodeScalars)) { ends.append(start + 5) }
        let quoteChoices = start < s.count && s[start] == "\"" ? [start + 1, start] : [start]
        for afterQuote in quoteChoices {
            var colon = afterQuote
            while colon < s.count, isSpace(s[colon]) { colon += 1 }
            guard colon < s.count, s[colon] == ":" else { continue }
            var spacesEnd = colon + 1
            while spacesEnd < s.count, isSpace(s[spacesEnd]) { spacesEnd += 1 }
            for end in stride(from: spacesEnd, through: colon + 1, by: -1) {
                if end < s.count, s[end] == "\"" { ends.append(end + 1) }
                ends.append(end)
            }
        }
        return ends
    }

    /// The shortest `(.*?)` from `start` that the terminator lookahead accepts; `nil` when a line terminator comes
    /// first.
    static func valueEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        var index = start
        while true {
            if isTerminator(s, at: index) { return index }
            if index == s.count || isLineTerminator(s[index]) { return nil }
            index += 1
        }
    }

    /// `(?=&|%26|%2526|\s|"|,|<|\\n|$)` at `index`.
    static func isTerminator(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        if index == s.count { return true }
        let scalar = s[index]
        if scalar == "&" || scalar == "\"" || scalar == "," || scalar == "<" || isSpace(scalar) { return true }
        if hasPrefix(s, at: index, Array("%26".unicodeScalars))
            || hasPrefix(s, at: index, Array("%2526".unicodeScalars))
        {
            return true
        }
        if scalar == "\\", index + 1 < s.count, fold(s[index + 1]) == "n" { return true }
        // `$`: before a line terminator that ends the text (CR LF counting as one).
        if isLineTerminator(scalar) && index == s.count - 1 { return true }
        return scalar == "\r" && index == s.count - 2 && s[index + 1] == "\n"
    }

    /// ICU's `\s`: the Unicode White_Space property.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace
    }

    /// What ICU's `.` does not match.
    static func isLineTerminator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func hasPrefix(_ s: [Unicode.Scalar], at index: Int, _ lowercase: [Unicode.Scalar]) -> Bool {
        guard s.count - index >= lowercase.count else { return false }
        for offset in lowercase.indices where fold(s[index + offset]) != lowercase[offset] { return false }
        return true
    }

    /// Simple case folding as far as the names and escapes need it.
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)!
        case 0x17F: return "s"
        case 0x212A: return "k"
        default: return scalar
        }
    }
}
