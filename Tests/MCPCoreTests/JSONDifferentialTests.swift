import Foundation
import Testing

@testable import MCPCore

/// The direct parser and writer against what JSONValue used before them: JSONDecoder decoding a JSONValue through its
/// Codable conformance, and JSONEncoder with `[.sortedKeys, .withoutEscapingSlashes]` (`.prettyPrinted` added for
/// `prettyString()`). Random values and mutated texts come from a seeded generator, so a failure repeats.
@Suite struct JSONDifferentialTests {
    // MARK: Writing

    @Test func randomValuesEncodeToJSONEncodersBytes() throws {
        var random = SplitMix64(seed: 0x5EED_0001)
        for round in 0..<3000 {
            let value = random.value(depth: 0)
            let expected = try referenceEncoded(value, pretty: false)
            #expect(value.encoded() == expected, "round \(round): \(String(decoding: expected, as: UTF8.self))")
            if round % 3 == 0 {
                let pretty = try referenceEncoded(value, pretty: true)
                #expect(value.prettyString() == String(decoding: pretty, as: UTF8.self), "round \(round)")
            }
        }
    }

    @Test func edgeValuesEncodeToJSONEncodersBytes() throws {
        let doubles: [Double] = [
            1.0, -1.0, 0.1, 1e20, 1e+21, 1e16, 1e15, 123_456_789.0, 0x1p53 + 2, -0.0, 0.0, .leastNonzeroMagnitude,
            2.2250738585072014e-308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1.5, 100, 1e-7, 0.000001,
            .nan, .infinity, -.infinity, 3.141592653589793, 1 / 3.0, 9.223372036854775807e18,
        ]
        let strings = [
            "", "/", "a/b", "\"", "\\", "\u{0}", "\u{1}", "\u{8}", "\u{9}", "\u{A}", "\u{B}", "\u{C}", "\u{D}", "\u{F}",
            "\u{10}", "\u{1F}", "\u{7F}", "\u{80}", "\u{2028}\u{2029}", "é", "e\u{301}", "日本語", "😀", "\u{FEFF}x",
            "</script>", "line\nbreak",
        ]
        var values: [JSONValue] = doubles.map(JSONValue.double) + strings.map(JSONValue.string)
        values += [.int(.min), .int(.max), .int(0), .int(-1), .int(9_007_199_254_740_993), .array([]), .object([:])]
        values += [
            .object(Dictionary(strings.enumerated().map { ($1, .int(Int64($0))) }, uniquingKeysWith: { a, _ in a }))
        ]
        values += [.array([.array([]), .object([:]), .array([.object([:])])])]
        for value in values {
            #expect(value.encoded() == (try referenceEncoded(value, pretty: false)), "\(value)")
            #expect(value.prettyString() == String(decoding: try referenceEncoded(value, pretty: true), as: UTF8.self))
        }
    }

    /// JSONEncoder's `.sortedKeys` outside Apple platforms is the byte order of the keys' UTF-8, not String order.
    @Test func keysSortAsJSONEncoderSortsThem() throws {
        let keys = [
            "a", "B", "b", "_", "aa", "a1", "a10", "a2", "A", "Z", "z", "é", "e\u{301}", "f", "\u{7F}", "日本", "😀",
            "", " ", "~", "ÿ", "\u{FFFD}", "Ω", "\u{10FFFF}", "1", "10", "9",
        ]
        let value = JSONValue.object(
            Dictionary(keys.map { ($0, JSONValue.null) }, uniquingKeysWith: { first, _ in first }))
        #expect(value.encoded() == (try referenceEncoded(value, pretty: false)))
    }

    @Test func nestingAtTheEncodersLimit() throws {
        for depth in [510, 511, 512, 600] {
            var value: JSONValue = 1
            for level in 0..<depth { value = level % 2 == 0 ? [value] : ["k": value] }
            let reference = (try? referenceEncoded(value, pretty: false)) ?? Data("null".utf8)
            #expect(value.encoded() == reference, "depth \(depth)")
        }
    }

    // MARK: Parsing

