/// The subset of SearchMedia's `Match` syntax the sandbox understands.
///
/// Grammar: `expr := conj ("or" conj)*`, `conj := term ("and" term)*`,
/// `term := "(" expr ")" | FIELD "=" VALUE | FIELD "!=" VALUE | FIELD "in" "(" VALUE ("," VALUE)* ")"`.
/// VALUE is `'text'`, `"text"`, a number or a bare word. Keywords are case-insensitive. As on the service, `=` on
/// Title, Description and Tags matches a contained substring (case-insensitive); every other comparison is exact.
indirect enum SearchMatch: Sendable {
    case equals(String, String)
    case notEquals(String, String)
    case oneOf(String, [String])
    case and(SearchMatch, SearchMatch)
    case or(SearchMatch, SearchMatch)

    struct SyntaxError: Error {
        var message: String
    }

    static let fuzzyFields: Set<String> = ["Title", "Description", "Tags"]

    func matches(_ fields: [String: String]) -> Bool {
        switch self {
        case .equals(let field, let value):
            let actual = fields[field] ?? ""
            if Self.fuzzyFields.contains(field) { return actual.lowercased().contains(value.lowercased()) }
            return actual == value
        case .notEquals(let field, let value):
            return (fields[field] ?? "") != value
        case .oneOf(let field, let values):
            return values.contains(fields[field] ?? "")
        case .and(let lhs, let rhs):
            return lhs.matches(fields) && rhs.matches(fields)
        case .or(let lhs, let rhs):
            return lhs.matches(fields) || rhs.matches(fields)
        }
    }

    static func parse(_ text: String) throws(SyntaxError) -> SearchMatch {
        var parser = Parser(tokens: try tokenize(text))
        let result = try parser.expression()
        guard parser.atEnd else { throw SyntaxError(message: "unexpected \(parser.peek ?? "") near the end") }
        return result
    }

    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case symbol(String)

        var text: String {
            switch self {
            case .word(let value), .quoted(let value), .symbol(let value): return value
            }
        }
    }

    static func tokenize(_ text: String) throws(SyntaxError) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character.isWhitespace {
                index = text.index(after: index)
            } else if character == "'" || character == "\"" {
                var value = ""
                var cursor = text.index(after: index)
                var closed = false
                while cursor < text.endIndex {
                    if text[cursor] == character {
                        closed = true
                        break
                    }
                    value.append(text[cursor])
                    cursor = text.index(after: cursor)
                }
                guard closed else { throw SyntaxError(message: "unterminated quote") }
                tokens.append(.quoted(value))
                index = text.index(after: cursor)
            } else if character == "!" {
                let next = text.index(after: index)
                guard next < text.endIndex, text[next] == "=" else { throw SyntaxError(message: "stray '!'") }
                tokens.append(.symbol("!="))
                index = text.index(after: next)
            } else if "=(),".contains(character) {
                tokens.append(.symbol(String(character)))
                index = text.index(after: index)
            } else {
                var value = ""
                while index < text.endIndex, !text[index].isWhitespace, !"=(),!'\"".contains(text[index]) {
                    value.append(text[index])
                    index = text.index(after: index)
                }
                tokens.append(.word(value))
            }
        }
        return tokens
    }

    struct Parser {
        var tokens: [Token]
        var position = 0

        var atEnd: Bool { position >= tokens.count }
        var peek: String? { atEnd ? nil : tokens[position].text }

        mutating func next() throws(SyntaxError) -> Token {
            guard !atEnd else { throw SyntaxError(message: "the expression ends too early") }
            defer { position += 1 }
            return tokens[position]
        }

        mutating func keyword(_ word: String) -> Bool {
            if !atEnd, case .word(let value) = tokens[position], value.lowercased() == word {
                position += 1
                return true
            }
            return false
        }

        mutating func expect(_ symbol: String) throws(SyntaxError) {
            let token = try next()
            guard token == .symbol(symbol) else {
                throw SyntaxError(message: "expected \(symbol) before \(token.text)")
            }
        }

        mutating func expression() throws(SyntaxError) -> SearchMatch {
            var result = try conjunction()
            while keyword("or") { result = .or(result, try conjunction()) }
            return result
        }

        mutating func conjunction() throws(SyntaxError) -> SearchMatch {
            var result = try term()
            while keyword("and") { result = .and(result, try term()) }
            return result
        }

        mutating func term() throws(SyntaxError) -> SearchMatch {
            if !atEnd, tokens[position] == .symbol("(") {
                position += 1
                let inner = try expression()
                try expect(")")
                return inner
            }
            guard case .word(let field) = try next(), !field.isEmpty else {
                throw SyntaxError(message: "expected a field name")
            }
            if keyword("in") {
                try expect("(")
                var values = [try value()]
                while !atEnd, tokens[position] == .symbol(",") {
                    position += 1
                    values.append(try value())
                }
                try expect(")")
                return .oneOf(field, values)
            }
            let op = try next()
            switch op {
            case .symbol("="): return .equals(field, try value())
            case .symbol("!="): return .notEquals(field, try value())
            default: throw SyntaxError(message: "unsupported operator \(op.text) after \(field)")
            }
        }

        mutating func value() throws(SyntaxError) -> String {
            switch try next() {
            case .quoted(let text), .word(let text): return text
            case .symbol(let symbol): throw SyntaxError(message: "expected a value, found \(symbol)")
            }
        }
    }
}
