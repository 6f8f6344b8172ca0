import Foundation
import Testing

@testable import CurlHTTP

/// Header lines parsed on bytes give the answers of the Foundation code they replaced (kept below as the reference).
struct HTTPHeaderLineTests {
    /// The parsing `CurlTransfer.receiveHeader` did before, with Foundation's trimming.
    static func reference(_ bytes: [UInt8]) -> HTTPHeaderLine {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            return .status(parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            return .field(name: name, value: value)
        }
        return .other
    }

    static func parse(_ bytes: [UInt8]) -> HTTPHeaderLine {
        bytes.withUnsafeBufferPointer { HTTPHeaderLine($0) }
    }

    static let lines: [String] = [
        "HTTP/1.1 200 OK\r\n", "HTTP/2 204\r\n", "HTTP/1.1  404  Not Found\r\n", "HTTP/1.1\r\n", "HTTP/1.1 \r\n",
        " HTTP/1.1 100 Continue\r\n", "HTTP/1.1 +201 Created\r\n", "HTTP/1.1 -5 x\r\n", "HTTP/1.1 2OO OK\r\n",
        "HTTP/1.1 99999999999999999999999 Big\r\n", "HTTP/1.1\t200 OK\r\n", "http/1.1 200 OK\r\n",
        "Content-Length: 123\r\n", "content-length:123\r\n", "Content-Length:\t 42 \t\r\n", "X-Empty:\r\n",
        "X-Empty:   \r\n", ":\r\n", ": value\r\n", "  Leading-Space : v\r\n", "X-Colons: a:b:c\r\n", "\r\n", "\n", "",
        "no colon here\r\n", "X-VT:\u{0B}v\u{0B}\r\n", "X-FF: v\u{0C}\r\n", "X-CR: a\rb\r\n", "\u{0B}X: v\r\n",
        "MiXeD-CaSe: KeepCase\r\n", "X-Date: Sun, 29 Nov 2026 21:00:00 GMT\r\n",
        // Non-ASCII: Unicode spaces at the edges, line separators, combining marks, non-Latin text.
        "X-NBSP:\u{A0}v\u{A0}\r\n", "X-Ideographic:\u{3000}v\u{3000}\r\n", "\u{A0}X-Name\u{A0}: v\r\n",
        "X-LS: v\u{2028}\r\n", "X-NEL: v\u{85}\r\n", "\u{2029}X: v\r\n", "X-Combining: \u{301}v\r\n",
        "X-Colon-Mark:\u{301} v\r\n", "HTTP/1.1 \u{301}200 OK\r\n", "HTTP/1.1 200\u{A0}OK\r\n",
        "X-Unicode: 视频点播\r\n", "Ünïcode-Name: v\r\n", "X-Zero-Width: \u{200B}v\u{200B}\r\n",
        "X-Emoji: 🎬 \r\n", "İ-Dotted: v\r\n",
    ]

    @Test(arguments: lines)
    func matchesTheFoundationParsing(_ line: String) {
        let bytes = Array(line.utf8)
        #expect(Self.parse(bytes) == Self.reference(bytes), "\(line.debugDescription)")
    }

    @Test func invalidUTF8IsRepairedTheSameWay() {
        let cases: [[UInt8]] = [
            Array("X-Bad: ".utf8) + [0xFF, 0xFE] + Array(" \r\n".utf8), [0xC3] + Array(": v\r\n".utf8),
            Array("HTTP/1.1 200 ".utf8) + [0xE2, 0x82], [0xE2, 0x80, 0xA8] + Array("X: v".utf8) + [0x80],
        ]
        for bytes in cases { #expect(Self.parse(bytes) == Self.reference(bytes), "\(bytes)") }
    }

    /// Random lines over an alphabet rich in the characters where the two ways could part.
    @Test func randomLinesMatch() {
        let alphabet: [String] = [
            "H", "T", "P", "/", "1", ".", "2", "0", "a", "Z", ":", " ", " ", "\t", "\r", "\n", "\u{0B}", "\u{0C}",
            "\u{A0}", "\u{3000}", "\u{2028}", "\u{85}", "\u{301}", "é", "视", "🎬", "HTTP/", "+", "-",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let length = Int.random(in: 0...12, using: &generator)
            let line = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let bytes = Array(line.utf8)
            #expect(Self.parse(bytes) == Self.reference(bytes), "\(line.debugDescription)")
        }
    }

    /// The two character classes the non-ASCII path uses agree with Foundation's sets on every scalar.
    @Test func whitespaceClassesAgreeWithFoundationEverywhere() {
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if HTTPHeaderLine.isWhitespace(scalar) != CharacterSet.whitespaces.contains(scalar) {
                disagreements.append("whitespaces U+\(String(value, radix: 16))")
            }
            if HTTPHeaderLine.isWhitespaceOrNewline(scalar) != CharacterSet.whitespacesAndNewlines.contains(scalar) {
                disagreements.append("whitespacesAndNewlines U+\(String(value, radix: 16))")
            }
        }
        #expect(disagreements == [])
    }

    @Test func typicalLines() {
        #expect(Self.parse(Array("HTTP/1.1 200 OK\r\n".utf8)) == .status(200))
        #expect(
            Self.parse(Array("Content-Type:  application/json \r\n".utf8))
                == .field(name: "content-type", value: "application/json"))
        #expect(Self.parse(Array("\r\n".utf8)) == .other)
    }
}
