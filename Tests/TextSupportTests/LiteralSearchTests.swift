import Foundation
import Testing
import TextSupport

@Suite struct LiteralSearchTests {
    static let cases: [(String, String, String)] = [
        ("line\r\nnext\n", "\n", " "), ("it's o'k", "'", "'\\''"), ("a/b//c", "/", "\\/"), ("%20x%20", "%20", "+"),
        ("none", "zz", "y"), ("", "a", "b"), ("aaa", "aa", "b"), ("😀x😀", "😀", "."), ("&lt;&amp;lt;", "&amp;", "&"),
    ]

    /// Where Foundation's non-literal search declines a match followed by a combining mark, these take it.
    @Test func aMatchBeforeACombiningMarkCounts() {
        #expect("q'\u{301}x".replacingLiterally("'", with: "\\'") == "q\\'\u{301}x")
        #expect("e\u{301}".containsLiterally("e"))
        #expect("q'\u{301}x".replacingOccurrences(of: "'", with: "\\'") == "q'\u{301}x")
    }

    @Test func replacingMatchesFoundation() {
        for (text, target, replacement) in Self.cases {
            #expect(
                text.replacingLiterally(target, with: replacement)
                    == text.replacingOccurrences(of: target, with: replacement), "\(text.debugDescription)")
            #expect(text.containsLiterally(target) == text.contains(target), "\(text.debugDescription)")
            let ours = text.literalRange(of: target).map {
                text.utf8.distance(from: text.startIndex, to: $0.lowerBound)
            }
            let theirs = text.range(of: target).map { text.utf8.distance(from: text.startIndex, to: $0.lowerBound) }
            #expect(ours == theirs, "\(text.debugDescription)")
        }
        #expect("abc".containsLiterally("") == "abc".contains(""))
    }

    @Test func searchingFromAnIndex() {
        let text = "<Code>a</Code><Code>b</Code>"
        let open = text.literalRange(of: "<Code>")!
        let close = text.literalRange(of: "</Code>", from: open.upperBound)!
        #expect(text[open.upperBound..<close.lowerBound] == "a")
        let second = text.literalRange(of: "<Code>", from: close.upperBound)!
        #expect(text.utf8.distance(from: text.startIndex, to: second.lowerBound) == 14)
    }
}
