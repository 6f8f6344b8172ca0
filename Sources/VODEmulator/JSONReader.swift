internal import FoundationEssentials

/// Reads JSON request text (template configs, UpdateContent lists, timelines...) into plain Swift values: `String`,
/// `JSONNumber` (numbers and booleans), `JSONNull`, `[Any]` and `[String: Any]`. It accepts and refuses exactly what
/// the sandbox's former `JSONSerialization.jsonObject(with:options: .fragmentsAllowed)` did on Linux
/// (swift-corelibs-foundation), quirks included: trailing commas in arrays and objects, a UTF-8 byte order mark,
/// UTF-16/32 text recognised by its zero bytes, the last of duplicate keys winning, 512 levels of nesting at most.
struct JSONReader {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value of `text`, or `nil` when it is not JSON.
    static func value(of text: String) -> Any? {
        guard let bytes = utf8(Array(text.utf8)) else { return nil }
        var reader = JSONReader(bytes)
        return try? reader.document()
    }

    /// The text as UTF-8, after JSONSerialization's encoding detection (a BOM, or zero bytes among the first four).
    private static func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        var encoding = String.Encoding.utf8
        var skip = 0
        if bytes.count >= 4, bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            skip = 3
        } else if bytes.count >= 4 {
            switch (bytes[0], bytes[1], bytes[2], bytes[3]) {
            case (0, 0, 0, _): encoding = .utf32BigEndian
            case (_, 0, 0, 0): encoding = .utf32LittleEndian
            case (0, _, 0, _): encoding = .utf16BigEndian
            case (_, 0, _, 0): encoding = .utf16LittleEndian
            default: break
            }
        } else if bytes.count >= 2 {
            if bytes[0] == 0 {
                encoding = .utf16BigEndian
            } else if bytes[1] == 0 {
                encoding = .utf16LittleEndian
            }
        }
        if encoding == .utf8 { return Array(bytes[skip...]) }
        return String(bytes: bytes, encoding: encoding).map { Array($0.utf8) }
    }

    private struct Malformed: Error {}

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    /// Skips whitespace and answers the next byte (without taking it); the end of the text is an error.
    private mutating func nextSignificant() throws(Malformed) -> UInt8 {
        while let byte = peek() {
            if !Self.isSpace(byte) { return byte }
            index += 1
        }
        throw Malformed()
    }

    private mutating func document() throws(Malformed) -> Any {
        let result = try value()
        while let byte = peek() {
            guard Self.isSpace(byte) else { throw Malformed() }
            index += 1
        }
        return result
    }

    private mutating func value() throws(Malformed) -> Any {
        switch try nextSignificant() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "t"):
            try literal("true")
            return JSONNumber(.bool(true))
        case UInt8(ascii: "f"):
            try literal("false")
            return JSONNumber(.bool(false))
        case UInt8(ascii: "n"):
            try literal("null")
            return JSONNull()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let number = JSONNumber(literal: try numberText()) else { throw Malformed() }
            return number
        default: throw Malformed()
        }
    }

    private mutating func literal(_ word: String) throws(Malformed) {
        for expected in word.utf8 {
            guard peek() == expected else { throw Malformed() }
            index += 1
        }
    }

    private mutating func enter() throws(Malformed) {
        guard depth < 512 else { throw Malformed() }
        depth += 1
        index += 1
    }

    private mutating func array() throws(Malformed) -> [Any] {
        try enter()
        defer { depth -= 1 }
        var items: [Any] = []
        if try nextSignificant() == UInt8(ascii: "]") {
            index += 1
            return items
        }
        while true {
            items.append(try value())
            switch try nextSignificant() {
            case UInt8(ascii: "]"):
                index += 1
                return items
            case UInt8(ascii: ","):
                index += 1
                if try nextSignificant() == UInt8(ascii: "]") {
                    index += 1
                    return items
                }
            default: throw Malformed()
            }
        }
    }

    private mutating func object() throws(Malformed) -> [String: Any] {
        try enter()
        defer { depth -= 1 }
        var members: [String: Any] = [:]
        if try nextSignificant() == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
            let key = try string()
            guard try nextSignificant() == UInt8(ascii: ":") else { throw Malformed() }
            index += 1
            members[key] = try value()
            switch try nextSignificant() {
            case UInt8(ascii: "}"):
                index += 1
                return members
            case UInt8(ascii: ","):
                index += 1
                if try nextSignificant() == UInt8(ascii: "}") {
                    index += 1
                    return members
                }
                guard peek() == UInt8(ascii: "\"") else { throw Malformed() }
            default: throw Malformed()
            }
        }
    }

    private mutating func string() throws(Malformed) -> String {
        index += 1
        var scalars = String.UnicodeScalarView()
        var start = index
        // Each run between escapes went through `String(bytes:encoding: .utf8)`, which drops a leading byte order
        // mark: so did JSONSerialization.
        func flush(_ end: Int) throws(Malformed) {
            let run = bytes[start..<end]
            let unmarked = run.starts(with: [0xEF, 0xBB, 0xBF]) ? run.dropFirst(3) : run
            guard let text = String(validating: unmarked, as: UTF8.self) else { throw Malformed() }
            scalars.append(contentsOf: text.unicodeScalars)
        }
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                try flush(index)
                index += 1
                return String(scalars)
            case 0..<0x20:
                throw Malformed()
            case UInt8(ascii: "\\"):
                try flush(index)
                index += 1
                scalars.append(try escape())
                start = index
            default:
                index += 1
            }
        }
        throw Malformed()
    }

    private mutating func escape() throws(Malformed) -> Unicode.Scalar {
        guard let byte = peek() else { throw Malformed() }
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hexQuad()
            guard unit & 0xFC00 == 0xD800 else {
                guard let scalar = Unicode.Scalar(unit) else { throw Malformed() }
                return scalar
            }
            guard peek() == UInt8(ascii: "\\"), peek(1) == UInt8(ascii: "u") else { throw Malformed() }
            index += 2
            let low = try hexQuad()
            guard low & 0xFC00 == 0xDC00 else { throw Malformed() }
            let value = (UInt32(unit) - 0xD800) * 0x400 + (UInt32(low) - 0xDC00) + 0x10000
            guard let scalar = Unicode.Scalar(value) else { throw Malformed() }
            return scalar
        default: throw Malformed()
        }
    }

    private mutating func hexQuad() throws(Malformed) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw Malformed() }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            default: throw Malformed()
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// The literal of a number, by JSONSerialization's grammar: no leading zeros, digits on both sides of the
    /// point, an exponent (`e` or `E`, optionally signed) with digits, and only whitespace, `,`, `]` or `}` after.
    private mutating func numberText() throws(Malformed) -> String {
        enum Last { case operand, point, exponent, exponentSign }
        let start = index
        var last = Last.operand
        var digits = bytes[index] == UInt8(ascii: "-") ? 0 : 1
        var leadingZero = bytes[index] == UInt8(ascii: "0")
        var offset = 1
        while let byte = peek(offset) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if leadingZero { throw Malformed() }
                if byte == UInt8(ascii: "0"), digits == 0, last == .operand { leadingZero = true }
                digits += 1
            case UInt8(ascii: "."):
                guard digits > 0, last == .operand else { throw Malformed() }
                leadingZero = false
                last = .point
                digits = 0
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard digits > 0, last == .operand || last == .point else { throw Malformed() }
                leadingZero = false
                last = .exponent
                digits = 0
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard digits == 0, last == .exponent else { throw Malformed() }
                last = .exponentSign
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"):
                guard digits > 0 else { throw Malformed() }
                index += offset
                return String(decoding: bytes[start..<index], as: UTF8.self)
            default: throw Malformed()
            }
            offset += 1
        }
        guard digits > 0 else { throw Malformed() }
        index = bytes.count
        return String(decoding: bytes[start...], as: UTF8.self)
    }
}