    @Test func encodedRandomValuesParseAsJSONDecoderParsesThem() throws {
        var random = SplitMix64(seed: 0x5EED_0002)
        for round in 0..<2000 {
            let text = try referenceEncoded(random.value(depth: 0, finiteOnly: true), pretty: round % 2 == 0)
            let reference = try JSONDecoder().decode(JSONValue.self, from: text)
            let parsed = try JSONValue.parse(text)
            #expect(identical(parsed, reference), "round \(round): \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func mutatedTextsAreAcceptedAndRefusedAsJSONDecoderDoes() {
        var random = SplitMix64(seed: 0x5EED_0003)
        var accepted = 0
        var refused = 0
        var trailingCommas = 0
        for round in 0..<20000 {
            let seed = random.seedText()
            // Every tenth text gets a comma before its last closing bracket: the one place the two differ on purpose.
            let text = round % 10 == 0 ? Self.withTrailingComma(seed) : random.mutate(seed)
            let data = Data(text)
            let reference = try? JSONDecoder().decode(JSONValue.self, from: data)
            let parsed = try? JSONValue.parse(text)
            switch (reference, parsed) {
            case (let reference?, let parsed?):
                accepted += 1
                #expect(identical(parsed, reference), "round \(round): \(show(text))")
            case (nil, nil):
                refused += 1
            case (.some, nil) where Self.hasTrailingComma(text):
                trailingCommas += 1  // RFC 8259 refuses it; JSONDecoder let it through (see JSONParser)
            default:
                let verdicts = (reference == nil ? "refused" : "accepted", parsed == nil ? "refused" : "accepted")
                Issue.record("round \(round): JSONDecoder \(verdicts.0), parse \(verdicts.1): \(show(text))")
            }
        }
        // Both outcomes must be well represented, or the comparison proves little.
        #expect(accepted > 3000)
        #expect(refused > 3000)
        #expect(trailingCommas > 200)
    }

    @Test func namedEdgeCases() throws {
        let cases: [(String, JSONValue?)] = [
            ("0", .int(0)), ("-0", .int(0)), ("1.0", .int(1)), ("1e2", .int(100)), ("1E+2", .int(100)),
            ("-0.0", .int(0)), ("0.1e1", .int(1)), ("1.5", .double(1.5)), ("1e-2", .double(0.01)),
            ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
            ("9223372036854775808", .double(0x1p63)),
            ("-9223372036854775809", .double(-0x1p63)),
            ("9007199254740993", .int(9_007_199_254_740_993)), ("9007199254740993.0", .int(9_007_199_254_740_993)),
            ("1e18", .int(1_000_000_000_000_000_000)), ("1e19", .double(1e19)),
            ("1.0000000000000001", .int(1)), ("5e-324", .double(.leastNonzeroMagnitude)), ("1e400", nil),
            ("-1e400", nil),
            ("1e-400", .int(0)), ("-1e-400", .int(0)), ("1.5e-400", .int(0)), ("0e-400", .int(0)), ("0.0e999", .int(0)),
            ("123456789012345678901234567890", .double(1.2345678901234568e29)),
            ("01", nil), ("-01", nil), ("+1", nil), (".5", nil), ("1.", nil), ("1.e5", nil), ("1e", nil), ("1e+", nil),
            ("-", nil), ("--1", nil), ("0x10", nil), ("1_000", nil), ("Infinity", nil), ("NaN", nil),
            ("\"a\"", "a"), ("\"\\u0041\"", "A"), ("\"\\ud83d\\ude00\"", "😀"), ("\"\\uD800\"", nil),
            ("\"\\uDC00\"", nil),
            ("\"\\uD800\\u0041\"", nil), ("\"\\uD800x\"", nil), ("\"\\u12\"", nil), ("\"\\x\"", nil),
            ("\"\\u0000\"", "\u{0}"),
            ("\"a\tb\"", nil), ("\"a\u{7F}b\"", "a\u{7F}b"), ("\"\u{2028}\"", "\u{2028}"), ("\"\\/\"", "/"),
            ("\"unterminated", nil), ("{\"a\":1,\"a\":2}", ["a": 1]), ("{\"a\":1,\"a\":x}", nil),
            ("{\"a\" : 1 }", ["a": 1]),
            (" \t\r\n[1] \n", [1]), ("[1] x", nil), ("[1]]", nil), ("", nil), ("   ", nil), ("nul", nil),
            ("truex", nil),
            ("{1:2}", nil), ("{\"a\"}", nil), ("{\"a\":}", nil), ("[,1]", nil), ("[1,,2]", nil), ("\u{FEFF}[1]", [1]),
            ("[\"\u{FEFF}\"]", ["\u{FEFF}"]), ("[1]\u{FEFF}", nil), ("\u{FEFF}", nil), ("{\"é\":1}", ["é": 1]),
            ("[true,false,null]", [true, false, nil]), ("[True]", nil),
            ("884733207775977759.648", .double(884_733_207_775_977_759.648)),
            ("9007199254740993.000000000000000000000", .int(9_007_199_254_740_993)),
            ("18446744073709551615e-2", .int(184_467_440_737_095_516)),
            ("9007199254740993.5", .int(9_007_199_254_740_993)),
            ("18446744073709551616e-3", .double(18_446_744_073_709_551.616)),
        ]
        for (text, expected) in cases {
            let parsed = try? JSONValue.parse(text)
            let reference = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            let shown = show(Array(text.utf8))
            #expect((parsed != nil) == (expected != nil), "\(shown)")
            if let parsed, let expected { #expect(identical(parsed, expected), "\(shown)") }
            #expect((parsed != nil) == (reference != nil), "JSONDecoder disagrees on \(shown)")
            if let parsed, let reference { #expect(identical(parsed, reference), "\(shown)") }
        }
    }

    @Test func randomNumberTextsReadAsJSONDecoderReadsThem() {
        var random = SplitMix64(seed: 0x5EED_0006)
        for _ in 0..<20000 {
            let text = random.numberText()
            let reference = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            let parsed = try? JSONValue.parse(text)
            #expect((parsed != nil) == (reference != nil), "\(text)")
            if let parsed, let reference { #expect(identical(parsed, reference), "\(text)") }
        }
    }

    /// The one deliberate difference: JSONDecoder accepts a trailing comma, RFC 8259 (and this parser) does not.
    @Test func trailingCommasAreRefusedUnlikeJSONDecoder() {
        for text in ["[1,]", "[1,2 , ]", #"{"a":1,}"#, "[[1,],2]", "{\"a\":[{},]}"] {
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) != nil, "\(text)")
            #expect(throws: JSONParseError.self, "\(text)") { try JSONValue.parse(text) }
        }
    }

    @Test func invalidUTF8IsRefused() {
        let texts: [[UInt8]] = [
            [0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x5B, 0x80, 0x5D], [0x22, 0x61, 0xE2, 0x82, 0x22],
        ]
        for text in texts {
            #expect(throws: JSONParseError.self, "\(show(text))") { try JSONValue.parse(text) }
            #expect((try? JSONDecoder().decode(JSONValue.self, from: Data(text))) == nil, "\(show(text))")
        }
        // The error names the offending byte.
        #expect(throws: JSONParseError("invalid UTF-8 in a string", at: 3)) {
            try JSONValue.parse([0x22, 0x61, 0x62, 0xFF, 0x22])
        }
    }

    @Test func utf16AndUTF32TextsAreReadAsJSONDecoderReadsThem() throws {
        let text = #"{"a":[1,"é😀"]}"#
        let utf16 = Array(text.utf16)
        let encodings: [[UInt8]] = [
            utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
            utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            [0xFE, 0xFF] + utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] },
            [0xFF, 0xFE] + utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] },
            text.unicodeScalars.flatMap { scalar in (0..<4).reversed().map { UInt8(scalar.value >> ($0 * 8) & 0xFF) } },
            text.unicodeScalars.flatMap { scalar in (0..<4).map { UInt8(scalar.value >> ($0 * 8) & 0xFF) } },
            [0x31, 0x00], [0x00, 0x31], [0xEF, 0xBB, 0xBF, 0x31],
        ]
        for bytes in encodings {
            let reference = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
            let parsed = try? JSONValue.parse(Data(bytes))
            #expect(reference != nil, "\(show(bytes))")
            #expect(parsed == reference, "\(show(bytes))")
        }
    }

    @Test func nestingIsBoundedAsJSONDecoderBoundsIt() {
        for depth in [512, 513, 5000, 100_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let parsed = try? JSONValue.parse(text)
            #expect((parsed != nil) == (depth <= 512), "depth \(depth)")
            if depth <= 5000 {
                let reference = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
                #expect((reference != nil) == (depth <= 512), "depth \(depth)")
            }
        }
        #expect(throws: JSONParseError("arrays and objects nested deeper than 512 levels", at: 512)) {
            try JSONValue.parse(String(repeating: "[", count: 5000))
        }
    }

    @Test func errorsNameTheProblemAndTheByte() {
        let cases: [(String, String)] = [
            ("", "empty input: expected a JSON value at byte 0"),
            ("[1,]", "unexpected character ']': expected a value at byte 3"),
            (#"{"a" 1}"#, "unexpected character '1' in an object: expected ':' after the key at byte 5"),
            ("[1 2]", "unexpected character '2' in an array: expected ',' or ']' at byte 3"),
            ("{} x", "unexpected character 'x' after the JSON value at byte 3"),
            ("01", "a number must not have a leading zero at byte 1"),
            (#""\uD800""#, #"unpaired surrogate \uD800: a low surrogate escape must follow at byte 1"#),
            ("\"a\nb\"", #"control character 0x0A in a string (escape it, e.g. \u000A) at byte 2"#),
            ("1e999", "number 1e999 is out of range at byte 0"),
            (#"{"a":"#, "unexpected end of input: expected a value at byte 5"),
            ("\u{FEFF}x", "unexpected character 'x': expected a value at byte 3"),
        ]
        for (text, message) in cases {
            do {
                _ = try JSONValue.parse(text)
                Issue.record("\(show(Array(text.utf8))) was accepted")
            } catch {
                #expect("\(error)" == message)
            }
        }
    }

    // MARK: Helpers

    private func referenceEncoded(_ value: JSONValue, pretty: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Equal, with doubles compared by bit pattern (so -0.0 is not 0.0) and kinds kept apart.
    private func identical(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.double(let a), .double(let b)): return a.bitPattern == b.bitPattern
        case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
        case (.object(let a), .object(let b)):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { identical(value, $0) } ?? false }
        default: return left == right
        }
    }

    static func withTrailingComma(_ text: [UInt8]) -> [UInt8] {
        guard let last = text.lastIndex(where: { $0 == 0x5D || $0 == 0x7D }), last > 0, text[last - 1] != 0x5B,
            text[last - 1] != 0x7B
        else { return text }
        var bytes = text
        bytes.insert(0x2C, at: last)
        return bytes
    }

    /// Whether a `,` outside strings is followed (after whitespace) by `]` or `}`.
    static func hasTrailingComma(_ text: [UInt8]) -> Bool {
        var inString = false
        var escaped = false
        var afterComma = false
        for byte in text {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22:
                inString = true
                afterComma = false
            case 0x2C: afterComma = true
            case 0x5D, 0x7D: if afterComma { return true }
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: afterComma = false
            }
        }
        return false
    }

    private func show(_ bytes: [UInt8]) -> String {
        String(validating: bytes, as: UTF8.self).map { $0.debugDescription }
            ?? bytes.map { String($0, radix: 16) }.description
    }
}

