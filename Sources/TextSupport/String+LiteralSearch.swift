/// Search and replace by exact UTF-8 code units. Like Foundation's `range(of:)`, `contains(_:)` and
/// `replacingOccurrences(of:with:)`, a match may start inside a grapheme cluster (the `\n` of `\r\n`), where the
/// standard library's Character-based `replacing(_:with:)` and `firstRange(of:)` miss it. Unlike Foundation, a match
/// followed by a combining mark counts too (a quote followed by U+0301 is still a quote to a shell).
extension StringProtocol {
    /// The first occurrence of `target` at or after `start` (default: the start of the string).
    public func literalRange(of target: some StringProtocol, from start: Index? = nil) -> Range<Index>? {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return nil }
        var index = start ?? startIndex
        while index < endIndex {
            guard let hit = utf8[index...].firstIndex(of: first) else { return nil }
            if utf8[hit...].starts(with: needle) {
                return hit..<utf8.index(hit, offsetBy: needle.count)
            }
            index = utf8.index(after: hit)
        }
        return nil
    }

    /// Whether `target` occurs anywhere, matched by code units (never for an empty `target`, as in Foundation).
    public func containsLiterally(_ target: some StringProtocol) -> Bool {
        literalRange(of: target) != nil
    }

    /// Every occurrence of `target`, left to right and not overlapping, replaced by `replacement`.
    public func replacingLiterally(_ target: some StringProtocol, with replacement: some StringProtocol) -> String {
        let needle = Array(target.utf8)
        guard let first = needle.first else { return String(self) }
        var out: [UInt8] = []
        var found = false
        var index = utf8.startIndex
        var copied = index
        while let hit = utf8[index...].firstIndex(of: first) {
            if utf8[hit...].starts(with: needle) {
                out.append(contentsOf: utf8[copied..<hit])
                out.append(contentsOf: replacement.utf8)
                index = utf8.index(hit, offsetBy: needle.count)
                copied = index
                found = true
            } else {
                index = utf8.index(after: hit)
            }
        }
        guard found else { return String(self) }
        out.append(contentsOf: utf8[copied...])
        return String(decoding: out, as: UTF8.self)
    }
}
