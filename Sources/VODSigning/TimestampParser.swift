public import FoundationEssentials

/// Strict parsers for the two date formats the signers write (`RequestClock.iso8601`, `RequestClock.rfc1123`).
///
/// They replace Foundation's `ISO8601DateFormatter` and `DateFormatter` (ICU), which the full Foundation would bring
/// into the binary. Every well-formed date gives the same instant as before, fractional seconds included (kept to
/// the millisecond, truncated, as ICU did). ICU's leniencies are not kept: a day past the end of its month, hour 24,
/// an offset beyond ±23:59, surrounding whitespace, trailing text and non-ASCII digits now make the text malformed.
/// Dates before the Gregorian reform (1582-10-15) are read in the proleptic Gregorian calendar, as
/// `RequestClock.iso8601` writes them; ICU read them as Julian.
public enum TimestampParser {
    /// `yyyy-MM-ddTHH:mm:ss[.f...](Z|z|±HH|±HHMM|±HH:MM)`. The year has four digits; month, day, hour, minute and
    /// second one or two; the fraction one or more. `nil` for anything else or an impossible date.
    public static func iso8601(_ text: String) -> Date? {
        var scanner = Scanner(text)
        guard let year = scanner.number(minDigits: 4, maxDigits: 4), scanner.skip("-"),
            let month = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip("-"),
            let day = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip("T"),
            let hour = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(":"),
            let minute = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(":"),
            let second = scanner.number(minDigits: 1, maxDigits: 2)
        else { return nil }
        var milliseconds = 0
        if scanner.skip(".") {
            let digits = scanner.digits()
            guard !digits.isEmpty else { return nil }
            for index in 0..<3 { milliseconds = milliseconds * 10 + (index < digits.count ? digits[index] : 0) }
        }
        var offset = 0
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else {
            let sign: Int
            if scanner.skip("+") {
                sign = 1
            } else if scanner.skip("-") {
                sign = -1
            } else {
                return nil
            }
            let run = scanner.digits()
            var hours = 0
            var minutes = 0
            switch run.count {
            case 1, 2:
                hours = run.reduce(0) { $0 * 10 + $1 }
                if scanner.skip(":") {
                    guard let value = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    minutes = value
                }
            case 4:
                hours = run[0] * 10 + run[1]
                minutes = run[2] * 10 + run[3]
            default:
                return nil
            }
            guard hours <= 23, minutes <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard scanner.atEnd,
            let seconds = secondsSince1970(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return date(milliseconds: (seconds - offset) * 1000 + milliseconds)
    }

    /// `EEE, d[d] MMM yyyy HH:mm:ss GMT` (RFC 1123 as HTTP and OSS use it). Day and month names are matched without
    /// regard to case; the day name is not checked against the date.
    public static func rfc1123(_ text: String) -> Date? {
        var scanner = Scanner(text)
        guard let dayName = scanner.letters(), RequestClock.weekdays.contains(where: { same($0, dayName) }),
            scanner.skip(","), scanner.skip(" "),
            let day = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(" "),
            let monthName = scanner.letters(),
            let monthIndex = RequestClock.months.firstIndex(where: { same($0, monthName) }), scanner.skip(" "),
            let year = scanner.number(minDigits: 4, maxDigits: 4), scanner.skip(" "),
            let hour = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(":"),
            let minute = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(":"),
            let second = scanner.number(minDigits: 1, maxDigits: 2), scanner.skip(" "),
            scanner.skip("G"), scanner.skip("M"), scanner.skip("T"), scanner.atEnd,
            let seconds = secondsSince1970(
                year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return date(milliseconds: seconds * 1000)
    }

    /// Seconds since 1970 of a UTC wall-clock time in the proleptic Gregorian calendar; `nil` when a field is out of
    /// range (the 30th of February, hour 24, second 60).
    static func secondsSince1970(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) -> Int? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), (0...23).contains(hour),
            (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        // Days-from-civil (Howard Hinnant), the inverse of RequestClock.utcComponents.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The instant as ICU computed it: milliseconds over 1000, moved to Foundation's reference date.
    private static func date(milliseconds: Int) -> Date {
        Date(timeIntervalSinceReferenceDate: Double(milliseconds) / 1000 - Date.timeIntervalBetween1970AndReferenceDate)
    }

    private static func same(_ name: String, _ text: Substring) -> Bool {
        name.utf8.count == text.utf8.count
            && zip(name.utf8, text.utf8).allSatisfy { lowercase($0) == lowercase($1) }
    }

    private static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    /// Reads ASCII fields from the front of a string.
    private struct Scanner {
        private let text: Substring.UTF8View
        private var index: Substring.UTF8View.Index

        init(_ string: String) {
            text = Substring(string).utf8
            index = text.startIndex
        }

        var atEnd: Bool { index == text.endIndex }

        /// Consumes `character` (ASCII) when it comes next.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index != text.endIndex, text[index] == UInt8(character.value) else { return false }
            index = text.index(after: index)
            return true
        }

        /// The run of ASCII digits that comes next, as values (empty when none).
        mutating func digits() -> [Int] {
            var values: [Int] = []
            while index != text.endIndex, (0x30...0x39).contains(text[index]) {
                values.append(Int(text[index] - 0x30))
                index = text.index(after: index)
            }
            return values
        }

        /// A number of `minDigits` to `maxDigits` ASCII digits, not followed by another digit; `nil` otherwise.
        mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
            var value = 0
            var count = 0
            while count < maxDigits, index != text.endIndex, (0x30...0x39).contains(text[index]) {
                value = value * 10 + Int(text[index] - 0x30)
                count += 1
                index = text.index(after: index)
            }
            guard count >= minDigits else { return nil }
            if index != text.endIndex, (0x30...0x39).contains(text[index]) { return nil }
            return value
        }

        /// The run of ASCII letters that comes next.
        mutating func letters() -> Substring? {
            let start = index
            while index != text.endIndex, (0x41...0x5A).contains(text[index] & ~0x20) {
                index = text.index(after: index)
            }
            return start == index ? nil : Substring(text[start..<index])
        }
    }
}
