import VODDocs

/// Error code → remediation: what went wrong, what to change, and where the docs explain it.
///
/// Keys are the codes VOD, the POP gateway and OSS return, plus vod-mcp's own (`Validation.*`, `Credentials.*`,
/// `Network.*`, `Safety.*`, `Upload.*`, `Sandbox.*`). Unknown codes get a general hint shaped by the HTTP status.
public enum VODHints {
    /// The hint for `code`, refined by the operation that failed (`action`, e.g. `GetVideoInfo`) and the HTTP status.
    public static func hint(for code: String, action: String?, httpStatus: Int?) -> Hint {
        let action = action.flatMap { isActionName($0) ? $0 : nil }
        guard let entry = HintTable.entry(for: code) else {
            return fallback(for: code, action: action, httpStatus: httpStatus)
        }
        var text = entry.hint
        var mistakes = entry.mistakes
        var topics = entry.topics
        Refinements.apply(
            to: &text, mistakes: &mistakes, topics: &topics, code: entry.code, action: action, httpStatus: httpStatus)
        var docs: [String] = []
        switch entry.errorDoc {
        case .own: docs.append(DocLibrary.errorURI(entry.code))
        case .other(let documented): docs.append(DocLibrary.errorURI(documented))
        }
        if let action { docs.append(DocLibrary.apiURI(action)) }
        docs += topics.map(\.uri)
        let serverFailure = !HintTable.isLocal(entry.code) && httpStatus.map { (500...599).contains($0) } == true
        let retryable = entry.retry == .always || serverFailure
        return Hint(
            code: code, hint: text, mistakes: unique(mistakes).map(\.rawValue), docs: unique(docs), retryable: retryable
        )
    }

    /// Every code with a specific hint, in table order.
    public static var knownCodes: [String] { HintTable.all.map(\.code) }

    /// The topic pages hints may link to, as `vod://docs/...` URIs (one list, so a renamed page is fixed in one place).
    public static var topicPages: [String] { Topic.allCases.map(\.uri) }

    /// A minimal RAM policy document that allows exactly `vod:<action>`.
    public static func ramPolicy(for action: String) -> String {
        #"{"Version":"1","Statement":[{"Effect":"Allow","Action":["vod:\#(action)"],"Resource":"*"}]}"#
    }

    /// The general hint for codes the table does not know.
    static func fallback(for code: String, action: String?, httpStatus: Int?) -> Hint {
        var text =
            "vod-mcp has no specific advice for \(code). Read the error Message, open the Recommend link in the "
            + "response (api.aliyun.com/troubleshoot) if there is one, and call search_docs with the code."
        switch httpStatus {
        case .some(400):
            text += " HTTP 400 means the request itself is wrong: check each argument against the operation page."
        case .some(401), .some(403):
            text +=
                " HTTP \(httpStatus ?? 403) means a permission or account problem"
                + (action.map { ": check that the RAM identity is allowed vod:\($0)." }
                    ?? ": check the RAM identity's policies.")
        case .some(404): text += " HTTP 404 means something was not found: check the IDs, the region and the AppId."
        case .some(409): text += " HTTP 409 means it already exists: look it up instead of creating it again."
        case .some(429): text += " HTTP 429 means too many requests: back off and retry."
        case .some(let status) where (500...599).contains(status):
            text += " HTTP \(status) is a server-side failure: retry with exponential backoff."
        default: break
        }
        var docs: [String] = []
        if let action { docs.append(DocLibrary.apiURI(action)) }
        docs += [Topic.errorCodes.uri, Topic.commonMistakes.uri]
        let retryable = httpStatus.map { $0 == 429 || (500...599).contains($0) } ?? false
        return Hint(code: code, hint: text, mistakes: [], docs: docs, retryable: retryable)
    }

    /// Action names are UpperCamelCase ASCII (`GetVideoInfo`); anything else (a snake_case tool) gets no API link.
    static func isActionName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first), name.count <= 64 else { return false }
        return name.unicodeScalars.allSatisfy {
            ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }
    }

    private static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen: Set<T> = []
        return items.filter { seen.insert($0).inserted }
    }
}
