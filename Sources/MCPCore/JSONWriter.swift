#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a `JSONValue` as the bytes `JSONEncoder` gave with `[.sortedKeys, .withoutEscapingSlashes]` (and
/// `.prettyPrinted` when `pretty`), checked byte for byte by differential tests in MCPCoreTests:
/// - keys in the byte order of their UTF-8;
/// - strings escape `"`, `\`, `\b`, `\f`, `\n`, `\r`, `\t` and other control characters as `\u00xx` (lowercase hex);
///   everything else, `/`, DEL, U+2028/2029 and all non-ASCII included, is written as its UTF-8;
/// - doubles as Swift's shortest round-trip `description` without a trailing `.0` (`1`, `0.1`, `1e+20`, `-0`,
///   `5e-324`); NaN and infinity as `null`;
/// - pretty: two spaces of indent per level, `"key" : value`, and empty containers as `[\n\n]` / `{\n\n}`;
/// - a value nested `maximumDepth` (512) arrays or objects deep cannot be written: JSONEncoder threw, and the callers
///   wrote `null` instead.
struct JSONWriter {
    static let maximumDepth = 512

    struct TooDeep: Error {}

    private(set) var bytes: [UInt8] = []
    private let pretty: Bool
    private var indent = 0

    init(pretty: Bool, capacity: Int = 256) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// The whole text of `value`, or `null` when it is nested too deep.
    static func write(_ value: JSONValue, pretty: Bool) -> [UInt8] {
        var writer = JSONWriter(pretty: pretty)
        do {
            try writer.write(value, depth: 0)
            return writer.bytes
        } catch {
            return Array("null".utf8)
        }
    }

    mutating func write(_ value: JSONValue, depth: Int) throws(TooDeep) {
        switch value {
        case .null: append("null")
        case .bool(let flag): flag ? append("true") : append("false")
        case .int(let integer): writeInteger(integer)
        case .double(let double): writeDouble(double)
        case .string(let string): writeString(string)
        case .array(let elements): try writeArray(elements, depth: depth + 1)
        case .object(let members): try writeObject(members, depth: depth + 1)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue], depth: Int) throws(TooDeep) {
        guard depth < Self.maximumDepth else { throw TooDeep() }
        bytes.append(UInt8(ascii: "["))
        if pretty {
            bytes.append(0x0A)
            indent += 1
        }
        var first = true
        for element in elements {
            if first {
                first = false
            } else {
                bytes.append(UInt8(ascii: ","))
                if pretty { bytes.append(0x0A) }
            }
            if pretty { writeIndent() }
            try write(element, depth: depth)
        }
        if pretty {
            bytes.append(0x0A)
            indent -= 1
            writeIndent()
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ members: [String: JSONValue], depth: Int) throws(TooDeep) {
        guard depth < Self.maximumDepth else { throw TooDeep() }
        bytes.append(UInt8(ascii: "{"))
        if pretty {
            bytes.append(0x0A)
            indent += 1
            if !members.isEmpty { writeIndent() }
        }
        var first = true
        for position in Self.sortedIndices(members) {
            let (key, value) = members[position]
            if first {
                first = false
            } else {
                bytes.append(UInt8(ascii: ","))
                if pretty {
                    bytes.append(0x0A)
                    writeIndent()
                }
            }
            writeString(key)
            if pretty { append(" : ") } else { bytes.append(UInt8(ascii: ":")) }
            try write(value, depth: depth)
        }
        if pretty {
            bytes.append(0x0A)
            indent -= 1
            writeIndent()
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Positions of the members in the byte order of their keys' UTF-8 (JSONEncoder's `.sortedKeys` outside Apple
    /// platforms).
    private static func sortedIndices(_ members: [String: JSONValue]) -> [Dictionary<String, JSONValue>.Index] {
        var positions = Array(members.indices)
        if positions.count > 1 {
            positions.sort { precedes(members[$0].key, members[$1].key) }
        }
        return positions
    }

    /// Byte order of the UTF-8, by `memcmp` where the strings are stored as UTF-8 (always, for native strings).
    private static func precedes(_ left: String, _ right: String) -> Bool {
        let compared = left.utf8.withContiguousStorageIfAvailable { leftBytes in
            right.utf8.withContiguousStorageIfAvailable { rightBytes -> Bool in
                let common = min(leftBytes.count, rightBytes.count)
                if common > 0, let leftBase = leftBytes.baseAddress, let rightBase = rightBytes.baseAddress {
                    let order = memcmp(leftBase, rightBase, common)
                    if order != 0 { return order < 0 }
                }
                return leftBytes.count < rightBytes.count
            }
        }
        return (compared ?? nil) ?? left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    private mutating func writeIndent() {
        for _ in 0..<indent {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    private mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    // MARK: Scalars

    private mutating func writeInteger(_ value: Int64) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[position...]))
        }
    }

    private mutating func writeDouble(_ value: Double) {
        guard value.isFinite else {
            append("null")
            return
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else { return }
            var mark = 0
            for position in 0..<utf8.count {
                let byte = base[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if position > mark {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: base + mark, count: position - mark))
                }
                mark = position + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    append("u00")
                    bytes.append(Self.lowerHex(byte >> 4))
                    bytes.append(Self.lowerHex(byte & 0x0F))
                }
            }
            if utf8.count > mark {
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + mark, count: utf8.count - mark))
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func lowerHex(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
