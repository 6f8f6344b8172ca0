import Foundation
import Testing
import VODSigning

/// VODSigning no longer links the full Foundation (issue 16). These tests hold its date formatting and parsing,
/// percent encoding and base64url to the answers Foundation gave, over fixed and pseudo-random inputs.
@Suite struct FoundationParityTests {
    /// A fixed-seed generator, so a failure names inputs that reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Instants from 1900 to 2200, whole seconds, plus the edges of months and leap days.
    static func sampleDates() -> [Date] {
        var generator = SplitMix(state: 16)
        var seconds: [Int64] = [0, 951_782_400, 951_868_799, 1_767_225_600, 4_102_444_799, -2_208_988_800]
        for _ in 0..<2000 { seconds.append(Int64.random(in: -2_208_988_800...7_258_118_400, using: &generator)) }
        return seconds.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    static func foundationISO(fractional: Bool) -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter
    }

    static func foundationRFC1123() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    @Test func formattingMatchesFoundationsFormatters() {
        let iso = Self.foundationISO(fractional: false)
        let rfc = Self.foundationRFC1123()
        for date in Self.sampleDates() {
            #expect(RequestClock.iso8601(date) == iso.string(from: date))
            #expect(RequestClock.rfc1123(date) == rfc.string(from: date))
        }
    }

    @Test func wellFormedTextParsesToTheInstantFoundationGave() {
        let iso = Self.foundationISO(fractional: false)
        let fractional = Self.foundationISO(fractional: true)
        let rfc = Self.foundationRFC1123()
        var generator = SplitMix(state: 61)
        for date in Self.sampleDates() {
            let text = RequestClock.iso8601(date)
            #expect(RequestClock.parseISO8601(text) == iso.date(from: text), "\(text)")
            #expect(RequestClock.parseISO8601(text) == date)
            let http = RequestClock.rfc1123(date)
            #expect(RequestClock.parseRFC1123(http) == rfc.date(from: http), "\(http)")
            // The same instant with a fraction and a numeric offset.
            let digits = String(Int.random(in: 0...999_999, using: &generator))
            let hours = Int.random(in: -12...14, using: &generator)
            let offset = (hours < 0 ? "-" : "+") + (abs(hours) < 10 ? "0" : "") + "\(abs(hours)):30"
            let shifted = String(text.dropLast()) + "." + digits + offset
            #expect(RequestClock.parseISO8601(shifted) == fractional.date(from: shifted), "\(shifted)")
        }
        for text in [
            "2026-01-01T00:00:00Z", "2026-01-01T00:00:00z", "2026-01-01T00:00:00+08:00", "2026-01-01T00:00:00+0800",
            "2026-01-01T00:00:00+08", "2026-01-01T00:00:00-00:00", "2026-01-01T00:00:00+8:00", "2026-1-1T0:0:0Z",
            "2024-02-29T23:59:59Z", "1970-01-01T00:00:00Z", "1583-01-01T00:00:00Z",
        ] {
            #expect(RequestClock.parseISO8601(text) != nil, "\(text)")
            #expect(RequestClock.parseISO8601(text) == iso.date(from: text), "\(text)")
        }
        for text in [
            "2026-01-01T00:00:00.123Z", "2026-01-01T00:00:00.1Z", "2026-01-01T00:00:00.123456789Z",
            "2026-01-01T00:00:00.9999Z", "2026-01-01T00:00:00.5+08:00", "1969-12-31T23:59:59.999Z",
        ] {
            #expect(RequestClock.parseISO8601(text) != nil, "\(text)")
            #expect(RequestClock.parseISO8601(text) == fractional.date(from: text), "\(text)")
        }
        for text in [
            "Thu, 01 Jan 2026 00:00:00 GMT", "Thu, 1 Jan 2026 00:00:00 GMT", "thu, 01 JAN 2026 00:00:00 GMT",
            "Fri, 01 Jan 2026 00:00:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "Thu, 01 Jan 2026 0:0:0 GMT",
        ] {
            #expect(RequestClock.parseRFC1123(text) != nil, "\(text)")
            #expect(RequestClock.parseRFC1123(text) == rfc.date(from: text), "\(text)")
        }
    }

