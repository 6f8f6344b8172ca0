/// JSON-RPC ids must be integers or strings. The JSON decoder reads `1.0` or `1e2` as the integer 1 or 100, so the
/// number's spelling is checked on the raw line: a top-level `"id"` written with a fraction or exponent is not an
/// integer id.
enum RequestIDLexeme {
    /// True when a top-level `"id"` member is a number spelled with `.`, `e` or `E`.
    static func hasNonIntegralNumericID(_ bytes: [UInt8]) -> Bool {
        var depth = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            case UInt8(ascii: "\""):
                let start = index + 1
                index = start
                while index < count, bytes[index] != UInt8(ascii: "\"") {
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                let isIDKey =
                    depth == 1 && index - start == 2 && bytes[start] == UInt8(ascii: "i")
                    && bytes[start + 1] == UInt8(ascii: "d")
                index += 1
                guard isIDKey else { continue }
                var cursor = index
                while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < count, bytes[cursor] == UInt8(ascii: ":") else { continue }
                cursor += 1
                while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                while cursor < count, isNumberByte(bytes[cursor]) {
                    let digit = bytes[cursor]
                    if digit == UInt8(ascii: ".") || digit == UInt8(ascii: "e") || digit == UInt8(ascii: "E") {
                        return true
                    }
                    cursor += 1
                }
            default:
                index += 1
            }
        }
        return false
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }
}
