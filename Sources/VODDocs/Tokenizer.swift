/// Splits text into lowercase search terms. The same rules apply to pages and queries.
///
/// A run of letters and digits is one term; a CamelCase run (`GetVideoInfo`) also yields its parts (`get`, `video`,
/// `info`), so both the exact Action name and plain words find it. A trailing plural `s` is dropped.
enum Tokenizer {
    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in",
        "is", "it", "of", "on", "or", "the", "this", "to", "what", "when", "which", "with", "you", "your",
    ]

    /// All terms of `text`, in order, stop words removed.
    static func terms(_ text: String) -> [String] {
        var result: [String] = []
        var run: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                run.append(scalar)
            } else if !run.isEmpty {
                emit(run, into: &result)
                run.removeAll(keepingCapacity: true)
            }
        }
        if !run.isEmpty { emit(run, into: &result) }
        return result
    }

    /// Letters and digits; ASCII is decided without a Unicode property lookup, which dominates index build time.
    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x30 && value <= 0x39)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    private static func emit(_ run: [Unicode.Scalar], into result: inout [String]) {
        let whole = normalize(run)
        if !stopWords.contains(whole) { result.append(whole) }
        let parts = camelParts(run)
        guard parts.count > 1 else { return }
        for part in parts {
            let term = normalize(part)
            if !stopWords.contains(term), term != whole { result.append(term) }
        }
    }

    private static func normalize<S: Sequence<Unicode.Scalar>>(_ scalars: S) -> String {
        var string = ""
        var ascii = true
        for scalar in scalars {
            if scalar.value >= 0x41 && scalar.value <= 0x5A {
                string.unicodeScalars.append(Unicode.Scalar(UInt8(scalar.value + 0x20)))
            } else {
                ascii = ascii && scalar.isASCII
                string.unicodeScalars.append(scalar)
            }
        }
        return stem(ascii ? string : string.lowercased())
    }

    /// Drops a plural `s` (`uploads` → `upload`) but keeps `ss`, `us`, `is` endings and short words.
    static func stem(_ word: String) -> String {
        let bytes = word.utf8
        guard bytes.count > 3, bytes.last == UInt8(ascii: "s") else { return word }
        let before = bytes[bytes.index(bytes.endIndex, offsetBy: -2)]
        guard before != UInt8(ascii: "s"), before != UInt8(ascii: "u"), before != UInt8(ascii: "i") else { return word }
        return String(word.dropLast())
    }

    /// Splits at lower→upper (`videoInfo`), at the last capital of an acronym (`URLUpload` → `URL`, `Upload`),
    /// and between letters and digits.
    static func camelParts(_ run: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var parts: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        guard run.count > 1 else { return [run[...]] }
        for index in 1..<run.count {
            let previous = kind(run[index - 1])
            let current = kind(run[index])
            let next = index + 1 < run.count ? kind(run[index + 1]) : .other
            let boundary =
                (previous == .lower && current == .upper)
                || (previous == .upper && current == .upper && next == .lower)
                || ((previous == .digit) != (current == .digit))
            if boundary {
                parts.append(run[start..<index])
                start = index
            }
        }
        if start < run.count { parts.append(run[start...]) }
        return parts
    }

    private enum Kind { case lower, upper, digit, other }

    @inline(__always)
    private static func kind(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x61...0x7A: return .lower
        case 0x41...0x5A: return .upper
        case 0x30...0x39: return .digit
        case 0..<0x80: return .other
        default:
            let properties = scalar.properties
            if properties.isUppercase { return .upper }
            if properties.isLowercase { return .lower }
            return properties.numericType != nil ? .digit : .other
        }
    }
}
