import Foundation
import Testing
import TextSupport

@Suite struct TextSupportTests {
    @Test(arguments: [
        " a b ", "\t x\t", "none", "   ", "", " line\n", "\u{00A0}nbsp\u{2003}", "\u{200B}zw\u{200B}",
        "\u{85}nel\u{2028}",
    ])
    func trimmingMatchesFoundation(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimming(charactersIn: " \t") == text.trimmingCharacters(in: CharacterSet(charactersIn: " \t")))
    }

    /// Every Unicode scalar, alone: trimmed away by both or by neither.
    @Test func everyScalarTrimsAsFoundationDoes() {
        var differences: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            if text.trimmingWhitespace().isEmpty != text.trimmingCharacters(in: .whitespaces).isEmpty
                || text.trimmingWhitespaceAndNewlines().isEmpty
                    != text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                differences.append("U+" + String(value, radix: 16, uppercase: true))
            }
        }
        #expect(differences.isEmpty, "\(differences.prefix(20))")
    }

    @Test func trimmingASubstring() {
        let line = "key:  value \r\n"
        let value = line[line.index(after: line.firstIndex(of: ":")!)...]
        #expect(value.trimmingWhitespaceAndNewlines() == "value")
        #expect("[::1]".trimming(charactersIn: "[]") == "::1")
    }

    @Test func formattingMatchesFoundation() {
        #expect(cFormat("%.2f", 3.14159) == String(format: "%.2f", 3.14159))
        #expect(cFormat("%05ld", 42) == String(format: "%05d", 42))
        #expect(cFormat("%08x", UInt32(0xBEEF)) == String(format: "%08x", UInt32(0xBEEF)))
        #expect(cFormat("\\u%04x", UInt32(0x1F)) == "\\u001f")
        #expect(cFormat("%04ld-%02ld-%02ldT%02ld", 2026, 1, 2, 3) == "2026-01-02T03")
    }

    @Test func formattingBeyondTheFirstBuffer() {
        let long = cFormat("%0200ld", 7)
        #expect(long.count == 200)
        #expect(long.hasSuffix("07") && long.hasPrefix("000"))
    }
}
