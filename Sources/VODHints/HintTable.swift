/// The hint table: every known code once, looked up exactly and then ignoring case.
enum HintTable {
    static let all: [HintEntry] =
        gateway + common + media + upload + management + statistics + domains + oss + local

    static let byCode: [String: HintEntry] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    static let byLowercasedCode: [String: HintEntry] = Dictionary(
        all.map { ($0.code.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })

    static let localCodes: Set<String> = Set(local.map(\.code))

    /// vod-mcp's own codes: no HTTP status applies to them.
    static func isLocal(_ code: String) -> Bool { localCodes.contains(code) }

    /// Exact code first (ServiceUnAvailable and ServiceUnavailable are both real), then ignoring case, then the
    /// family before the last dot (`Throttling.Api` → `Throttling`, `Certificate.Expired` → a Certificate entry).
    static func entry(for code: String) -> HintEntry? {
        if let entry = byCode[code] ?? byLowercasedCode[code.lowercased()] { return entry }
        var family = Substring(code)
        while let dot = family.lastIndex(of: ".") {
            family = family[..<dot]
            if let entry = byCode[String(family)] { return entry }
        }
        return nil
    }
}
