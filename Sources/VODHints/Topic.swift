import VODDocs

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
    var uri: String { DocLibrary.uri(forPath: rawValue) }
}
