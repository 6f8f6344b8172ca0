import MCPCore

/// The VOD documentation set (`llms.txt` plus markdown pages) as readable resources and searchable sections.
///
/// URIs are `vod://docs/<path>` with each path segment percent-encoded; `#<slug>` selects a section. Two templates
/// reach into the set by name: `vod://docs/api/{action}` and `vod://docs/errors/{code}` (see ``templates``).
public struct DocLibrary: Sendable {
    /// The docs compiled into the binary by `tools/gen-docs` (empty when `llms/` was empty at generation time).
    public static let embedded = DocLibrary(
        files: EmbeddedDocs.files.map { ($0.path, $0.text) }, source: "embedded")

    /// Where the pages came from: `embedded`, `directory:<path>` or `cache:<path>`.
    public let source: String
    /// Parsed on first use, so starting the server does not pay for pages nobody reads yet.
    private let storage: Lazy<Contents>

    /// Every file: `llms.txt` first, then the rest sorted by path.
    public var pages: [DocPage] { storage.value.pages }
    var parsed: [ParsedPage] { storage.value.parsed }
    private var pageByPath: [String: Int] { storage.value.pageByPath }
    private var pageByLowercasedPath: [String: Int] { storage.value.pageByLowercasedPath }
    private var errorByCode: [String: (page: Int, heading: Int)] { storage.value.errorByCode }
    private var errorByLowercasedCode: [String: (page: Int, heading: Int)] { storage.value.errorByLowercasedCode }
    private var index: Lazy<SearchIndex> { storage.value.index }

    /// Builds a library from `(path, text)` pairs; paths are relative to `llms/` and use `/`. Parsing happens on
    /// first use.
    public init(files: [(path: String, text: String)], source: String) {
        self.source = source
        self.storage = Lazy { Contents(files: files) }
    }

    /// The resource templates this library answers, for `resources/templates/list`.
    public static let templates: [(uriTemplate: String, name: String, description: String)] = [
        (
            "vod://docs/api/{action}", "VOD API operation",
            "Reference page of one VOD API operation, by its Action name (e.g. GetVideoInfo)."
        ),
        (
            "vod://docs/errors/{code}", "VOD error code",
            "What one VOD error code means and how to fix it, by its exact code (e.g. InvalidVideo.NotFound)."
        ),
    ]

    /// The Action names that have an `API Reference/<Action>.md` page, sorted.
    public var actionNames: [String] {
        pages.filter { $0.path.hasPrefix(DocURI.apiFolder) && $0.path.hasSuffix(".md") }
            .map { ParsedPage.stem(of: $0.path) }.sorted()
    }

    /// The error codes that have a `## <Code>` section on an Error Codes page, sorted.
    public var errorCodes: [String] { errorByCode.keys.sorted() }

    /// The URI of the page at `path` (relative to `llms/`), whether or not it exists.
    public static func uri(forPath path: String) -> String { DocURI.uri(forPath: path) }

    /// The URI of `vod://docs/errors/<code>`, percent-encoded.
    public static func errorURI(_ code: String) -> String { DocURI.errorsPrefix + DocURI.encode(code) }

    /// The URI `vod://docs/api/<action>`.
    public static func apiURI(_ action: String) -> String { DocURI.apiPrefix + DocURI.encode(action) }

    // MARK: Reading

    /// The page a URI points into: a page URI (any fragment ignored), `vod://docs/api/<Action>`, or the Error Codes
    /// page holding `vod://docs/errors/<Code>`.
    public func page(uri: String) -> DocPage? {
        guard let parts = DocURI.parse(uri) else { return nil }
        if let index = pageIndex(path: parts.path) { return parsed[index].page }
        if let error = errorLocation(parts.path) { return parsed[error.page].page }
        return nil
    }

    /// The section a URI names: `<page>#<slug>` or `vod://docs/errors/<Code>`; `nil` for a whole page.
    public func section(uri: String) -> DocSection? {
        guard let parts = DocURI.parse(uri) else { return nil }
        if pageIndex(path: parts.path) == nil, let error = errorLocation(parts.path) {
            let page = parsed[error.page]
            return page.section(page.headings[error.heading])
        }
        guard let index = pageIndex(path: parts.path), let fragment = parts.fragment else { return nil }
        let page = parsed[index]
        let wanted = DocURI.slug(fragment)
        guard
            let heading = page.headings.first(where: { $0.slug == fragment })
                ?? page.headings.first(where: { $0.slug == wanted })
        else { return nil }
        return page.section(heading)
    }

