/// A direct RFC 8259 parser from UTF-8 bytes to `JSONValue`, answering as `JSONDecoder` decoding a `JSONValue` did.
///
/// What it keeps from `JSONDecoder` (checked by differential tests in MCPCoreTests):
/// - Any value may stand at the top level; space, tab, CR and LF around it are skipped; anything else after it is
///   refused. A UTF-8 byte order mark is skipped; UTF-16 and UTF-32 input (with or without a mark) is transcoded.
/// - Numbers: the RFC grammar (no `+`, leading zeros, `.5` or `1.`). A number becomes `.int` when its value is an
///   integer that fits Int64: `7`, `-0`, `1.0`, `1e2` all do (below 2^53 judged on the nearest double, as
///   JSONDecoder does, so `1.0000000000000001` and `1e-400` are `.int`), otherwise `.double`. A number whose double
///   is infinite (`1e400`) is refused.
/// - Strings must be valid UTF-8 with control characters escaped. `\u` escapes of a lone surrogate (a high one not
///   followed by a low one, or a low one alone) are refused: the string could not be represented in UTF-8.
/// - Duplicate keys: the first one wins (its value is kept; the later values are still parsed and checked).
/// - At most `maximumDepth` (512) arrays and objects nested; deeper input is refused before it is descended into, so
///   no input overflows the stack.
///
/// Where it differs on purpose: JSONDecoder accepts one trailing comma in an array or object (`[1,]`, `{"a":1,}`);
/// RFC 8259 does not, and neither does this parser.
struct JSONParser {
    static let maximumDepth = 512

    private let base: UnsafePointer<UInt8>
    private let count: Int
    private var index: Int
    private var depth = 0
    /// Offset added to positions in error messages (the byte order mark skipped before `base`).
    private let reportedOffset: Int
    private var scratch: [UInt8] = []

    private init(base: UnsafePointer<UInt8>, count: Int, reportedOffset: Int) {
        self.base = base
        self.count = count
        self.index = 0
        self.reportedOffset = reportedOffset
    }

