import TextSupport

/// Picks the line of a section that best shows why it matched.
enum Snippet {
    static let maxLength = 240

    /// The line with the most distinct query terms (earliest wins a tie), cleaned of markdown markers.
    static func best(in text: String, terms: Set<String>) -> String {
        var bestLine: Substring?
        var bestCount = 0
        var firstContent: Substring?
        for line in text.split(separator: "\n") {
            let content = clean(line)
            if content.isEmpty || content.hasPrefix("```") || content.hasPrefix("~~~")
                || line.drop(while: { $0 == " " }).hasPrefix("#")
                || isTableRule(content)
            {
                continue
            }
            if firstContent == nil { firstContent = content }
            guard !terms.isEmpty else { break }
            let count = Set(Tokenizer.terms(String(content))).intersection(terms).count
            if count > bestCount {
                bestCount = count
                bestLine = content
            }
        }
        guard let line = bestLine ?? firstContent else { return "" }
        return shorten(line, around: terms)
    }

    /// Removes list, quote and table markers and squeezes runs of spaces.
    static func clean(_ line: Substring) -> Substring {
        var content = line.trimmingWhitespace()
        while let first = content.first, "-*>|".contains(first) { content = content.dropFirst().trimmingWhitespace() }
        while content.last == "|" { content = content.dropLast().trimmingWhitespace() }
        return content
    }

    static func isTableRule(_ line: Substring) -> Bool {
        line.allSatisfy { "-:| ".contains($0) }
    }

    /// Markdown inline syntax removed: `[text](target)` becomes `text`; `**`, `__` and backticks go.
    static func plain(_ line: Substring) -> String {
        var out = ""
        var rest = line
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let afterOpen = rest[rest.index(after: open)...]
            if let close = afterOpen.literalRange(of: "]("),
                let end = afterOpen[close.upperBound...].firstIndex(of: ")")
            {
                out += afterOpen[..<close.lowerBound]
                rest = afterOpen[afterOpen.index(after: end)...]
            } else {
                out += "["
                rest = afterOpen
            }
        }
        out += rest
        return out.replacingLiterally("**", with: "").replacingLiterally("__", with: "").replacingLiterally(
            "`", with: "")
    }

    /// Cuts a long line to a window that starts shortly before the first matching word.
    static func shorten(_ line: Substring, around terms: Set<String>) -> String {
        let squeezed = plain(line).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard squeezed.count > maxLength else { return squeezed }
        let words = squeezed.split(separator: " ")
        let firstHit = words.firstIndex { !Set(Tokenizer.terms(String($0))).isDisjoint(with: terms) } ?? 0
        var start = max(words.startIndex, firstHit - 5)
        if start < words.startIndex + 1 { start = words.startIndex }
        var out = start > words.startIndex ? "… " : ""
        for word in words[start...] {
            if out.count + word.count + 1 > maxLength {
                out += "…"
                break
            }
            out += word + " "
        }
        return String(out.hasSuffix(" ") ? out.dropLast() : Substring(out))
    }
}
