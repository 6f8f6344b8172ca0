import Foundation
import Testing

@testable import MCPCore

/// MCPCore left the full Foundation for FoundationEssentials; where it replaced a Foundation API by its own code, the
/// answers must stay Foundation's.
@Suite struct EssentialsParityTests {
    @Test func percentEncodingMatchesFoundationsAlphanumericsPlusUnreserved() {
        var unreserved = CharacterSet.alphanumerics
        unreserved.insert(charactersIn: "-_.~")
        var random = SplitMix64(seed: 0x5EED_0004)
        var samples = [
            "", "abcXYZ019-_.~", "a b+/=?&%#", "é", "e\u{301}", "日本", "١٢٣", "Ⅻ", "ß", "😀", "a\u{0}b", "\u{7F}\u{80}",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ]
        for _ in 0..<500 { samples.append(random.string()) }
        for text in samples {
            #expect(Redactor.percentEncoded(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved))
        }
    }

    @Test func taskTimestampsMatchISO8601DateFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var random = SplitMix64(seed: 0x5EED_0005)
        var dates = [
            Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1.999), Date(timeIntervalSince1970: -1.5),
        ]
        for _ in 0..<500 { dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4e9, using: &random))) }
        for date in dates {
            #expect(RequestTimestamp.iso8601(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func taskIdDigitsMatchPrintf() {
        for value: UInt32 in [0, 1, 0xF, 0x10, 0xABCDEF, 0x0FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000] {
            #expect(TaskStore.hex8(value) == String(format: "%08x", value))
        }
    }
}
