import Foundation
import Testing
import VODSigning

/// The sandbox writes every time (CreationTime, GmtCreate, StartTime...) with `RequestClock.iso8601`, the HTTP `Date`
/// header with `RequestClock.rfc1123`, and reads StartTime / EndTime parameters with `RequestClock.parseISO8601`.
/// Those helpers are leaving the full Foundation too (issue 16); these pin the answers the sandbox gave, so its
/// responses and refusals stay the same: formatting as Foundation's formatters print UTC, parsing exactly what
/// `ISO8601DateFormatter` (internet date-time, then with fractional seconds) accepted.
@Suite struct SandboxTimeFormatTests {
    static let instants: [Double] = [
        0, 1, 59.999, 86_399.5, 951_782_400, 1_709_164_800, 1_735_689_599, 1_767_225_600.25, 4_102_444_800,
        -1, -0.5, -86_400, -2_208_988_800, 253_402_300_799,
    ]

    @Test(arguments: instants)
    func iso8601IsFoundationsUTCForm(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        // The sandbox drops the fraction of a second (toward the past): compare at the whole second.
        let whole = Date(timeIntervalSince1970: seconds.rounded(.down))
        #expect(RequestClock.iso8601(date) == formatter.string(from: whole))
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        #expect(RequestClock.rfc1123(date) == formatter.string(from: whole))
    }

    @Test func iso8601LiteralForms() {
        #expect(RequestClock.iso8601(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RequestClock.iso8601(Date(timeIntervalSince1970: 1_709_251_199.9)) == "2024-02-29T23:59:59Z")
        #expect(RequestClock.iso8601(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(RequestClock.rfc1123(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
    }

    static let texts = [
        "2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z", "2026-01-01T00:00:00.123456Z", "2026-01-01T00:00:00",
        "2026-01-01T00:00:00+08:00", "2026-01-01T00:00:00-0130", "2026-01-01 00:00:00Z", "2026-01-01t00:00:00z",
        "2026-01-01T00:00Z", "2026-1-1T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T23:59:60Z", "20260101T000000Z", "2026-01-01", "", " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ",
        "2026-01-01T00:00:00.Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01T00:00:00,5Z",
        "2026-06-15T12:30:45.999999999Z", "-2026-01-01T00:00:00Z",
    ]

    /// Where the parser is stricter than ISO8601DateFormatter on purpose (VODSigning's `TimestampParser`, which
    /// replaced ICU when the modules left Foundation): a day or hour that does not exist, spaces around the text, a
    /// negative year. The real service refuses such StartTime / EndTime values too.
    static let refusedOnPurpose: Set<String> = [
        "2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", " 2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z ",
        "-2026-01-01T00:00:00Z",
    ]

    @Test(arguments: texts)
    func parsingAcceptsWhatISO8601DateFormatterAccepted(text: String) {
        if Self.refusedOnPurpose.contains(text) {
            #expect(RequestClock.parseISO8601(text) == nil)
            return
        }
        if text == "0001-01-01T00:00:00Z" {
            // Read in the proleptic Gregorian calendar, as `iso8601` writes it (ICU read it as Julian: two days apart).
            #expect(RequestClock.parseISO8601(text)?.timeIntervalSince1970 == -62_135_596_800)
            return
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var expected = formatter.date(from: text)
        if expected == nil {
            formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
            expected = formatter.date(from: text)
        }
        let parsed = RequestClock.parseISO8601(text)
        #expect((parsed == nil) == (expected == nil))
        if let parsed, let expected {
            #expect(abs(parsed.timeIntervalSince1970 - expected.timeIntervalSince1970) < 0.001)
        }
    }

    /// The sandbox's StartTime / EndTime checks: a fraction and an offset are honoured; a missing zone, a lowercase
    /// `t`/`z`, a space for `T`, a comma before the fraction, and (stricter than ISO8601DateFormatter, see
    /// `refusedOnPurpose`) a day past the month's end, 24:00 and a leading space are refused.
    @Test func parsingQuirksStay() {
        let accepted: [(String, Double)] = [
            ("2026-01-01T00:00:00Z", 1_767_225_600), ("2026-01-01T00:00:00.5Z", 1_767_225_600.5),
            ("2026-01-01T00:00:00+08:00", 1_767_196_800),
        ]
        for (text, seconds) in accepted {
            #expect(RequestClock.parseISO8601(text)?.timeIntervalSince1970 == seconds, "\(text)")
        }
        for text in [
            "2026-01-01T00:00:00", "2026-01-01t00:00:00z", "2026-01-01 00:00:00Z", "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00,5Z", "2026-02-30T00:00:00Z", " 2026-01-01T00:00:00Z", "2026-01-01T24:00:00Z",
        ] {
            #expect(RequestClock.parseISO8601(text) == nil, "\(text)")
        }
    }
}