/// A small seeded generator (SplitMix64) of JSON values and of texts with mistakes in them.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static let keyPool = [
        "a", "b", "A", "Z", "id", "jsonrpc", "method", "params", "_meta", "a1", "a10", "a2", "é", "e\u{301}", "日本",
        "😀", "", " ", "/", "\"", "\\", "\u{7F}", "\u{1}", "\u{2028}", "Ω", "VideoId", "videoId",
    ]
    private static let scalarPool: [Unicode.Scalar] = [
        "a", "z", "A", "0", " ", "/", "\"", "\\", "\u{0}", "\u{8}", "\u{9}", "\u{A}", "\u{C}", "\u{D}", "\u{1F}",
        "\u{7F}", "\u{80}", "é", "\u{301}", "\u{2028}", "\u{2029}", "\u{FEFF}", "日", "😀", "\u{10FFFF}", "<", "&",
    ]

    mutating func value(depth: Int, finiteOnly: Bool = false) -> JSONValue {
        let kind = Int.random(in: 0..<(depth >= 4 ? 5 : 8), using: &self)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &self))
        case 2: return .int(integer())
        case 3: return .double(double(finiteOnly: finiteOnly))
        case 4: return .string(string())
        case 5, 6:
            return .array(
                (0..<Int.random(in: 0...5, using: &self)).map { _ in value(depth: depth + 1, finiteOnly: finiteOnly) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &self) {
                let key = Bool.random(using: &self) ? Self.keyPool.randomElement(using: &self)! : string()
                members[key] = value(depth: depth + 1, finiteOnly: finiteOnly)
            }
            return .object(members)
        }
    }

    mutating func integer() -> Int64 {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return Int64.random(in: -10...10, using: &self)
        case 1:
            return [Int64.min, .max, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, 1_000_000].randomElement(using: &self)!
        case 2: return Int64(bitPattern: next())
        default: return Int64.random(in: -100_000...100_000, using: &self)
        }
    }

    mutating func double(finiteOnly: Bool) -> Double {
        switch Int.random(in: 0..<7, using: &self) {
        case 0:
            let special: [Double] = [
                0.1, 1e20, 1e21, -0.0, .leastNonzeroMagnitude, 1e16, 1.0, 2.5, 1e-7, 123_456.789, 0x1p53,
            ]
            return special.randomElement(using: &self)!
        case 1 where !finiteOnly: return [Double.nan, .infinity, -.infinity].randomElement(using: &self)!
        case 2:
            let bits = Double(bitPattern: next())
            return bits.isFinite ? bits : 1.5
        case 3: return Double(Int.random(in: -1_000_000...1_000_000, using: &self))
        default: return Double.random(in: -1000...1000, using: &self)
        }
    }

    mutating func string() -> String {
        var text = ""
        for _ in 0..<Int.random(in: 0...8, using: &self) {
            if Int.random(in: 0..<3, using: &self) == 0 {
                text.unicodeScalars.append(Self.scalarPool.randomElement(using: &self)!)
            } else {
                text.unicodeScalars.append(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &self)))
            }
        }
        return text
    }

    /// A number literal near the places where integers and doubles part: many digits, fractions of zeros,
    /// exponents that move the point across 2^53, 2^63 and 2^64, and sometimes a grammar mistake.
    mutating func numberText() -> String {
        func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &self))) })
        }
        var text = Bool.random(using: &self) ? "-" : ""
        let whole = Int.random(in: 0...4, using: &self) == 0 ? "0" : String(Int.random(in: 1...9, using: &self))
        text += whole == "0" ? "0" : whole + digits(Int.random(in: 0...24, using: &self))
        if Bool.random(using: &self) {
            let zeros = Int.random(in: 0...2, using: &self) == 0
            let count = Int.random(in: 1...8, using: &self)
            text += "." + (zeros ? String(repeating: "0", count: count) : digits(count))
        }
        if Int.random(in: 0...2, using: &self) == 0 {
            text += ["e", "E", "e+", "e-"].randomElement(using: &self)! + String(Int.random(in: 0...25, using: &self))
        }
        if Int.random(in: 0...15, using: &self) == 0 {
            var bytes = Array(text.utf8)
            bytes.insert(
                [UInt8(ascii: "0"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "+")].randomElement(
                    using: &self)!,
                at: Int.random(in: 0...bytes.count, using: &self))
            text = String(decoding: bytes, as: UTF8.self)
        }
        return text
    }

    private static let snippets = [
        #"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"GetVideoInfo","arguments":{"VideoId":"abc"}}}"#,
        #"[1, -2.5e+3, 0.0, 1E2, "x\u0041\n", true, false, null, {"a": []}]"#,
        #"{"a":"\ud83d\ude00","b":"\/","c":[[],{}],"d":-0,"e":1.0,"f":9223372036854775807}"#,
        #""\"\\\/\b\f\n\r\t\u00e9""#, "123", "-0.000e-0", "1e308", "[ ]", "{ }",
    ]
    private static let alphabet: [UInt8] =
        Array(#"{}[],:"\ 0123456789eE+-.tfnulrsa/u"#.utf8) + [
            0x00, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xC3, 0xA9, 0xED, 0xFF, 0xEF, 0xBB, 0xBF,
        ]

    mutating func seedText() -> [UInt8] {
        if Bool.random(using: &self) { return Array(Self.snippets.randomElement(using: &self)!.utf8) }
        let value = value(depth: 1, finiteOnly: true)
        return Array(value.encodedString().utf8)
    }

    mutating func mutate(_ text: [UInt8]) -> [UInt8] {
        var bytes = text
        for _ in 0..<Int.random(in: 1...2, using: &self) {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &self)
            switch Int.random(in: 0..<6, using: &self) {
            case 0 where !bytes.isEmpty: bytes.remove(at: position)
            case 1: bytes.insert(Self.alphabet.randomElement(using: &self)!, at: position)
            case 2 where !bytes.isEmpty: bytes[position] = Self.alphabet.randomElement(using: &self)!
            case 3 where !bytes.isEmpty: bytes = Array(bytes[..<position])
            case 4 where bytes.count > 2:
                let end = min(bytes.count, position + Int.random(in: 1...6, using: &self))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            default:
                if !bytes.isEmpty { bytes.swapAt(position, Int.random(in: 0..<bytes.count, using: &self)) }
            }
        }
        return bytes
    }
}
