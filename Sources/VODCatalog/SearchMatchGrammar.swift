import TextSupport

/// The filter language of SearchMedia's `Match` and the list form of its `SortBy`, checked before sending.
///
/// Grammar (keywords case-insensitive; documented on llms/Media Asset Management/Search Syntax.md):
///
///     match      := disjunct ("or" disjunct)*
///     disjunct   := condition ("and" condition)*
///     condition  := "(" match ")" | FIELD "=" value | FIELD "in" "(" value ("," value)* ")"
///                 | FIELD "=" "(" [value] "," [value] ")"          range; either end may be left empty
///     value      := 'text' | "text" | number
///     sortBy     := FIELD ":" ("Asc" | "Desc") ("," FIELD ":" ("Asc" | "Desc")){0,2}
///
/// On fuzzy fields (Title, Description, Tags) `=` matches values that contain the text; everywhere else it is
/// exact. Times are UTC, `yyyy-MM-ddTHH:mm:ssZ`. Fields depend on SearchType (video, audio, image, attached).
/// Facts from Alibaba Cloud's "Protocol for media asset search" page
/// (https://www.alibabacloud.com/help/en/vod/developer-reference/protocol-for-media-asset-search).
public enum SearchMatchGrammar {
    /// How a field may be queried.
    public struct Field: Sendable {
        public let name: String
        public let fuzzy: Bool
        public let range: Bool
        public let sortable: Bool
        public let time: Bool
        public let numeric: Bool
    }

    static func field(
        _ name: String, fuzzy: Bool = false, range: Bool = false, sortable: Bool = false,
        time: Bool = false, numeric: Bool = false
    ) -> Field {
        Field(name: name, fuzzy: fuzzy, range: range, sortable: sortable, time: time, numeric: numeric)
    }

    static let common: [Field] = [
        field("Title", fuzzy: true), field("Tags", fuzzy: true), field("CateId", numeric: true),
        field("Status"), field("StorageLocation"), field("AppId"),
        field("CreationTime", range: true, sortable: true, time: true),
        field("ModificationTime", range: true, sortable: true, time: true),
    ]

    /// The fields each SearchType accepts.
    public static let fields: [String: [Field]] = [
        "video": common + [
            field("VideoId"), field("Description", fuzzy: true), field("MediaSource"), field("StorageClass"),
            field("PreprocessStatus"), field("DownloadSwitch"), field("TranscodeMode"),
            field("Duration", range: true, sortable: true, numeric: true),
        ],
        "audio": common + [
            field("AudioId"), field("VideoId"), field("Description", fuzzy: true), field("MediaSource"),
            field("StorageClass"), field("Duration", range: true, sortable: true, numeric: true),
        ],
        "image": common + [
            field("ImageId"), field("Description", fuzzy: true), field("ImageType"), field("StorageClass"),
        ],
        "attached": common + [field("MediaId"), field("Description", fuzzy: true), field("BusinessType")],
    ]

    /// Every problem in a Match expression for `searchType` (default video), as sentences naming the fix.
    public static func problems(match: String, searchType: String?) -> [String] {
        let type = searchType ?? "video"
        let known = fields[type] ?? fields["video"] ?? []
        var parser = MatchParser(text: match, fields: known, searchType: type)
        parser.parse()
        return parser.problems
    }

    /// Every problem in a SortBy value (`CreationTime:Desc`, up to three comma-separated fields; one when
    /// `scrolling`, i.e. paging with ScrollToken).
    public static func problems(sortBy: String, searchType: String?, scrolling: Bool = false) -> [String] {
        let type = searchType ?? "video"
        let sortable = (fields[type] ?? []).filter(\.sortable).map(\.name)
        let items = sortBy.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingWhitespace() }
        var problems: [String] = []
        if items.count > 3 {
            problems.append("SortBy has \(items.count) fields; at most 3 are allowed.")
        } else if scrolling && items.count > 1 {
            problems.append("SortBy has \(items.count) fields; with ScrollToken only one is allowed.")
        }
        var seen: Set<String> = []
        for item in items {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                problems.append(
                    "SortBy item '\(clip(item))' must be Field:Asc or Field:Desc, e.g. CreationTime:Desc.")
                continue
            }
            let name = parts[0]
            if !sortable.contains(name) {
                var message =
                    "SortBy: '\(clip(name))' cannot sort \(type) results; sortable: "
                    + sortable.joined(separator: ", ") + "."
                if let guess = closestNames(to: name, among: sortable, limit: 1).first {
                    message += " Did you mean '\(guess)'?"
                }
                problems.append(message)
            }
            if !["Asc", "Desc"].contains(parts[1]) {
                let fixed = parts[1].lowercased() == "asc" ? "Asc" : parts[1].lowercased() == "desc" ? "Desc" : nil
                problems.append(
                    "SortBy: order '\(clip(parts[1]))' must be Asc or Desc"
                        + (fixed.map { " (write \(name):\($0))." } ?? "."))
            }
            if !seen.insert(name).inserted { problems.append("SortBy names \(name) twice.") }
        }
        return problems
    }
}

