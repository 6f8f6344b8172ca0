import TextSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// BM25 over sections: each page's introduction and each of its `##` sections is one document.
///
/// The heading's terms count three times and the page title's terms once more, so a query that names a topic finds
/// the section about it before sections that merely mention it. On top of that, a query that is exactly an error
/// code, an API Action name or a page title puts that section or page first.
struct SearchIndex: Sendable {
    struct Entry: Sendable {
        var uri: String
        var title: String
        var heading: String?
        var text: String
        var length: Double
        /// Index of the page's introduction entry (itself for an introduction).
        var pageEntry: Int
        /// The page title's terms, kept on introductions only (for the title-coverage bonus).
        var titleTerms: Set<String> = []
    }

    struct Posting: Sendable {
        var entry: Int
        var frequency: Double
    }

    static let k1 = 1.2
    static let b = 0.75
    static let headingWeight = 3
    static let introTitleWeight = 3
    static let sectionTitleWeight = 1
    /// Added to a page's introduction in proportion to the share of query terms its title contains.
    static let titleCoverageBonus = 5.0

    private(set) var entries: [Entry] = []
    private var postings: [String: [Posting]] = [:]
    /// BM25 length normalisation per entry: k1 * (1 - b + b * length / averageLength).
    private var norms: [Double] = []
    /// Lowercased exact names → entries to put first: error codes → their section; Actions and titles → introductions.
    private var exactCodes: [String: Int] = [:]
    private var exactPages: [String: Int] = [:]

    init(pages: [ParsedPage]) {
        var totalLength = 0.0
        for parsed in pages {
            let page = parsed.page
            let titleTerms = Tokenizer.terms(page.title)
            let intro = entries.count
            add(
                Entry(
                    uri: page.uri, title: page.title, heading: nil, text: parsed.introduction, length: 0,
                    pageEntry: intro, titleTerms: Set(titleTerms)),
                extraTerms: repeated(titleTerms, Self.introTitleWeight), totalLength: &totalLength)
            let titleKey = page.title.lowercased()
            if exactPages[titleKey] == nil { exactPages[titleKey] = intro }
            if page.path.hasPrefix(DocURI.apiFolder) {
                exactPages[ParsedPage.stem(of: page.path).lowercased()] = intro
            }
            for heading in parsed.topSections {
                let section = parsed.section(heading)
                let index = entries.count
                add(
                    Entry(
                        uri: section.uri, title: page.title, heading: heading.text, text: section.text, length: 0,
                        pageEntry: intro),
                    extraTerms: repeated(Tokenizer.terms(heading.text), Self.headingWeight)
                        + repeated(titleTerms, Self.sectionTitleWeight),
                    totalLength: &totalLength)
                if ErrorCodeHeading.isCodePage(page.path) {
                    let code = ErrorCodeHeading.code(from: heading.text)
                    if ErrorCodeHeading.isCode(code), exactCodes[code.lowercased()] == nil {
                        exactCodes[code.lowercased()] = index
                    }
                }
            }
        }
        let averageLength = entries.isEmpty ? 1 : max(totalLength / Double(entries.count), 1)
        norms = entries.map { Self.k1 * (1 - Self.b + Self.b * $0.length / averageLength) }
    }

    private func repeated(_ terms: [String], _ times: Int) -> [String] {
        Array([[String]](repeating: terms, count: times).joined())
    }

    private mutating func add(_ entry: Entry, extraTerms: [String], totalLength: inout Double) {
        var entry = entry
        let terms = Tokenizer.terms(entry.text) + extraTerms
        var counts: [String: Int] = [:]
        for term in terms { counts[term, default: 0] += 1 }
        entry.length = Double(terms.count)
        totalLength += entry.length
        let index = entries.count
        entries.append(entry)
        for (term, count) in counts {
            postings[term, default: []].append(Posting(entry: index, frequency: Double(count)))
        }
    }

    /// Score of every entry (zero when it does not match); deterministic for a given index and query.
    func scores(for query: String) -> [Double] {
        var scores = [Double](repeating: 0, count: entries.count)
        let count = Double(entries.count)
        let queryTerms = Set(Tokenizer.terms(query))
        for term in queryTerms {
            guard let list = postings[term] else { continue }
            let idf = log(1 + (count - Double(list.count) + 0.5) / (Double(list.count) + 0.5))
            for posting in list {
                let frequency = posting.frequency
                scores[posting.entry] += idf * frequency * (Self.k1 + 1) / (frequency + norms[posting.entry])
            }
        }
        if !queryTerms.isEmpty {
            for index in scores.indices where scores[index] > 0 && !entries[index].titleTerms.isEmpty {
                let covered = queryTerms.intersection(entries[index].titleTerms).count
                scores[index] += Self.titleCoverageBonus * Double(covered) / Double(queryTerms.count)
            }
        }
        applyExactBoosts(query, to: &scores)
        return scores
    }

    /// Exact names win: the whole query, or one word of it, naming an error code, an Action or a page title.
    private func applyExactBoosts(_ query: String, to scores: inout [Double]) {
        let whole = query.trimmingWhitespaceAndNewlines().lowercased()
        let words = whole.split(whereSeparator: \.isWhitespace).map {
            $0.trimming(charactersIn: "`'\"“”‘’,;:()[]{}<>?!")
        }
        if let entry = exactCodes[whole] { scores[entry] += 1000 }
        if let entry = exactPages[whole] { scores[entry] += 500 }
        for word in Set(words) where word != whole {
            if let entry = exactCodes[word] { scores[entry] += 100 }
            if let entry = exactPages[word] { scores[entry] += 50 }
        }
    }

    /// The `limit` best entries: highest score first, ties broken by URI.
    func search(_ query: String, limit: Int) -> [(entry: Entry, score: Double)] {
        guard limit > 0, !entries.isEmpty else { return [] }
        let scores = scores(for: query)
        let matching = scores.indices.filter { scores[$0] > 0 }
        let ranked = matching.sorted {
            scores[$0] != scores[$1] ? scores[$0] > scores[$1] : entries[$0].uri < entries[$1].uri
        }
        return ranked.prefix(limit).map { (entries[$0], scores[$0]) }
    }
}

/// Error Codes pages give each code its own `## <Code>` heading; tolerate backticks around it.
enum ErrorCodeHeading {
    static func code(from heading: String) -> String {
        heading.trimming(charactersIn: "` ")
    }

    /// Whether a page lists codes as its `##` sections: any Error Codes page but the folder's Overview (an index).
    static func isCodePage(_ path: String) -> Bool {
        path.hasPrefix(DocURI.errorsFolder) && path != DocURI.errorsFolder + "Overview.md"
    }

    /// Codes are one word (`InvalidVideo.NotFound`); headings such as "How to read a failure" are not codes.
    static func isCode(_ text: String) -> Bool {
        !text.isEmpty && !text.contains { $0.isWhitespace }
    }
}
