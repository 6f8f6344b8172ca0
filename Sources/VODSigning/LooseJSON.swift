/// A JSON document read for a few of its fields: what the POP, STS and ECS endpoints answer and what the aliyun CLI
/// keeps in its config file.
///
/// It replaces `JSONSerialization` and its `as?` casts, which need the full Foundation. The reader is strict
/// RFC 8259 like `JSONSerialization` (the document must be an object or an array; no trailing text, leading zeros,
/// NaN or out-of-range numbers, lone surrogates or invalid UTF-8) and lenient where it was (one UTF-8 byte order
/// mark before the document, a comma after the last member or element; UTF-16 and UTF-32 documents are not read),
/// and the accessors answer as those casts did: `int` takes any number with
/// an exact integer value and `true`/`false` as 1/0; `bool` takes `true`/`false` and the numbers 0 and 1.
public enum LooseJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([LooseJSON])
    case object([String: LooseJSON])

    /// Nesting deeper than this is refused rather than risking the stack.
    public static let maximumDepth = 512

    /// The document in `bytes` when it is well-formed JSON whose top level is an object or an array.
    public static func parse(_ bytes: some Collection<UInt8>) -> LooseJSON? {
        let array = Array(bytes)
        return array.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
            reader.skipWhitespace()
            guard let first = reader.peek(), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                return nil
            }
            guard let value = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.atEnd ? value : nil
        }
    }

    /// The member `key` of an object; `nil` for anything else.
    public subscript(key: String) -> LooseJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var int: Int? {
        switch self {
        case .integer(let value): return Int(exactly: value)
        case .number(let value): return Int(exactly: value)
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .integer(let value): return Double(exactly: value)
        case .number(let value): return value
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    public var bool: Bool? {
        switch self {
        case .bool(let value): return value
        case .integer(0), .number(0): return false
        case .integer(1), .number(1): return true
        default: return nil
        }
    }

    public var object: [String: LooseJSON]? {
        if case .object(let members) = self { return members }
        return nil
    }

    public var array: [LooseJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// A recursive-descent reader over UTF-8 bytes.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) -> LooseJSON? {
            guard depth < LooseJSON.maximumDepth, let byte = peek() else { return nil }
            switch byte {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(LooseJSON.string)
            case UInt8(ascii: "t"): return literal("true", .bool(true))
            case UInt8(ascii: "f"): return literal("false", .bool(false))
            case UInt8(ascii: "n"): return literal("null", .null)
            default: return number()
            }
        }

        mutating func literal(_ word: StaticString, _ value: LooseJSON) -> LooseJSON? {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return nil }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
            index += count
            return value
        }

        mutating func object(depth: Int) -> LooseJSON? {
            index += 1
            var members: [String: LooseJSON] = [:]
            skipWhitespace()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                skipWhitespace()
                guard peek() == UInt8(ascii: "\""), let key = string() else { return nil }
                skipWhitespace()
                guard peek() == UInt8(ascii: ":") else { return nil }
                index += 1
                skipWhitespace()
                guard let member = value(depth: depth + 1) else { return nil }
                members[key] = member
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                    if peek() == UInt8(ascii: "}") {
                        index += 1
                        return .object(members)
                    }
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(members)
                default: return nil
                }
            }
        }

        mutating func array(depth: Int) -> LooseJSON? {
            index += 1
            var elements: [LooseJSON] = []
            skipWhitespace()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                skipWhitespace()
                switch peek() {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                    if peek() == UInt8(ascii: "]") {
                        index += 1
                        return .array(elements)
                    }
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                default: return nil
                }
            }
        }

        /// A string token (the reader is at its opening quote); `nil` when malformed.
        mutating func string() -> String? {
            index += 1
            let start = index
            // The common case: no escapes, so the bytes can be taken as they are once they prove to be UTF-8.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { return nil }
                index += 1
            }
            guard index < bytes.count else { return nil }
            var out = Array(bytes[start..<index])
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(validating: out, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard let escape = peek() else { return nil }
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        guard let scalar = unicodeEscape() else { return nil }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    default: return nil
                    }
                default:
                    if byte < 0x20 { return nil }
                    out.append(byte)
                    index += 1
                }
            }
            return nil
        }

        /// The scalar of a `\uXXXX` escape (the reader is past the `u`), joining a surrogate pair.
        mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            if (0xD800...0xDBFF).contains(high) {
                guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { return nil }
                index += 2
                guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        }

        mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4 else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`: an integer when it has neither fraction nor exponent and
        /// fits 64 bits, a double otherwise.
        mutating func number() -> LooseJSON? {
            let start = index
            var integral = true
            if peek() == UInt8(ascii: "-") { index += 1 }
            guard let first = peek(), isDigit(first) else { return nil }
            index += 1
            if first != UInt8(ascii: "0") { skipDigits() } else if let next = peek(), isDigit(next) { return nil }
            if peek() == UInt8(ascii: ".") {
                integral = false
                index += 1
                guard let digit = peek(), isDigit(digit) else { return nil }
                skipDigits()
            }
            if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
                integral = false
                index += 1
                if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
                guard let digit = peek(), isDigit(digit) else { return nil }
                skipDigits()
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            if integral, let value = Int64(text) { return .integer(value) }
            guard let value = Double(text), value.isFinite else { return nil }
            return .number(value)
        }

        mutating func skipDigits() {
            while let byte = peek(), isDigit(byte) { index += 1 }
        }

        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
    }
}
