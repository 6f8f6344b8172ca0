/// The percent-encoding Alibaba Cloud signs with: RFC 3986 unreserved characters stay, everything else is `%XX` (uppercase).
public enum PercentEncoding {
    /// Encodes the UTF-8 bytes of `text`; space becomes `%20`, `*` becomes `%2A`, `~` stays.
    public static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Encodes an OSS object key for a URL path: like `encode` but keeps `/`.
    public static func encodePath(_ text: String) -> String {
        encode(text).replacing("%2F", with: "/")
    }

    /// Decodes `%XX` sequences (and `+` as space when `plusAsSpace`); returns `nil` for malformed input or invalid UTF-8.
    public static func decode(_ text: String, plusAsSpace: Bool = false) -> String? {
        var out = [UInt8]()
        var bytes = Array(text.utf8)[...]
        while let byte = bytes.popFirst() {
            if byte == UInt8(ascii: "%") {
                guard bytes.count >= 2, let high = hexValue(bytes[bytes.startIndex]),
                    let low = hexValue(bytes[bytes.startIndex + 1])
                else { return nil }
                out.append(high << 4 | low)
                bytes = bytes.dropFirst(2)
            } else if plusAsSpace && byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else {
                out.append(byte)
            }
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
