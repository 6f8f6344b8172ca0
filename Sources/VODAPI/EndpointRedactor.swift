import TextSupport
import VODCredentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Masks the secrets this process knows (the AccessKey secret, the STS token, the signature it computed for the
/// attempt) in every byte an endpoint sends back before the bytes leave VODAPI: success bodies, request ids, error
/// codes and messages. An endpoint (or a proxy) that echoes a request parameter cannot make vod-mcp repeat a secret.
public struct EndpointRedactor: Sendable {
    /// Every spelling under which a secret can come back: raw, percent-encoded once or twice, form-encoded, and
    /// JSON-escaped (`/` as `\/`). Longest first, so a longer form is masked before a shorter one inside it.
    public let forms: [String]
    private let secrets: [String]

    public init(secrets: [String]) {
        self.secrets = secrets.filter { $0.count >= 4 }
        var all = Set<String>()
        for secret in self.secrets {
            let once = SecretRedactor.percentEncoded(secret, keeping: "-_.~")
            let twice = SecretRedactor.percentEncoded(once, keeping: "-_.~")
            let form = SecretRedactor.percentEncoded(secret, keeping: "")
            for spelling in [secret, once, twice, form, form.replacingLiterally("%20", with: "+")] {
                all.insert(spelling)
                all.insert(spelling.replacingLiterally("/", with: "\\/"))
            }
        }
        forms = all.sorted { $0.utf8.count > $1.utf8.count }
    }

    /// `text` with every known secret (and `name=value` secret parameters) masked.
    public func redact(_ text: String) -> String {
        SecretRedactor.redact(text, secrets: forms)
    }

    public func redact(_ text: String?) -> String? { text.map { redact($0) } }

    /// `body` with every occurrence of a known secret replaced by `<redacted>`. A secret appears in a JSON string
    /// only as a run of plain characters, so the replacement keeps a JSON body valid. Bodies without a secret are
    /// returned as they are (one `memmem` pass per spelling, no copy).
    public func redact(_ body: [UInt8]) -> [UInt8] {
        var result = body
        let mask = Array(SecretRedactor.mask.utf8)
        for form in forms {
            let needle = Array(form.utf8)
            guard !needle.isEmpty, Self.firstIndex(of: needle, in: result, from: 0) != nil else { continue }
            var output: [UInt8] = []
            output.reserveCapacity(result.count)
            var position = 0
            while let found = Self.firstIndex(of: needle, in: result, from: position) {
                output.append(contentsOf: result[position..<found])
                output.append(contentsOf: mask)
                position = found + needle.count
            }
            output.append(contentsOf: result[position...])
            result = output
        }
        return result
    }

    /// The first occurrence of `needle` at or after `start` (`memchr` for the first byte, `memcmp` for the rest).
    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        let count = needle.count
        guard count > 0, start >= 0, haystack.count - start >= count else { return nil }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                guard let base = hay.baseAddress, let pinBase = pin.baseAddress else { return nil }
                let last = hay.count - count
                var position = start
                while position <= last {
                    guard let hit = memchr(base + position, Int32(needle[0]), last - position + 1) else { return nil }
                    let index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hit, pinBase, count) == 0 { return index }
                    position = index + 1
                }
                return nil
            }
        }
    }
}
