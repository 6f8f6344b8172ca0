/// Recognises the UTC ISO 8601 forms VOD accepts: `yyyy-MM-ddTHH:mm:ssZ` and `yyyy-MM-ddTHH:mmZ`.
enum UTCTimeShape: Equatable {
    case seconds, minutes, invalid

    init(_ text: String) {
        let bytes = Array(text.utf8)
        switch bytes.count {
        case 20 where Self.matches(bytes, "dddd-dd-ddTdd:dd:ddZ"):
            self = Self.inRange(bytes, seconds: true) ? .seconds : .invalid
        case 17 where Self.matches(bytes, "dddd-dd-ddTdd:ddZ"):
            self = Self.inRange(bytes, seconds: false) ? .minutes : .invalid
        default: self = .invalid
        }
    }

    /// Whether `text` is a bare date `yyyy-MM-dd`.
    static func isDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.count == 10 && matches(bytes, "dddd-dd-dd")
    }

    private static func matches(_ bytes: [UInt8], _ pattern: String) -> Bool {
        for (byte, expected) in zip(bytes, pattern.utf8) {
            if expected == UInt8(ascii: "d") {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
            } else if byte != expected {
                return false
            }
        }
        return true
    }

    private static func number(_ bytes: [UInt8], _ start: Int, _ length: Int) -> Int {
        bytes[start..<(start + length)].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    private static func inRange(_ bytes: [UInt8], seconds: Bool) -> Bool {
        let month = number(bytes, 5, 2)
        let day = number(bytes, 8, 2)
        let hour = number(bytes, 11, 2)
        let minute = number(bytes, 14, 2)
        let second = seconds ? number(bytes, 17, 2) : 0
        return (1...12).contains(month) && (1...31).contains(day) && hour < 24 && minute < 60 && second < 61
    }
}
