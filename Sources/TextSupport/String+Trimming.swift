/// Trimming without Foundation's `CharacterSet`, so modules can stay on FoundationEssentials (issue 16: the full
/// Foundation and its ICU tables no longer load at start-up).
extension StringProtocol {
    /// Without leading and trailing spaces and tabs (Unicode horizontal whitespace); line breaks stay. This is what
    /// Foundation's `trimmingCharacters(in: .whitespaces)` removes, U+200B (zero width space) included as Linux
    /// Foundation's set has it.
    public func trimmingWhitespace() -> String {
        trimming { ($0.isWhitespace && !$0.isNewline) || $0 == "\u{200B}" }
    }

    /// Without leading and trailing whitespace of any kind, line breaks included (`.whitespacesAndNewlines`).
    public func trimmingWhitespaceAndNewlines() -> String {
        trimming { $0.isWhitespace || $0 == "\u{200B}" }
    }

    /// Without the leading and trailing characters that appear in `characters`.
    public func trimming(charactersIn characters: String) -> String {
        let set = Set(characters)
        return trimming { set.contains($0) }
    }

    /// Without the leading and trailing characters for which `shouldTrim` holds.
    public func trimming(where shouldTrim: (Character) -> Bool) -> String {
        guard let first = firstIndex(where: { !shouldTrim($0) }) else { return "" }
        let last = lastIndex(where: { !shouldTrim($0) })!
        return String(self[first...last])
    }
}
