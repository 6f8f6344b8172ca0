public import FoundationEssentials
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The last line of defence for secrets: masks every registered secret in bytes about to leave the process.
///
/// The application registers what it knows to be secret (for vod-mcp: the AccessKey secret and STS token of each
/// credential it resolves); the protocol core runs every stdout line and every log line through `scrub`. Each secret
/// is looked for as is, JSON-escaped and percent-encoded (RFC 3986 and form style). Lines without a secret are
/// returned untouched after one `memmem` scan per form, so the check is cheap enough for every line.
public final class Redactor: Sendable {
    /// What a secret is replaced with; safe inside a JSON string.
    public static let mask = "<redacted>"
    /// Shorter values are not registered: they are too likely to occur by chance.
    public static let minimumLength = 8

    private let patterns = Mutex<[[UInt8]]>([])

    public init() {}

    /// Adds `secret` (and its encoded forms) to what is masked. Short or already known values are ignored.
    public func register(_ secret: String) {
        guard secret.utf8.count >= Self.minimumLength else { return }
        let forms = Self.forms(of: secret).map { Array($0.utf8) }
        patterns.withLock { known in
            let added = forms.filter { !known.contains($0) }
            guard !added.isEmpty else { return }
            known += added
            known.sort { $0.count > $1.count }  // longer forms first, so an encoded form is not half-masked
        }
    }

    /// Whether anything is registered.
    public var isEmpty: Bool { patterns.withLock { $0.isEmpty } }

    /// `bytes` with every registered secret masked.
    public func scrub(_ bytes: Data) -> Data {
        let known = patterns.withLock { $0 }
        guard !known.isEmpty else { return bytes }
        var current = bytes
        for pattern in known {
            guard let ranges = Self.occurrences(of: pattern, in: current), !ranges.isEmpty else { continue }
            var output = Data(capacity: current.count)
            var start = current.startIndex
            for range in ranges {
                output.append(current[start..<range.lowerBound])
                output.append(contentsOf: Array(Self.mask.utf8))
                start = range.upperBound
            }
            output.append(current[start..<current.endIndex])
            current = output
        }
        return current
    }

    /// `text` with every registered secret masked.
    public func scrub(_ text: String) -> String {
        if isEmpty { return text }
        let data = Data(text.utf8)
        let scrubbed = scrub(data)
        return scrubbed == data ? text : String(decoding: scrubbed, as: UTF8.self)
    }

    /// Ranges of `pattern` in `data`, skipping matches that begin inside a JSON escape (after an odd run of `\`).
    private static func occurrences(of pattern: [UInt8], in data: Data) -> [Range<Data.Index>]? {
        data.withUnsafeBytes { buffer -> [Range<Data.Index>]? in
            guard buffer.baseAddress != nil, buffer.count >= pattern.count else { return nil }
            var found: [Range<Data.Index>] = []
            var offset = 0
            while offset + pattern.count <= buffer.count {
                guard let position = Self.find(pattern, in: buffer, from: offset) else { break }
                var backslashes = 0
                while position - backslashes > 0, buffer[position - backslashes - 1] == UInt8(ascii: "\\") {
                    backslashes += 1
                }
                if backslashes % 2 == 0 {
                    let lower = data.startIndex + position
                    found.append(lower..<(lower + pattern.count))
                    offset = position + pattern.count
                } else {
                    offset = position + 1
                }
            }
            return found
        }
    }

    /// The first index at or after `start` where `pattern` begins (`memchr` for its first byte, then `memcmp`).
    private static func find(_ pattern: [UInt8], in buffer: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard let base = buffer.baseAddress, let first = pattern.first else { return nil }
        var offset = start
        return pattern.withUnsafeBytes { needle -> Int? in
            guard let needleBase = needle.baseAddress else { return nil }
            while offset + pattern.count <= buffer.count {
                guard let hit = memchr(base + offset, Int32(first), buffer.count - offset - pattern.count + 1) else {
                    return nil
                }
                let position = base.distance(to: UnsafeRawPointer(hit))
                if memcmp(base + position, needleBase, pattern.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }

    static func forms(of secret: String) -> Set<String> {
        let percent = percentEncoded(secret)
        let form = percent.replacing("%20", with: "+")
        let json = JSONValue.string(secret).encodedString().dropFirst().dropLast()
        return [secret, percent, form, String(json), percent.replacing("%", with: "%25")]
    }

    /// RFC 3986 percent-encoding of the UTF-8 bytes: ASCII letters, digits and `-_.~` stay, everything else becomes
    /// `%XX`. The same as Foundation's `addingPercentEncoding(withAllowedCharacters:)` with `.alphanumerics` plus
    /// `-_.~`, which encodes every non-ASCII byte as well.
    static func percentEncoded(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                output.append(byte)
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                output += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