private struct MatchParser {
    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case number(String)
        case symbol(String)
        case end
    }

    let fields: [SearchMatchGrammar.Field]
    let searchType: String
    var tokens: [(token: Token, offset: Int)] = []
    var position = 0
    var problems: [String] = []

    init(text: String, fields: [SearchMatchGrammar.Field], searchType: String) {
        self.fields = fields
        self.searchType = searchType
        tokenize(text)
    }

    var current: Token { tokens[position].token }
    var offset: Int { tokens[position].offset }

    mutating func fail(_ message: String) {
        if problems.count < 10 { problems.append(message) }
    }

    // MARK: - Tokens

    private mutating func tokenize(_ text: String) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "'" || character == "\"" {
                var end = index + 1
                while end < characters.count && characters[end] != character { end += 1 }
                if end >= characters.count {
                    fail("Match: the quote \(character) opened at character \(index + 1) is never closed.")
                    tokens.append((.quoted(String(characters[(index + 1)...])), index))
                    index = characters.count
                } else {
                    tokens.append((.quoted(String(characters[(index + 1)..<end])), index))
                    index = end + 1
                }
            } else if "(),=".contains(character) {
                tokens.append((.symbol(String(character)), index))
                index += 1
            } else if character == "!" || character == "<" || character == ">" {
                var end = index + 1
                if end < characters.count && characters[end] == "=" { end += 1 }
                tokens.append((.symbol(String(characters[index..<end])), index))
                index = end
            } else if character.isNumber || character == "-" {
                var end = index + 1
                while end < characters.count && (characters[end].isNumber || characters[end] == ".") { end += 1 }
                tokens.append((.number(String(characters[index..<end])), index))
                index = end
            } else {
                var end = index
                while end < characters.count, !characters[end].isWhitespace, !"(),='\"!<>".contains(characters[end]) {
                    end += 1
                }
                if end == index {
                    fail("Match: unexpected '\(character)' at character \(index + 1).")
                    end += 1
                }
                tokens.append((.word(String(characters[index..<end])), index))
                index = end
            }
        }
        tokens.append((.end, characters.count))
    }

    // MARK: - Grammar

    mutating func parse() {
        guard problems.isEmpty else { return }
        if current == .end {
            fail("Match is empty; omit it to match everything.")
            return
        }
        expression(depth: 0)
        if problems.isEmpty && current != .end {
            fail("Match: unexpected \(describe(current)) at character \(offset + 1); join conditions with and / or.")
        }
    }

    private mutating func expression(depth: Int) {
        guard depth < 20 else { return fail("Match: parentheses nested too deeply.") }
        condition(depth: depth)
        while problems.isEmpty, case .word(let word) = current, ["and", "or"].contains(word.lowercased()) {
            position += 1
            condition(depth: depth)
        }
    }

    private mutating func condition(depth: Int) {
        guard problems.isEmpty else { return }
        if current == .symbol("(") {
            position += 1
            expression(depth: depth + 1)
            guard problems.isEmpty else { return }
            guard current == .symbol(")") else {
                return fail("Match: missing ) for the ( before character \(offset + 1).")
            }
            position += 1
            return
        }
        guard case .word(let name) = current else {
            return fail("Match: expected a field name at character \(offset + 1), found \(describe(current)).")
        }
        let field = resolve(name)
        position += 1
        switch current {
        case .symbol("="):
            position += 1
            if current == .symbol("(") {
                range(field, name: name)
            } else {
                single(field, name: name)
            }
        case .word(let word) where word.lowercased() == "in":
            position += 1
            list(field, name: name)
        case .word(let word) where word.lowercased() == "like":
            let example =
                field?.fuzzy == true
                ? "\(name) = 'text' (on \(name), = already matches values that contain the text; no % wildcards)"
                : "\(name) = 'exact value', or \(name) in ('a','b')"
            fail("Match: 'like' is not part of the search syntax; write \(example).")
        case .symbol(let symbol) where ["!=", "<", ">", "<=", ">="].contains(symbol):
            fail(
                "Match: the operator \(symbol) is not supported; use = for one value, in ('a','b') for several, "
                    + "or a range \(name) = ('from','to') with either end left empty.")
        default:
            fail(
                "Match: after \(name) expected =, in or a range, found \(describe(current)) at character \(offset + 1)."
            )
        }
    }

    /// The field named `name`. A name that differs from a listed field only in case, belongs to another
    /// SearchType, or is within two edits of a listed field is refused as a likely mistake. Any other name is
    /// passed through unchecked (nil, no problem): our field lists could not all be confirmed against a public
    /// page, and refusing a real field would block the caller.
    private mutating func resolve(_ name: String) -> SearchMatchGrammar.Field? {
        if let field = fields.first(where: { $0.name == name }) { return field }
        let names = fields.map(\.name)
        let unknown = "Match: unknown field '\(clip(name))' for SearchType \(searchType)."
        let listed = " Fields: \(names.joined(separator: ", "))."
        if let exact = names.first(where: { $0.lowercased() == name.lowercased() }) {
            fail(unknown + " Field names are case-sensitive: use \(exact)." + listed)
        } else if let other = SearchMatchGrammar.fields.keys.sorted().first(where: { type in
            type != searchType && SearchMatchGrammar.fields[type]?.contains { $0.name == name } == true
        }) {
            fail(unknown + " \(name) is a field of SearchType \(other): set SearchType to \(other)." + listed)
        } else if name.utf8.count <= 64,
            let guess = names.map({ (editDistance($0, name), $0) }).filter({ $0.0 <= 2 }).min(by: { $0.0 < $1.0 })
        {
            fail(unknown + " Did you mean \(guess.1)?" + listed)
        }
        return nil
    }

    private mutating func single(_ field: SearchMatchGrammar.Field?, name: String) {
        guard let text = value(for: name) else { return }
        guard let field else { return }
        if field.range {
            fail(
                "Match: \(name) takes a range: \(name) = ('2024-01-01T00:00:00Z','2024-02-01T00:00:00Z'); "
                    + "leave an end empty for an open range.")
            return
        }
        checkValue(text, field: field)
    }

    private mutating func list(_ field: SearchMatchGrammar.Field?, name: String) {
        guard current == .symbol("(") else {
            return fail("Match: in takes a parenthesised list: \(name) in ('a','b').")
        }
        position += 1
        repeat {
            guard let text = value(for: name) else { return }
            if let field { checkValue(text, field: field) }
            if current == .symbol(",") { position += 1 } else { break }
        } while problems.isEmpty
        guard problems.isEmpty else { return }
        guard current == .symbol(")") else {
            return fail("Match: the in-list of \(name) needs a closing ) at character \(offset + 1).")
        }
        position += 1
        if let field, field.range {
            fail("Match: \(name) takes a range, not a list: \(name) = ('from','to').")
        }
    }

    private mutating func range(_ field: SearchMatchGrammar.Field?, name: String) {
        position += 1  // "("
        var ends: [String?] = []
        for index in 0..<2 {
            if current == .symbol(",") || current == .symbol(")") {
                ends.append(nil)
            } else {
                guard let text = value(for: name) else { return }
                ends.append(text.isEmpty ? nil : text)
            }
            if index == 0 {
                guard current == .symbol(",") else {
                    return fail(
                        "Match: a range is written \(name) = ('from','to'); expected a comma at character "
                            + "\(offset + 1).")
                }
                position += 1
            }
        }
        guard current == .symbol(")") else {
            return fail("Match: the range of \(name) needs a closing ) at character \(offset + 1).")
        }
        position += 1
        guard let field else { return }
        if !field.range {
            fail("Match: \(name) has no range query; use \(name) = 'value' or \(name) in ('a','b').")
            return
        }
        if ends.allSatisfy({ $0 == nil }) { fail("Match: the range of \(name) needs at least one end.") }
        for case let end? in ends { checkValue(end, field: field) }
    }

    /// Reads one value token; nil (with a problem) when there is none.
    private mutating func value(for name: String) -> String? {
        switch current {
        case .quoted(let text), .number(let text):
            position += 1
            return text
        case .word(let word):
            fail("Match: the value '\(clip(word))' of \(name) must be quoted: \(name) = '\(clip(word))'.")
            return nil
        default:
            fail("Match: expected a value for \(name) at character \(offset + 1), found \(describe(current)).")
            return nil
        }
    }

    private mutating func checkValue(_ text: String, field: SearchMatchGrammar.Field) {
        if field.fuzzy && text.contains("%") {
            fail(
                "Match: \(field.name) values are matched as contained text already; drop the % wildcards: "
                    + "\(field.name) = '\(text.replacingLiterally("%", with: ""))'.")
        }
        if field.time && UTCTimeShape(text) != .seconds {
            fail("Match: \(field.name) times are UTC like 2024-05-01T08:00:00Z; got '\(clip(text))'.")
        }
        if field.numeric && Double(text) == nil {
            fail("Match: \(field.name) takes a number; got '\(clip(text))'.")
        }
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case .word(let text): return "'\(clip(text))'"
        case .quoted(let text): return "the text '\(clip(text))'"
        case .number(let text): return "the number \(text)"
        case .symbol(let text): return "'\(text)'"
        case .end: return "the end"
        }
    }
}
