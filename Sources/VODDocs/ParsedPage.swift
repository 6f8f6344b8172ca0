/// A page split into lines and headings, so sections can be cut out without re-parsing.
struct ParsedPage: Sendable {
    /// One ATX heading (`#` to `######`) outside fenced code.
    struct Heading: Sendable {
        var level: Int
        var text: String
        var slug: String
        /// Line index of the heading itself.
        var line: Int
        /// Line index one past the end of the section (next heading of the same or a higher level, or end of file).
        var end: Int
    }

    let page: DocPage
    let lines: [Substring]
    let headings: [Heading]

    init(path: String, text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        var headings: [Heading] = []
        var inFence: Substring?
        var slugCounts: [String: Int] = [:]
        for (index, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " }
            if let fence = inFence {
                if trimmed.hasPrefix(fence) { inFence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence = trimmed.prefix(3)
                continue
            }
            guard line.count - trimmed.count < 4, let (level, text) = Self.heading(trimmed) else { continue }
            let base = DocURI.slug(text)
            let seen = slugCounts[base, default: 0]
            slugCounts[base] = seen + 1
            headings.append(
                Heading(
                    level: level, text: text, slug: seen == 0 ? base : "\(base)-\(seen)", line: index, end: lines.count)
            )
        }
        for index in headings.indices {
            if let next = headings[(index + 1)...].first(where: { $0.level <= headings[index].level }) {
                headings[index].end = next.line
            }
        }
        let titleHeading = headings.first { $0.level == 1 }
        let title = titleHeading?.text ?? Self.stem(of: path)
        let summary = Self.summary(lines: lines, after: titleHeading?.line ?? -1)
        self.lines = lines
        self.headings = headings
        self.page = DocPage(path: path, uri: DocURI.uri(forPath: path), title: title, summary: summary, text: text)
    }

    /// The text of lines `range`, without trailing blank lines.
    func text(lines range: Range<Int>) -> String {
        var slice = lines[range]
        while let last = slice.last, last.allSatisfy(\.isWhitespace) { slice = slice.dropLast() }
        return slice.joined(separator: "\n")
    }

    /// The section under `heading`, as a public value.
    func section(_ heading: Heading) -> DocSection {
        DocSection(
            uri: page.uri + "#" + heading.slug, pageTitle: page.title, heading: heading.text,
            text: text(lines: heading.line..<heading.end))
    }

    /// The level-2 sections in order: the units that search ranks.
    var topSections: [Heading] { headings.filter { $0.level == 2 } }

    /// The lines before the first `##` (title and introduction).
    var introduction: String {
        text(lines: 0..<(topSections.first?.line ?? lines.count))
    }

    /// `(level, text)` when `line` is an ATX heading.
    static func heading(_ line: Substring) -> (Int, String)? {
        let level = line.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = line.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingWhitespace()
        // An optional closing sequence of `#`s, preceded by a space.
        let closing = text.reversed().prefix { $0 == "#" }.count
        if closing > 0, closing == text.count || text.dropLast(closing).last == " " {
            text = text.dropLast(closing).trimmingWhitespace()
        }
        return (level, String(text))
    }

    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { return String(name[..<dot]) }
        return name
    }

    /// The first paragraph after line `start`, stopping at a blank line or a heading; `> ` quote marks removed.
    static func summary(lines: [Substring], after start: Int) -> String {
        var parts: [String] = []
        var index = start + 1
        while index < lines.count {
            let line = lines[index].trimmingWhitespace()
            index += 1
            if line.isEmpty {
                if parts.isEmpty { continue } else { break }
            }
            if line.hasPrefix("#") || line.hasPrefix("```") || line.hasPrefix("~~~") { break }
            var content = line
            while content.hasPrefix(">") { content = content.dropFirst().trimmingWhitespace() }
            if !content.isEmpty { parts.append(String(content)) }
        }
        return parts.joined(separator: " ")
    }
}

extension Substring {
    func trimmingWhitespace() -> Substring {
        let start = drop { $0.isWhitespace }
        var end = start
        while let last = end.last, last.isWhitespace { end = end.dropLast() }
        return end
    }
}
