import FoundationEssentials

/// One file of `llms/` as compiled into the binary by `tools/gen-docs`.
struct EmbeddedDocFile: Sendable {
    let path: String
    let text: String

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// For files that cannot be a raw string literal (carriage returns, control characters).
    init(path: String, base64: String) {
        self.path = path
        self.text = Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) } ?? ""
    }
}
