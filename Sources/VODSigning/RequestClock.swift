public import FoundationEssentials
internal import TextSupport

/// Time formats and nonces the signers need. Injected so tests are deterministic.
public struct RequestClock: Sendable {
    private let now: @Sendable () -> Date
    private let nonce: @Sendable () -> String

    /// The system clock and 128-bit random nonces.
    public static let system = RequestClock(now: { Date() }, nonce: { Digest.randomBytes(16).hexString })

    public init(now: @escaping @Sendable () -> Date, nonce: @escaping @Sendable () -> String) {
        self.now = now
        self.nonce = nonce
    }

    /// The current time.
    public func date() -> Date { now() }

    /// A fresh nonce; unique per request and per retry.
    public func makeNonce() -> String { nonce() }

    /// `yyyy-MM-ddTHH:mm:ssZ` in UTC, as RPC V1 `Timestamp` and ACS3 `x-acs-date` require.
    public func timestamp() -> String { Self.iso8601(now()) }

    /// RFC 1123 GMT date, as OSS `Date` requires.
    public func httpDate() -> String { Self.rfc1123(now()) }

    public static func iso8601(_ date: Date) -> String {
        let c = utcComponents(date)
        return cFormat(
            "%04ld-%02ld-%02ldT%02ld:%02ld:%02ldZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    public static func rfc1123(_ date: Date) -> String {
        let c = utcComponents(date)
        return "\(weekdays[c.weekday]), " + cFormat("%02ld ", c.day) + months[c.month - 1]
            + cFormat(" %04ld %02ld:%02ld:%02ld GMT", c.year, c.hour, c.minute, c.second)
    }

    /// Parses `yyyy-MM-ddTHH:mm:ss[.fff](Z|±HH[:MM])`; `nil` when malformed (see `TimestampParser` for the exact
    /// grammar).
    public static func parseISO8601(_ text: String) -> Date? {
        TimestampParser.iso8601(text)
    }

    /// Parses an RFC 1123 GMT date (`Thu, 01 Jan 2026 00:00:00 GMT`); `nil` when malformed.
    public static func parseRFC1123(_ text: String) -> Date? {
        TimestampParser.rfc1123(text)
    }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func utcComponents(_ date: Date) -> (
        year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, weekday: Int
    ) {
        var seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let secondOfDay = Int((seconds % 86_400 + 86_400) % 86_400)
        seconds -= Int64(secondOfDay)
        let days = seconds / 86_400
        // Civil-from-days (Howard Hinnant), valid for the proleptic Gregorian calendar.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday (4).
        return (year, month, day, secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, weekday)
    }
}
