/// Topic pages the hints link to, as paths under `llms/`. The only place those paths are spelled out: if the docs
/// set renames a page, fix it here (VODDocsTests checks that every link resolves against the embedded docs).
enum Topic: String, CaseIterable, Sendable {
    case credentials = "Authentication and Signing/Credentials.md"
    case signing = "Authentication and Signing/Overview.md"
    case ossSigning = "Authentication and Signing/OSS Upload Signature.md"
    case regions = "Regions and Endpoints/Overview.md"
    case uploadLocalFile = "Media Upload/Upload a Local File.md"
    case uploadFromURL = "Media Upload/Upload from URL.md"
    case commonMistakes = "Common Mistakes/Common Mistakes to Avoid.md"
    case errorCodes = "Error Codes/Overview.md"
    case multiApp = "Multi-Application System/Overview.md"
    case cdn = "CDN Distribution/Overview.md"
    case transcoding = "Media Processing/Transcoding.md"

    /// `vod://docs/` plus the path, each segment percent-encoded.
    var uri: String { DocsURI.page(rawValue) }
}

/// Spelling of `vod://docs/...` URIs, kept identical to VODDocs' (which this leaf module cannot import).
enum DocsURI {
    static func page(_ path: String) -> String {
        "vod://docs/"
            + path.split(separator: "/", omittingEmptySubsequences: false).map { encode(String($0)) }
            .joined(separator: "/")
    }

    static func error(_ code: String) -> String { "vod://docs/errors/" + encode(code) }

    static func api(_ action: String) -> String { "vod://docs/api/" + encode(action) }

    /// RFC 3986: all but `A-Z a-z 0-9 - _ . ~` as `%XX`.
    static func encode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }
}