    /// Parses one JSON document.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        switch JSONTextEncoding.detect(bytes) {
        case .utf8(let markLength):
            return try parseUTF8(UnsafeBufferPointer(rebasing: bytes[markLength...]), reportedOffset: markLength)
        case .other(let transcoded):
            guard let transcoded else {
                throw JSONParseError("the text is neither valid UTF-8 nor valid UTF-16/UTF-32", at: 0)
            }
            return try transcoded.withUnsafeBufferPointer { buffer throws(JSONParseError) in
                try parseUTF8(buffer, reportedOffset: 0)
            }
        }
    }

    private static func parseUTF8(_ bytes: UnsafeBufferPointer<UInt8>, reportedOffset: Int) throws(JSONParseError)
        -> JSONValue
    {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONParseError("empty input: expected a JSON value", at: reportedOffset)
        }
        var parser = JSONParser(base: base, count: bytes.count, reportedOffset: reportedOffset)
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.count {
            throw parser.failure("unexpected \(parser.describeByte(parser.index)) after the JSON value")
        }
        return value
    }

    // MARK: Values

    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        guard index < count else { throw failure("unexpected end of input: expected a value") }
        switch base[index] {
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw failure("unexpected \(describeByte(index)): expected a value")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let length = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<length {
            guard index + offset < count else {
                throw failure("unexpected end of input in '\(literal)'", at: index + offset)
            }
            guard base[index + offset] == start[offset] else {
                throw failure("unexpected \(describeByte(index + offset)) (expected '\(literal)')", at: index + offset)
            }
        }
        index += length
    }

    private mutating func enterContainer() throws(JSONParseError) {
        guard depth < Self.maximumDepth else {
            throw failure("arrays and objects nested deeper than \(Self.maximumDepth) levels")
        }
        depth += 1
    }

    private mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "]") {
            index += 1
            return .array([])
        }
        var elements: [JSONValue] = []
        while true {
            elements.append(try parseValue())
            skipWhitespace()
            guard index < count else { throw failure("unexpected end of input in an array: expected ',' or ']'") }
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                index += 1
                return .array(elements)
            default:
                throw failure("unexpected \(describeByte(index)) in an array: expected ',' or ']'")
            }
        }
    }

    private mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enterContainer()
        defer { depth -= 1 }
        index += 1
        skipWhitespace()
        if index < count, base[index] == UInt8(ascii: "}") {
            index += 1
            return .object([:])
        }
        var members: [String: JSONValue] = [:]
        while true {
            skipWhitespace()
            guard index < count else { throw failure("unexpected end of input in an object: expected a key") }
            guard base[index] == UInt8(ascii: "\"") else {
                throw failure("unexpected \(describeByte(index)) in an object: expected a string key")
            }
            let key = try parseString()
            skipWhitespace()
            guard index < count else { throw failure("unexpected end of input in an object: expected ':'") }
            guard base[index] == UInt8(ascii: ":") else {
                throw failure("unexpected \(describeByte(index)) in an object: expected ':' after the key")
            }
            index += 1
            let value = try parseValue()
            // The first of duplicate keys wins, as with JSONDecoder; one hash lookup when keys are unique.
            if let earlier = members.updateValue(value, forKey: key) { members[key] = earlier }
            skipWhitespace()
            guard index < count else { throw failure("unexpected end of input in an object: expected ',' or '}'") }
            switch base[index] {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default:
                throw failure("unexpected \(describeByte(index)) in an object: expected ',' or '}'")
            }
        }
    }

    // MARK: Strings

    /// Parses the string starting at the opening quote under `index`.
    private mutating func parseString() throws(JSONParseError) -> String {
        let open = index
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < count {
            let byte = base[index]
            if byte == UInt8(ascii: "\"") {
                let string = try makeString(UnsafeBufferPointer(start: base + start, count: index - start), raw: start)
                index += 1
                return string
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            index += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        while true {
            guard index < count else { throw failure("unterminated string (no closing '\"')", at: open) }
            let byte = base[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = index
                index += 1
                let string = scratch.withUnsafeBufferPointer { buffer in String(validating: buffer, as: UTF8.self) }
                guard let string else {
                    throw failure("invalid UTF-8 in a string", at: firstInvalidUTF8(from: start, to: end))
                }
                return string
            case UInt8(ascii: "\\"):
                try parseEscape()
            case 0..<0x20:
                throw failure("control character \(hex(byte)) in a string (escape it, e.g. \\u00\(hexDigits(byte)))")
            default:
                let run = index
                index += 1
                while index < count {
                    let next = base[index]
                    if next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") || next < 0x20 { break }
                    index += 1
                }
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + run, count: index - run))
            }
        }
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, raw start: Int) throws(JSONParseError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw failure("invalid UTF-8 in a string", at: firstInvalidUTF8(from: start, to: start + bytes.count))
        }
        return string
    }

    /// Appends the character of the escape under `index` (a backslash) to `scratch`.
    private mutating func parseEscape() throws(JSONParseError) {
        guard index + 1 < count else { throw failure("unexpected end of input in an escape sequence") }
        let letter = base[index + 1]
        let simple: UInt8
        switch letter {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            try parseUnicodeEscape()
            return
        default:
            throw failure("invalid escape '\\\(printable(letter))' in a string", at: index)
        }
        scratch.append(simple)
        index += 2
    }

    /// `\uXXXX`, or a surrogate pair `\uD8xx\uDCxx`, under `index`.
    private mutating func parseUnicodeEscape() throws(JSONParseError) {
        let escapeStart = index
        let unit = try hexUnit(at: index + 2)
        index += 6
        var scalarValue = UInt32(unit)
        if UTF16.isLeadSurrogate(unit) {
            guard index + 1 < count, base[index] == UInt8(ascii: "\\"), base[index + 1] == UInt8(ascii: "u") else {
                throw failure(
                    "unpaired surrogate \\u\(hexDigits(unit)): a low surrogate escape must follow", at: escapeStart)
            }
            let trail = try hexUnit(at: index + 2)
            guard UTF16.isTrailSurrogate(trail) else {
                throw failure(
                    "unpaired surrogate \\u\(hexDigits(unit)): a low surrogate escape must follow", at: escapeStart)
            }
            index += 6
            scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
        } else if UTF16.isTrailSurrogate(unit) {
            throw failure("unpaired surrogate \\u\(hexDigits(unit)): no high surrogate before it", at: escapeStart)
        }
        guard let scalar = Unicode.Scalar(scalarValue) else {
            throw failure("invalid \\u escape", at: escapeStart)
        }
        scratch.append(contentsOf: UTF8.encode(scalar)!)
    }

    private func hexUnit(at position: Int) throws(JSONParseError) -> UInt16 {
        guard position + 4 <= count else { throw failure("unexpected end of input in a \\u escape", at: position) }
        var value: UInt16 = 0
        for offset in 0..<4 {
            let byte = base[position + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure(
                    "\\u escape needs 4 hex digits, found \(describeByte(position + offset))", at: position + offset)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// The offset of the first byte of `start..<end` that does not begin a valid UTF-8 sequence.
    private func firstInvalidUTF8(from start: Int, to end: Int) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = UnsafeBufferPointer(start: base + start, count: end - start).makeIterator()
        var position = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): position += encoded.count
            case .emptyInput: return end
            case .error: return position
            }
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        let negative = base[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        guard index < count, isDigit(base[index]) else {
            throw index < count
                ? failure("unexpected \(describeByte(index)) in a number: a digit must follow '-'")
                : failure("unexpected end of input in a number")
        }
        let integerStart = index
        if base[index] == UInt8(ascii: "0") {
            index += 1
            if index < count, isDigit(base[index]) {
                throw failure("a number must not have a leading zero")
            }
        } else {
            while index < count, isDigit(base[index]) { index += 1 }
        }
        let integerEnd = index
        var integral = true
        if index < count, base[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < count, isDigit(base[index]) else {
                throw failure("a digit must follow the decimal point in a number")
            }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if index < count, base[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < count, base[index] == UInt8(ascii: "+") || base[index] == UInt8(ascii: "-") { index += 1 }
            guard index < count, isDigit(base[index]) else {
                throw failure("a digit must follow the exponent in a number")
            }
            while index < count, isDigit(base[index]) { index += 1 }
        }
        if integral, let value = smallInteger(integerStart..<integerEnd, negative: negative) {
            return .int(value)
        }
        return try convertNumber(start..<index, negative: negative)
    }

    /// The integer `digits` when it fits Int64.
    private func smallInteger(_ digits: Range<Int>, negative: Bool) -> Int64? {
        var magnitude: UInt64 = 0
        if digits.count <= 18 {
            for position in digits { magnitude = magnitude &* 10 &+ UInt64(base[position] &- 0x30) }
        } else {
            for position in digits {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(base[position] &- 0x30))
                if overflow1 || overflow2 { return nil }
                magnitude = sum
            }
        }
        return Self.signed(magnitude, negative: negative)
    }

    private static func signed(_ magnitude: UInt64, negative: Bool) -> Int64? {
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(bitPattern: 0 &- magnitude)
        }
        return Int64(exactly: magnitude)
    }

    /// A number with a fraction or exponent, or an integer beyond Int64.
    private func convertNumber(_ range: Range<Int>, negative: Bool) throws(JSONParseError) -> JSONValue {
        let text = String(
            decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
        guard let double = Double(text), double.isFinite else {
            throw failure("number \(text.prefix(40)) is out of range", at: range.lowerBound)
        }
        if let integer = Int64(exactly: double) {
            if double.magnitude < 9_007_199_254_740_992 { return .int(integer) }
            if let exact = exactInteger(range, negative: negative) { return .int(exact) }
        }
        return .double(double)
    }

    /// The value of the number text in `range`, its fraction cut off, when that fits Int64: how JSONDecoder read
    /// integral numbers from 2^53 up, through Decimal. Like that path, it gives up (and the number stays a double)
    /// when the significant digits, leading and trailing zeros dropped, exceed UInt64 even if the value would not.
    private func exactInteger(_ range: Range<Int>, negative: Bool) -> Int64? {
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        var exponent = 0
        var position = range.lowerBound + (negative ? 1 : 0)
        while position < range.upperBound {
            let byte = base[position]
            if isDigit(byte) {
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte &- 0x30) }
                if inFraction { fractionDigits += 1 }
            } else if byte == UInt8(ascii: ".") {
                inFraction = true
            } else {
                var exponentPosition = position + 1
                let exponentNegative = base[exponentPosition] == UInt8(ascii: "-")
                if base[exponentPosition] == UInt8(ascii: "-") || base[exponentPosition] == UInt8(ascii: "+") {
                    exponentPosition += 1
                }
                while exponentPosition < range.upperBound {
                    exponent = exponent * 10 + Int(base[exponentPosition] &- 0x30)
                    if exponent > 100_000 { return nil }
                    exponentPosition += 1
                }
                if exponentNegative { exponent = -exponent }
                break
            }
            position += 1
        }
        var scale = exponent - fractionDigits
        while digits.last == 0 {
            digits.removeLast()
            scale += 1
        }
        var magnitude: UInt64 = 0
        for digit in digits {
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            if overflow1 || overflow2 { return nil }
            magnitude = sum
        }
        if scale >= 0 {
            for _ in 0..<scale {
                let (times10, overflow) = magnitude.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                magnitude = times10
            }
        } else {
            for _ in 0..<(-scale) where magnitude > 0 { magnitude /= 10 }
        }
        return Self.signed(magnitude, negative: negative)
    }

    // MARK: Helpers

    private mutating func skipWhitespace() {
        while index < count {
            switch base[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    private func failure(_ reason: String, at position: Int? = nil) -> JSONParseError {
        JSONParseError(reason, at: (position ?? index) + reportedOffset)
    }

    private func describeByte(_ position: Int) -> String {
        let byte = base[position]
        if byte >= 0x20 && byte < 0x7F { return "character '\(printable(byte))'" }
        return "byte \(hex(byte))"
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : hex(byte)
    }

    private func hex(_ byte: UInt8) -> String { "0x" + hexDigits(byte) }

    private func hexDigits<Integer: FixedWidthInteger>(_ value: Integer) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        let width = Integer.bitWidth / 4
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
