import Foundation
import Testing
import TextSupport
import VODSigning

@testable import VODEmulator

/// The sandbox left the full Foundation (issue 16); these check its replacements against what Foundation answers
/// on this machine, so the sandbox's responses stay byte for byte what they were: JSON read and written as
/// JSONSerialization did, numbers as NSNumber gave them, NSString path operations.
@Suite struct FoundationParityTests {
    /// What the sandbox did before: JSONSerialization with fragments allowed.
    private func foundationParse(_ text: String) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// What the sandbox wrote before: sorted keys, "" for anything JSONSerialization would not take.
    private func foundationText(_ value: Any) -> String {
        guard JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Foundation's tree with the values the sandbox reads: strings, NSNumber answers, structure.
    private func describeFoundation(_ value: Any) -> String {
        switch value {
        case let text as String: return "s(\(text))"
        case let number as NSNumber:
            let kind = String(cString: number.objCType) == "c" ? "b" : "n"
            return "\(kind)(\(number.stringValue)|\(number.int64Value)|\(number.intValue)|\(number.doubleValue))"
        case is NSNull: return "null"
        case let list as [Any]: return "[" + list.map(describeFoundation).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0)=\(describeFoundation(object[$0]!))" }.joined(separator: ",")
                + "}"
        default: return "?"
        }
    }

    private func describeOurs(_ value: Any) -> String {
        switch value {
        case let text as String: return "s(\(text))"
        case let number as JSONNumber:
            if case .bool = number.storage {
                return "b(\(number.stringValue)|\(number.int64Value)|\(number.intValue)|\(number.doubleValue))"
            }
            return "n(\(number.stringValue)|\(number.int64Value)|\(number.intValue)|\(number.doubleValue))"
        case is JSONNull: return "null"
        case let list as [Any]: return "[" + list.map(describeOurs).joined(separator: ",") + "]"
        case let object as [String: Any]:
            return "{" + object.keys.sorted().map { "\($0)=\(describeOurs(object[$0]!))" }.joined(separator: ",")
                + "}"
        default: return "?"
        }
    }