    /// Malformed text Foundation refused too, and text ICU's lenient parser took that is now refused on purpose
    /// (the `TimestampParser` documentation lists the leniencies).
    @Test func malformedTextIsRefused() {
        for text in [
            "", "2026-01-01", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z", "2026-01-01t00:00:00z",
            "2026-01-01T00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-32T00:00:00Z",
            "2026-01-01T00:60:00Z", "2026-01-01T00:00:60Z", "20260101T000000Z", "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00,5Z", "2026-01-01T00:00:00.abcZ", "2026-01-01T00:00:00+800",
            // Taken by ICU, refused now.
            "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-01-01T24:00:00Z", " 2026-01-01T00:00:00Z",
            "2026-01-01T00:00:00Z ", "2026-01-01T00:00:00Zjunk", "2026-01-01T00:00:00Z\n", "26-01-01T00:00:00Z",
            "99999-01-01T00:00:00Z", "-2026-01-01T00:00:00Z", "2026-01-01T00:00:00GMT", "2026-01-01T00:00:00 Z",
            "2026-01-01T00:00:00+24:00", "2026-01-01T00:00:00+99:99",
            "\u{FF12}\u{FF10}\u{FF12}\u{FF16}-01-01T00:00:00Z",
        ] {
            #expect(RequestClock.parseISO8601(text) == nil, "\(text.debugDescription)")
        }
        for text in [
            "", "Thu, 01 Jan 2026 00:00:00 UTC", "Thu, 01 Jan 2026 00:00:00 gmt", "Thu, 32 Jan 2026 00:00:00 GMT",
            "Thu, 01 Jan 2026 24:00:00 GMT", "Thu, 29 Feb 2025 00:00:00 GMT", "Xyz, 01 Jan 2026 00:00:00 GMT",
            "Thu, 01 Jan 2026 00:00:00 GMTx", "Thu, 01 Jan 2026 00:00:60 GMT", "Thu, 01 Jan 2026 00:00:00 +0000",
            "Thu, 01-Jan-2026 00:00:00 GMT", "Thu, 01 Jan 2026 00:00 GMT",
            // Taken by ICU, refused now.
            "Thursday, 01 Jan 2026 00:00:00 GMT", "Thu, 01 January 2026 00:00:00 GMT", "Thu, 01 Jan 26 00:00:00 GMT",
            "Thu 01 Jan 2026 00:00:00 GMT", "Thu, 01 Jan 2026 00:00:00", "Thu,  01 Jan 2026 00:00:00 GMT",
            " Thu, 01 Jan 2026 00:00:00 GMT", "Thu, 01 Jan 2026 00:00:00 GMT ", "Thu, 001 Jan 2026 00:00:00 GMT",
        ] {
            #expect(RequestClock.parseRFC1123(text) == nil, "\(text.debugDescription)")
        }
    }

    @Test func typeBMinuteMatchesFoundationsCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 8 * 3600))
        var generator = SplitMix(state: 8)
        for _ in 0..<2000 {
            let timestamp = Int64.random(in: 1...0xFFFF_FFFF, using: &generator)
            let fields = calendar.dateComponents(
                [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(timestamp)))
            let expected = String(
                format: "%04d%02d%02d%02d%02d", fields.year!, fields.month!, fields.day!, fields.hour!, fields.minute!)
            #expect(PlaybackURLSigner.beijingMinute(timestamp) == expected, "\(timestamp)")
        }
    }

    /// Percent encoding keeps exactly RFC 3986's unreserved set, over random Unicode text.
    @Test func percentEncodingMatchesFoundationsUnreservedSet() {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
        var generator = SplitMix(state: 3986)
        let pool: [Unicode.Scalar] =
            (0x20...0x7E).compactMap(Unicode.Scalar.init) + ["\u{0}", "\n", "é", "中", "\u{FF0F}", "😀", "\u{2028}"]
        for _ in 0..<2000 {
            let length = Int.random(in: 0...24, using: &generator)
            var text = String.UnicodeScalarView()
            for _ in 0..<length { text.append(pool.randomElement(using: &generator)!) }
            let string = String(text)
            #expect(PercentEncoding.encode(string) == string.addingPercentEncoding(withAllowedCharacters: unreserved))
            #expect(
                PercentEncoding.encodePath(string)
                    == string.addingPercentEncoding(withAllowedCharacters: unreserved)!
                    .replacingOccurrences(of: "%2F", with: "/"))
            #expect(PercentEncoding.decode(PercentEncoding.encode(string)) == string)
        }
    }

    @Test func base64URLMatchesFoundationsBase64() {
        var generator = SplitMix(state: 4648)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SealedToken.base64url(bytes) == expected)
            #expect(SealedToken.unbase64url(expected) == bytes)
        }
    }
}