    /// The text behind any docs URI: a page, a page section, `vod://docs/api/<Action>` or `vod://docs/errors/<Code>`.
    public func read(uri: String) -> String? {
        guard let parts = DocURI.parse(uri) else { return nil }
        if parts.fragment != nil || (pageIndex(path: parts.path) == nil && errorLocation(parts.path) != nil) {
            return section(uri: uri)?.text
        }
        return page(uri: uri)?.text
    }

    /// Whether `read(uri:)` finds something.
    public func resolves(_ uri: String) -> Bool { read(uri: uri) != nil }

    /// The `##` sections of the page at `uri`, in order.
    public func sections(ofPage uri: String) -> [DocSection] {
        guard let parts = DocURI.parse(uri), let index = pageIndex(path: parts.path) else { return [] }
        let page = parsed[index]
        return page.topSections.map(page.section)
    }

    /// The page index for a path or the `api/<Action>` template. Exact first, then ignoring case.
    private func pageIndex(path: String) -> Int? {
        if let index = pageByPath[path] { return index }
        var candidate = path
        if path.hasPrefix("api/") {
            candidate = DocURI.apiFolder + path.dropFirst("api/".count) + ".md"
            if let index = pageByPath[candidate] { return index }
        }
        return pageByLowercasedPath[candidate.lowercased()]
    }

    private func errorLocation(_ path: String) -> (page: Int, heading: Int)? {
        guard path.hasPrefix("errors/") else { return nil }
        let code = String(path.dropFirst("errors/".count))
        return errorByCode[code] ?? errorByLowercasedCode[code.lowercased()]
    }

    // MARK: Search

    /// The `limit` sections that best match `query`, best first. Deterministic; the index is built on first use.
    public func search(_ query: String, limit: Int) -> [DocSearchHit] {
        let index = self.index.value
        let queryTerms = Set(Tokenizer.terms(query))
        return index.search(query, limit: limit).map { match in
            DocSearchHit(
                uri: match.entry.uri, title: match.entry.title, heading: match.entry.heading,
                snippet: Snippet.best(in: match.entry.text, terms: queryTerms), score: match.score)
        }
    }

    /// Builds the search index now rather than on the first query (e.g. at server start).
    public func warmUp() { _ = index.value }
}

/// The parsed form of a library's files.
private struct Contents {
    let parsed: [ParsedPage]
    let pages: [DocPage]
    let pageByPath: [String: Int]
    let pageByLowercasedPath: [String: Int]
    let errorByCode: [String: (page: Int, heading: Int)]
    let errorByLowercasedCode: [String: (page: Int, heading: Int)]
    /// Built on the first search (or `warmUp`).
    let index: Lazy<SearchIndex>

    init(files: [(path: String, text: String)]) {
        let sorted = files.sorted { lhs, rhs in
            if (lhs.path == "llms.txt") != (rhs.path == "llms.txt") { return lhs.path == "llms.txt" }
            return lhs.path.utf8.lexicographicallyPrecedes(rhs.path.utf8)
        }
        var parsed: [ParsedPage] = []
        var byPath: [String: Int] = [:]
        var byLowercasedPath: [String: Int] = [:]
        var errors: [String: (page: Int, heading: Int)] = [:]
        var errorsLowercased: [String: (page: Int, heading: Int)] = [:]
        for file in sorted where byPath[file.path] == nil {
            let page = ParsedPage(path: file.path, text: file.text)
            let pageIndex = parsed.count
            parsed.append(page)
            byPath[file.path] = pageIndex
            if byLowercasedPath[file.path.lowercased()] == nil { byLowercasedPath[file.path.lowercased()] = pageIndex }
            guard ErrorCodeHeading.isCodePage(file.path) else { continue }
            for (headingIndex, heading) in page.headings.enumerated() where heading.level == 2 {
                let code = ErrorCodeHeading.code(from: heading.text)
                guard ErrorCodeHeading.isCode(code) else { continue }
                if errors[code] == nil { errors[code] = (pageIndex, headingIndex) }
                if errorsLowercased[code.lowercased()] == nil {
                    errorsLowercased[code.lowercased()] = (pageIndex, headingIndex)
                }
            }
        }
        self.parsed = parsed
        self.pages = parsed.map(\.page)
        self.pageByPath = byPath
        self.pageByLowercasedPath = byLowercasedPath
        self.errorByCode = errors
        self.errorByLowercasedCode = errorsLowercased
        self.index = Lazy { [parsed] in SearchIndex(pages: parsed) }
    }
}