    private func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let theirs = foundationParse(text)
        let ours = JSON.parse(text)
        #expect((theirs == nil) == (ours == nil), "accepted: \(text.debugDescription)", sourceLocation: sourceLocation)
        guard let theirs, let ours else { return }
        #expect(
            describeOurs(ours) == describeFoundation(theirs), "\(text.debugDescription)",
            sourceLocation: sourceLocation)
        #expect(
            JSON.text(of: ours) == foundationText(theirs), "written: \(text.debugDescription)",
            sourceLocation: sourceLocation)
        // How the sandbox prints a setting that is not a string ("\(value)"); dictionaries print in hash order.
        if text.contains("{") {
            #expect(
                "\(ours)".count == "\(theirs)".count, "printed: \(text.debugDescription)",
                sourceLocation: sourceLocation)
        } else {
            #expect("\(ours)" == "\(theirs)", "printed: \(text.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    static let documents: [String] = [
        "", " ", "1", "-1", "-0", "-0.0", "0", "00", "01", "-01", "1.", ".5", "1.5", "1e5", "1E5", "1e+5", "1e-5",
        "1E-05", "1.e5", "1e", "1e+", "-", "--1", "+1", "3.0", "1.0e3", "1e400", "-1e400", "1e-400", "0.1", "1e20",
        "-1e20", "9.3e18", "-9.3e18", "1.9", "-1.9", "18446744073709551615", "18446744073709551616",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
        "123456789012345678901", "1.2345678901234567890", "100000000000000000000.5", "12345678901234567",
        "123456789012345678", "-12345678901234567.5", "1.234567890123456e5", "0.000000000000000001",
        "true", "false", "null", "tru", "nul", "True", "\"x\"", "\"\\u00e9\\n\\t\\/\\b\\f\\r\\\\\\\"\"",
        "\"\\ud83d\\ude00\"", "\"\\ud83d\"", "\"\\ude00\"", "\"\\ud83dx\"", "\"\\u12\"", "\"\\x\"", "\"a\tb\"",
        "\"\u{1}\"", "\"é😀\"", "[]", "{}", "[1,]", "[1,,]", "[,]", "{\"a\":1,}", "{\"a\":1,,}", "{,}", "{\"a\"}",
        "{\"a\":}", "{a:1}", "{\"a\":1 \"b\":2}", "[1 2]", " [ 1 , 2 ] ", "[1]x", "[1] ", "\n\t[\r1]\n",
        "{\"a\":1,\"a\":2}", "{\"b\":[1,{\"c\":null}],\"a\":\"x/y\"}", "[\"\u{FEFF}\"]",
        "[\"a\\n\u{FEFF}b\u{FEFF}\"]", "[\"\u{FEFF}\u{FEFF}\"]", "{\"\u{FEFF}k\":1}", "[\"\\ufeffx\"]", "\u{FEFF}[1]",
        "\u{FEFF}1",
        "[1]\u{0}", "[\u{0}]\u{0}", "1\u{0}", "\u{0}1", "[0]", "[-0]", "[0.5e-3,2E+2]", "[1}", "{\"a\":1]",
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
        String(repeating: "[", count: 512) + "1" + String(repeating: "]", count: 512),
        "{\"Video\":{\"Codec\":\"H.264\",\"Bitrate\":900,\"Fps\":25.0,\"Width\":1280,\"Height\":720},"
            + "\"Container\":{\"Format\":\"mp4\"},\"TransConfig\":{\"IsCheckReso\":true,\"Ratio\":0.5}}",
        "{\"TimeRange\":\"1:3\",\"Fps\":10,\"Width\":null,\"Format\":[\"gif\",1.5,true,null]}",
    ]

    @Test(arguments: documents)
    func jsonReadsAndWritesAsJSONSerialization(text: String) {
        expectSame(text)
    }

    @Test func randomDocumentsMatch() {
        var generator = SystemRandomNumberGenerator()
        let leaves = [
            "1", "-2", "3.25", "1e3", "2E-2", "true", "false", "null", "\"a/b\"", "\"\\u0001\"", "12345678901234567890",
            "0.30000000000000004", "-0.0", "\"日本\"",
        ]
        func value(_ depth: Int) -> String {
            switch depth > 3 ? 0 : Int.random(in: 0..<4, using: &generator) {
            case 1:
                return "["
                    + (0..<Int.random(in: 0..<4, using: &generator)).map { _ in value(depth + 1) }
                    .joined(separator: ",") + "]"
            case 2:
                return "{"
                    + (0..<Int.random(in: 0..<4, using: &generator)).map { _ in
                        "\"\(Self.randomKey(&generator))\":\(value(depth + 1))"
                    }.joined(separator: ",") + "}"
            default: return leaves.randomElement(using: &generator)!
            }
        }
        for _ in 0..<400 { expectSame(value(0)) }
    }

    static func randomKey(_ generator: inout SystemRandomNumberGenerator) -> String {
        let alphabet = Array("aAbBzZ019_-. ")
        return String((0..<Int.random(in: 1...5, using: &generator)).map { _ in alphabet.randomElement()! })
    }

    /// Object keys of template settings are written in Foundation's `.sortedKeys` order (ICU root collation,
    /// numeric, case-insensitive with forced ordering); the ASCII keys the sandbox meets sort the same.
    @Test func keyOrderMatchesSortedKeys() {
        var generator = SystemRandomNumberGenerator()
        var fixed = [
            "Video", "video", "VIDEO", "Width", "Height", "Bitrate", "Fps", "Codec", "Format", "TimeRange", "a9",
            "a09", "a10", "a010", "A9", "_x", "x_", "a-b", "a.b", "a b", "ab", "aB", "Ab", "AB", "1", "10", "9", "01",
            "Crf", "Gop", "Profile", "Samplerate", "Channels", "IsCheckReso", "IsCheckResoFail", "TranscodeTemplateId",
        ]
        for code in 0x20...0x7E { fixed.append(String(UnicodeScalar(UInt8(code)))) }
        for _ in 0..<50 {
            var keys = Set(fixed.shuffled(using: &generator).prefix(12))
            for _ in 0..<12 { keys.insert(Self.randomKey(&generator)) }
            var object: [String: Any] = [:]
            for key in keys { object[key] = JSONNumber(.int(1)) }
            var theirs: [String: Any] = [:]
            for key in keys { theirs[key] = 1 }
            #expect(JSON.text(of: object) == foundationText(theirs))
        }
    }

    @Test(arguments: [
        "a/b/c.mp4", "c.MP4", "/a/b/", "a//b//c.tar.gz", ".hidden", "dir/.hidden", "..", "a/..", "a.", "/", "//", "",
        "a", "/a", "a/", "name.with.dots.m3u8", "sv/x/y.mp4/", "a/b.c/d", "é.mov", "x.\u{301}y",
    ])
    func pathOperationsMatchNSString(path: String) {
        let string = path as NSString
        #expect(PathText.lastComponent(path) == string.lastPathComponent)
        #expect(PathText.pathExtension(path) == string.pathExtension)
        // Foundation traps on a one-character name ("a", "a/"): a precondition in `_startOfLastPathComponent`.
        if !["a", "a/"].contains(path) {
            #expect(PathText.deletingLastComponent(path) == string.deletingLastPathComponent)
        }
    }

    /// Where Foundation trapped (and took the whole server down on a one-character object key), the sandbox now
    /// answers as for any other relative name with one component.
    @Test func oneCharacterNameHasNoFolder() {
        #expect(PathText.deletingLastComponent("a") == "")
        #expect(PathText.deletingLastComponent("a/") == "")
        #expect(PathText.deletingLastComponent("/a") == "/")
    }

    /// The printf formats the sandbox uses (durations, scores, statistics, segment and request ids).
    @Test(arguments: [0.0, 0.05, 0.125, 0.375, 1.005, 2.5, 2.675, 3.14159, 10.0 / 3, 1234567.891, 1e-9, 95.5, -0.5])
    func formatsMatchStringFormat(value: Double) {
        for format in ["%.1f", "%.2f", "%.4f"] {
            #expect(cFormat(format, value) == String(format: format, value), "\(format)")
        }
        let index = Int(value * 1000)
        #expect(cFormat("seg-%05ld.ts", index) == String(format: "seg-%05d.ts", index))
        #expect(cFormat("SANDBOX-%04ld", index) == String(format: "SANDBOX-%04d", index))
        let byte = UInt8(truncatingIfNeeded: index)
        #expect(cFormat("%02x", CUnsignedInt(byte)) == String(format: "%02x", byte))
    }

    @Test(arguments: ["a%20b", "%E6%97%A5", "%zz", "%", "%4", "100%", "%FF", "%00x", "plain", "a+b", "%2B%2f"])
    func percentDecodingMatchesFoundation(text: String) {
        #expect(PercentEncoding.decode(text) == text.removingPercentEncoding)
    }
}
