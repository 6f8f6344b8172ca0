@_spi(SwiftCorelibsFoundation) internal import FoundationEssentials

/// A number (or boolean) read from JSON request text by `JSONReader`, answering as Foundation's `NSNumber` did when
/// the sandbox parsed with `JSONSerialization`: the same kinds (a negative integer, an unsigned one, a double, a
/// decimal of more than 17 digits, a boolean) and the same `stringValue`, `int64Value` and `doubleValue`, so the
/// answers built from them stay byte for byte what they were.
struct JSONNumber: Sendable, Equatable, CustomStringConvertible {
    enum Storage: Sendable, Equatable {
        case bool(Bool)
        case int(Int64)
        /// Above `Int64.max` (NSNumber stored these as 128-bit integers).
        case unsigned(UInt64)
        case double(Double)
        /// More than 17 characters before the exponent (NSDecimalNumber).
        case decimal(Decimal)
    }

    let storage: Storage

    init(_ storage: Storage) { self.storage = storage }

    /// The number for a JSON number literal, or `nil` when it has no finite value (e.g. `1e400`), which made
    /// JSONSerialization refuse the whole text. The choice of kind follows swift-corelibs-foundation's
    /// `NSNumber.fromJSONNumber`: only a lowercase `e` counts as the exponent there, and the "digit count" is the
    /// length of everything before it, sign and point included.
    init?(literal text: String) {
        let point = text.firstIndex(of: ".")
        let exponent = text.firstIndex(of: "e")
        let negative = text.utf8.first == UInt8(ascii: "-")
        let digitCount = text[text.startIndex..<(exponent ?? text.endIndex)].count
        if point == nil, exponent == nil {
            if negative {
                if digitCount <= 19, let value = Int64(text) {
                    storage = .int(value)
                    return
                }
            } else if digitCount <= 20, let value = UInt64(text) {
                storage = value > UInt64(Int64.max) ? .unsigned(value) : .int(Int64(value))
                return
            }
        }
        var power = 0
        if let exponent, let parsed = Int(text[text.index(after: exponent)...]) { power = parsed }
        if digitCount > 17, power >= -128, power <= 127, let decimal = Decimal(string: text), decimal.isFinite {
            storage = .decimal(decimal)
            return
        }
        guard let double = Double(text), double.isFinite else { return nil }
        storage = .double(double)
    }

    /// NSNumber's `stringValue` (and `description`): `1` / `0` for booleans, a double always with a point or an
    /// exponent (`3.0`, `1e+20`), as Swift prints it.
    var stringValue: String {
        switch storage {
        case .bool(let value): value ? "1" : "0"
        case .int(let value): String(value)
        case .unsigned(let value): String(value)
        case .double(let value): value.description
        case .decimal(let value): value.description
        }
    }

    var description: String { stringValue }

    /// NSNumber's `int64Value`: doubles truncate toward zero, and one out of range becomes `Int64.min` (what the
    /// x86-64 conversion instruction answers); an unsigned value wraps.
    var int64Value: Int64 {
        switch storage {
        case .bool(let value): value ? 1 : 0
        case .int(let value): value
        case .unsigned(let value): Int64(truncatingIfNeeded: value)
        case .double(let value):
            value >= -9_223_372_036_854_775_808.0 && value < 9_223_372_036_854_775_808.0 ? Int64(value) : .min
        case .decimal(let value): value._int64Value
        }
    }

    /// NSNumber's `intValue` (the same conversion on a 64-bit machine).
    var intValue: Int { Int(int64Value) }

    /// NSNumber's `doubleValue`.
    var doubleValue: Double {
        switch storage {
        case .bool(let value): value ? 1 : 0
        case .int(let value): Double(value)
        case .unsigned(let value): Double(value)
        case .double(let value): value
        case .decimal(let value): value._doubleValue
        }
    }

    /// The number as JSONSerialization wrote it: `true` / `false` for booleans, a double without a trailing `.0`.
    var jsonText: String {
        switch storage {
        case .bool(let value):
            return value ? "true" : "false"
        case .double(let value):
            let text = value.description
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        default:
            return stringValue
        }
    }
}
