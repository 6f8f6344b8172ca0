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
        func flush() {
            guard !run.isEmpty else { return }
            emit(run, into: &result)
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                run.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return result
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
        string.unicodeScalars.append(contentsOf: scalars)
        return stem(string.lowercased())
    }

    /// Drops a plural `s` (`uploads` → `upload`) but keeps `ss`, `us`, `is` endings and short words.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.hasSuffix("s"), !word.hasSuffix("ss"), !word.hasSuffix("us"), !word.hasSuffix("is")
        else { return word }
        return String(word.dropLast())
    }

    /// Splits at lower→upper (`videoInfo`), at the last capital of an acronym (`URLUpload` → `URL`, `Upload`),
    /// and between letters and digits.
    static func camelParts(_ run: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var parts: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for index in 1..<max(run.count, 1) {
            let previous = run[index - 1].properties
            let current = run[index].properties
            let next = index + 1 < run.count ? run[index + 1].properties : nil
            let boundary =
                (previous.isLowercase && current.isUppercase)
                || (previous.isUppercase && current.isUppercase && (next?.isLowercase ?? false))
                || ((previous.numericType != nil) != (current.numericType != nil))
            if boundary {
                parts.append(run[start..<index])
                start = index
            }
        }
        if start < run.count { parts.append(run[start...]) }
        return parts
    }
}
