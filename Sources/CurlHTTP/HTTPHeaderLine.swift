/// One response header line as libcurl hands it over (status line or field, with its line break), parsed on its
/// UTF-8 bytes.
///
/// The answers are those of the Foundation code this replaced (`trimmingCharacters(in: .whitespacesAndNewlines)` on
/// the line, `.whitespaces` around a field's name and value, `split(separator: " ")` for the status). An ASCII line,
/// which is every real one, is parsed byte by byte; a line with other bytes takes the same steps on Unicode scalars
/// and `Character`s, where Foundation's character sets and Swift's grapheme rules could differ from a byte view.
enum HTTPHeaderLine: Equatable {
    /// `HTTP/...` with its status code (0 when there is none).
    case status(Int)
    /// `name: value`, the name lowercased, both trimmed.
    case field(name: String, value: String)
    /// Anything else, e.g. the blank line that ends the headers.
    case other

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.allSatisfy({ $0 < 0x80 }) {
            self = Self.parseASCII(bytes)
        } else {
            self = Self.parseUnicode(String(decoding: bytes, as: UTF8.self))
        }
    }

    init(_ line: String) {
        var line = line
        self = line.withUTF8 { HTTPHeaderLine($0) }
    }

    // MARK: ASCII

    private static func parseASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPHeaderLine {
        // `.whitespacesAndNewlines` in ASCII: tab, line feed, vertical tab, form feed, carriage return, space.
        let line = trim(bytes[...]) { $0 == 0x20 || (0x09...0x0D).contains($0) }
        if line.starts(with: "HTTP/".utf8) {
            // The second space-separated field (runs of spaces count as one), as `split(separator: " ")` finds it.
            var fields = line.split(separator: 0x20, maxSplits: 2).makeIterator()
            _ = fields.next()
            guard let code = fields.next() else { return .status(0) }
            return .status(Int(String(decoding: code, as: UTF8.self)) ?? 0)
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return .other }
        // `.whitespaces` in ASCII: space and tab.
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        let name = trim(line[..<colon], where: isBlank)
        let value = trim(line[(colon + 1)...], where: isBlank)
        let lowered = name.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        return .field(
            name: String(decoding: lowered, as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    private static func trim(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, where drop: (UInt8) -> Bool)
        -> Slice<UnsafeBufferPointer<UInt8>>
    {
        guard let first = bytes.firstIndex(where: { !drop($0) }) else {
            return bytes[bytes.startIndex..<bytes.startIndex]
        }
        let last = bytes.lastIndex(where: { !drop($0) })!
        return bytes[first...last]
    }

    // MARK: Any other line

    private static func parseUnicode(_ raw: String) -> HTTPHeaderLine {
        let line = String(trim(raw[...], where: isWhitespaceOrNewline))
        if line.hasPrefix("HTTP/") {
            let parts = line.split(separator: " ", maxSplits: 2)
            return .status(parts.count > 1 ? Int(parts[1]) ?? 0 : 0)
        }
        guard let colon = line.firstIndex(of: ":") else { return .other }
        let name = trim(line[..<colon], where: isWhitespace).lowercased()
        let value = trim(line[line.index(after: colon)...], where: isWhitespace)
        return .field(name: name, value: String(value))
    }

    /// Foundation's `trimmingCharacters(in:)`: drops Unicode scalars, not `Character`s, from both ends.
    private static func trim(_ text: Substring, where drop: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !drop($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !drop($0) })!
        return Substring(scalars[first...last])
    }

    /// `CharacterSet.whitespaces`: Unicode general category Zs, tab, and (as Foundation's tables still have it)
    /// U+200B ZERO WIDTH SPACE.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\t" || scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// `CharacterSet.whitespacesAndNewlines`: categories Zs, Zl and Zp, U+0009 to U+000D, U+0085 and U+200B.
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x200B: return true
        default:
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
    }
}