/// `LooseJSON` against `JSONSerialization` and the `as?` casts the callers used to make.
@Suite struct LooseJSONParityTests {
    static let documents = [
        #"{"a":1}"#, #"{"a":1.0}"#, #"{"a":1.5}"#, #"{"a":true}"#, #"{"a":false}"#, #"{"a":0}"#, #"{"a":2}"#,
        #"{"a":"1"}"#, #"{"a":1e3}"#, #"{"a":-0}"#, #"{"a":1e30}"#, #"{"a":null}"#, #"{"a":9223372036854775807}"#,
        #"{"a":1,"a":2}"#, "123", #""s""#, "[1]", #"{"a":1} x"#, "", #" {"a":1} "#, #"{"a":"\ud800"}"#,
        #"{"a":01}"#, #"{"a":NaN}"#, #"{"a":"x\ty"}"#, "{\"a\":\"x\ty\"}", #"{"a":"\u00e9\ud83d\ude00\n\/"}"#,
        #"{"a":"é😀"}"#, #"{"a":[1,2,]}"#, #"{"a":1,}"#, #"{"a" 1}"#, #"{'a':1}"#, #"{"a":-}"#, #"{"a":1.}"#,
        #"{"a":.5}"#, #"{"a":1e}"#, #"{"a":-1.25E-2}"#, #"{"a":tru}"#, #"{"a":{"b":[{"c":"d"}]}}"#, "[]", "{}",
        "[[[[[[[[[[]]]]]]]]]]", #"{"a":"\x"}"#, #"{"a":"\u12"}"#, "{\"a\":\"\u{7F}\"}", "\u{FEFF}{}",
        "\u{FEFF}\u{FEFF}{}", " \u{FEFF}{}", "[,]", "{,}", "[1,,]", "[1,]", #"{"a":1,,}"#, "[1]\u{0}", "[\"\u{0}\"]",
        "[1.5e400]", "[-1e400]", "[1E2]", "[-]", #"["\u0000"]"#, #"{"a":1.5e400}"#, #"{"a":-1e-400}"#,
    ]

    @Test(arguments: documents) func readsLikeJSONSerialization(document: String) {
        let bytes = Array(document.utf8)
        let foundation = try? JSONSerialization.jsonObject(with: Data(bytes))
        let ours = LooseJSON.parse(bytes)
        #expect((ours != nil) == (foundation != nil), "\(document)")
        guard let dictionary = foundation as? [String: Any], let ours else { return }
        let a = dictionary["a"]
        #expect(ours["a"]?.string == a as? String)
        #expect(ours["a"]?.int == a as? Int)
        #expect(ours["a"]?.bool == a as? Bool)
        #expect(ours["a"]?.double == a as? Double)
    }

    @Test func invalidUTF8AndDeepNestingAreRefused() {
        #expect(LooseJSON.parse(Array(#"{"a":""#.utf8) + [0xFF] + Array(#""}"#.utf8)) == nil)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(LooseJSON.parse(Array(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(LooseJSON.parse(Array(fine.utf8)) != nil)
    }
}
