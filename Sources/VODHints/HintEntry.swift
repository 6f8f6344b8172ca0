/// One row of the hint table.
struct HintEntry: Sendable {
    /// When repeating the call unchanged can help. A server code answered with a 5xx status is retryable either way.
    enum Retry: Sendable {
        /// Not until the request, the account or the local setup changes.
        case never
        /// A transient condition (throttling, outage, dropped connection).
        case always
    }

    /// Which `vod://docs/errors/<Code>` section documents the code.
    enum ErrorDoc: Sendable {
        /// The code has its own section.
        case own
        /// The closest documented code (e.g. `Forbidden.RAM` → `Forbidden`).
        case other(String)
    }

    let code: String
    let hint: String
    let topics: [Topic]
    let mistakes: [Mistake]
    let retry: Retry
    let errorDoc: ErrorDoc

    init(
        _ code: String, _ hint: String, topics: [Topic] = [], mistakes: [Mistake] = [], retry: Retry = .never,
        errorDoc: ErrorDoc = .own
    ) {
        self.code = code
        self.hint = hint
        self.topics = topics
        self.mistakes = mistakes
        self.retry = retry
        self.errorDoc = errorDoc
    }
}
