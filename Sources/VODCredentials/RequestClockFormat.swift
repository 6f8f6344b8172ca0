import Foundation
import VODSigning

/// Date formatting shared by this module (delegates to `RequestClock`).
enum RequestClockFormat {
    static func iso8601(_ date: Date) -> String { RequestClock.iso8601(date) }
    static func parse(_ text: String) -> Date? { RequestClock.parseISO8601(text) }
}
