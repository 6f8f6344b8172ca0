/// One file of the documentation set (the `llms.txt` index or a markdown page).
public struct DocPage: Sendable, Equatable {
    /// Path relative to the `llms/` folder, e.g. `Media Upload/Upload from URL.md`.
    public let path: String
    /// The resource URI, e.g. `vod://docs/Media%20Upload/Upload%20from%20URL.md`.
    public let uri: String
    /// The text of the first `# ` heading, or the file name without extension when there is none.
    public let title: String
    /// The first paragraph after the title, joined onto one line.
    public let summary: String
    /// The whole file.
    public let text: String

    /// Creates a page; `DocLibrary` builds these from files.
    public init(path: String, uri: String, title: String, summary: String, text: String) {
        self.path = path
        self.uri = uri
        self.title = title
        self.summary = summary
        self.text = text
    }
}

/// One heading of a page together with its body (up to the next heading of the same or a higher level).
public struct DocSection: Sendable, Equatable {
    /// The page URI plus `#<slug>` (GitHub-style heading slug).
    public let uri: String
    /// Title of the page the section belongs to.
    public let pageTitle: String
    /// The heading text without the leading `#`s.
    public let heading: String
    /// The heading line and everything under it.
    public let text: String

    /// Creates a section; `DocLibrary` builds these from pages.
    public init(uri: String, pageTitle: String, heading: String, text: String) {
        self.uri = uri
        self.pageTitle = pageTitle
        self.heading = heading
        self.text = text
    }
}

/// A ranked search result: a section of a page (or a page's introduction, when `heading` is `nil`).
public struct DocSearchHit: Sendable, Equatable {
    /// URI to read: the page URI, or the page URI plus `#<slug>` for a section.
    public let uri: String
    /// Title of the page.
    public let title: String
    /// Heading of the matching section; `nil` for the part of the page before its first `##`.
    public let heading: String?
    /// One line of the section that best matches the query, trimmed to a few hundred characters.
    public let snippet: String
    /// Relevance; higher is better. Only meaningful relative to other hits of the same query.
    public let score: Double

    /// Creates a hit; `DocLibrary.search` builds these.
    public init(uri: String, title: String, heading: String?, snippet: String, score: Double) {
        self.uri = uri
        self.title = title
        self.heading = heading
        self.snippet = snippet
        self.score = score
    }
}
