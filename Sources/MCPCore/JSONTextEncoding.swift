/// How a JSON text is encoded, judged from its first four bytes the way JSONDecoder judged it (RFC 4627 section 3:
/// the first two characters of a JSON text are ASCII, so the zero bytes give UTF-16 and UTF-32 away), plus byte order
/// marks.
enum JSONTextEncoding {
    /// UTF-8; `markLength` bytes of byte order mark to skip.
    case utf8(markLength: Int)
    /// UTF-16 or UTF-32, transcoded to UTF-8 (`nil` when it does not decode).
    case other([UInt8]?)

    static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONTextEncoding {
        let byte0: UInt8? = bytes.count > 0 ? bytes[0] : nil
        let byte1: UInt8? = bytes.count > 1 ? bytes[1] : nil
        let byte2: UInt8? = bytes.count > 2 ? bytes[2] : nil
        let byte3: UInt8? = bytes.count > 3 ? bytes[3] : nil
        switch (byte0, byte1, byte2, byte3) {
        case (0, 0, 0xFE, 0xFF): return .other(utf32(bytes, skip: 4, bigEndian: true))
        case (0xFE, 0xFF, 0, 0): return .other(utf32(bytes, skip: 4, bigEndian: false))
        case (0xFE, 0xFF, _, _): return .other(utf16(bytes, skip: 2, bigEndian: true))
        case (0xFF, 0xFE, _, _): return .other(utf16(bytes, skip: 2, bigEndian: false))
        case (0xEF, 0xBB, 0xBF, _): return .utf8(markLength: 3)
        case (0, 0, 0, .some(let last)) where last != 0: return .other(utf32(bytes, skip: 0, bigEndian: true))
        case (0, .some(let first), 0, .some(let second)) where first != 0 && second != 0:
            return .other(utf16(bytes, skip: 0, bigEndian: true))
        case (.some(let first), 0, 0, 0) where first != 0: return .other(utf32(bytes, skip: 0, bigEndian: false))
        case (.some(let first), 0, .some(let second), 0) where first != 0 && second != 0:
            return .other(utf16(bytes, skip: 0, bigEndian: false))
        case (0, .some(let first), nil, nil) where first != 0: return .other(utf16(bytes, skip: 0, bigEndian: true))
        case (.some(let first), 0, nil, nil) where first != 0: return .other(utf16(bytes, skip: 0, bigEndian: false))
        default: return .utf8(markLength: 0)
        }
    }

    private static func utf16(_ bytes: UnsafeBufferPointer<UInt8>, skip: Int, bigEndian: Bool) -> [UInt8]? {
        let body = bytes.dropFirst(skip)
        guard body.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var position = body.startIndex
        while position < body.endIndex {
            let high = UInt16(bytes[bigEndian ? position : position + 1])
            let low = UInt16(bytes[bigEndian ? position + 1 : position])
            units.append(high << 8 | low)
            position += 2
        }
        return transcode(units, from: UTF16.self)
    }

    private static func utf32(_ bytes: UnsafeBufferPointer<UInt8>, skip: Int, bigEndian: Bool) -> [UInt8]? {
        let body = bytes.dropFirst(skip)
        guard body.count % 4 == 0 else { return nil }
        var units: [UInt32] = []
        units.reserveCapacity(body.count / 4)
        var position = body.startIndex
        while position < body.endIndex {
            var unit: UInt32 = 0
            for offset in 0..<4 {
                unit = unit << 8 | UInt32(bytes[bigEndian ? position + offset : position + 3 - offset])
            }
            units.append(unit)
            position += 4
        }
        return transcode(units, from: UTF32.self)
    }

    private static func transcode<Codec: UnicodeCodec>(_ units: [Codec.CodeUnit], from codec: Codec.Type) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(units.count)
        let failed = Swift.transcode(
            units.makeIterator(), from: codec, to: UTF8.self, stoppingOnError: true, into: { output.append($0) })
        return failed ? nil : output
    }
}
