/// Remediation for one error: what to do, which common mistakes it points at, and where to read more.
public struct Hint: Sendable, Equatable {
    /// The error code the hint was asked for, unchanged (e.g. `InvalidVideo.NotFound`).
    public let code: String
    /// What the code means here and how to fix it, in one or a few sentences safe to show a model.
    public let hint: String
    /// Short items from the common-mistakes list that often cause this error.
    public let mistakes: [String]
    /// `vod://docs/...` URIs worth reading: the error's own section, the operation page, then topic pages.
    public let docs: [String]
    /// Whether repeating the same call unchanged, after a pause, may succeed.
    public let retryable: Bool

    /// Creates a hint.
    public init(code: String, hint: String, mistakes: [String], docs: [String], retryable: Bool) {
        self.code = code
        self.hint = hint
        self.mistakes = mistakes
        self.docs = docs
        self.retryable = retryable
    }
}
