public import MCPCore
import TextSupport

/// Checks a JSON value against a value-shape schema (see `ValueShape` for the subset understood) and reports every
/// departure at once, each named by its path: `TranscodeTemplateList[0].Video.Bitrate`.
///
/// The same checker serves tool-call validation (before anything is sent) and the sandbox, so both refuse what
/// the documented shape does not allow.
public struct ShapeChecker: Sendable {
    /// At most this many problems are reported for one value; a hostile value cannot grow the answer unboundedly.
    public static let problemLimit = 50
    /// Values nested deeper than this are refused rather than walked.
    public static let depthLimit = 32

    public init() {}

    /// Every problem of `value` against `schema`; empty when the value fits. `path` names the value itself.
    public func problems(in value: JSONValue, schema: JSONValue, path: String) -> [ShapeProblem] {
        var walk = Walk()
        walk.check(value, schema, path: path, depth: 0)
        return walk.problems
    }

    /// Problems of `value` against a `ValueShape`, choosing the variant from `selectorValue` (the value of the
    /// shape's selector parameter, e.g. TemplateType). Without a selector the value must fit one of the variants;
    /// when it fits none, the problems of the closest one are reported. Free-form shapes accept any value.
    public func problems(in value: JSONValue, shape: ValueShape, selectorValue: String?, path: String) -> [ShapeProblem]
    {
        if shape.isFreeForm { return [] }
        if let single = shape.single {
            return problems(in: value, schema: single.schema, path: path)
        }
        if shape.selector != nil {
            // An unknown or missing selector is reported on the selector parameter itself.
            guard let selectorValue, let variant = shape.variants[selectorValue] else { return [] }
            return problems(in: value, schema: variant.schema, path: path)
        }
        var best: (key: String, problems: [ShapeProblem])?
        for key in shape.variants.keys.sorted() {
            guard let variant = shape.variants[key] else { continue }
            let found = problems(in: value, schema: variant.schema, path: path)
            if found.isEmpty { return [] }
            if best == nil || found.count < best?.problems.count ?? Int.max { best = (key, found) }
        }
        guard let best else { return [] }
        let names = shape.variants.keys.sorted().joined(separator: ", ")
        return best.problems.map {
            ShapeProblem(
                path: $0.path, kind: $0.kind,
                message: $0.message + " (Checked as the \(best.key) shape, the closest of \(names).)",
                suggestion: $0.suggestion)
        }
    }
}

private struct Walk {
    var problems: [ShapeProblem] = []

    mutating func add(_ path: String, _ kind: ArgumentProblem.Kind, _ message: String, suggestion: String? = nil) {
        guard problems.count < ShapeChecker.problemLimit else { return }
        problems.append(ShapeProblem(path: path, kind: kind, message: "\(path): \(message)", suggestion: suggestion))
    }

    mutating func check(_ value: JSONValue, _ schema: JSONValue, path: String, depth: Int) {
        guard problems.count < ShapeChecker.problemLimit else { return }
        guard depth <= ShapeChecker.depthLimit else {
            add(path, .wrongType, "nested more than \(ShapeChecker.depthLimit) levels deep.")
            return
        }
        let types = typeNames(schema["type"])
        if !types.isEmpty && !matches(value, types) {
            add(path, .wrongType, "must be \(typePhrase(types)); got \(describeValue(value)).")
            return
        }
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            reportEnum(value, allowed, path: path)
        }
        switch value {
        case .string(let text):
            checkString(text, schema, numericAllowed: numericText(types), path: path)
        case .int, .double:
            checkBounds(value.doubleValue ?? 0, schema, path: path)
        case .array(let elements):
            checkArray(elements, schema, path: path, depth: depth)
        case .object(let members):
            checkObject(members, schema, path: path, depth: depth)
        case .bool, .null:
            break
        }
    }

    // MARK: - Types

    private func typeNames(_ type: JSONValue?) -> [String] {
        switch type {
        case .string(let name)?: return [name]
        case .array(let names)?: return names.compactMap(\.stringValue)
        default: return []
        }
    }

    private func matches(_ value: JSONValue, _ types: [String]) -> Bool {
        switch value {
        case .string(let text):
            guard types.contains("string") else { return false }
            // A string standing in for a number (type [integer or number, string]) must be numeric text.
            guard numericText(types) else { return true }
            return numericValue(text, integer: !types.contains("number")) != nil
        case .int: return types.contains("integer") || types.contains("number")
        case .double:
            return types.contains("number") || (types.contains("integer") && value.intValue != nil)
        case .bool: return types.contains("boolean")
        case .null: return types.contains("null")
        case .array: return types.contains("array")
        case .object: return types.contains("object")
        }
    }

    /// Whether the type list means "a number, or the same number as text".
    private func numericText(_ types: [String]) -> Bool {
        types.contains("string") && types.allSatisfy { ["integer", "number", "string"].contains($0) }
            && (types.contains("integer") || types.contains("number"))
    }

    private func typePhrase(_ types: [String]) -> String {
        let numeric = numericText(types)
        var words: [String] = []
        for type in types {
            switch type {
            case "integer": words.append("an integer")
            case "number": words.append("a number")
            case "string": words.append(numeric ? "numeric text such as \"1500\"" : "a string")
            case "boolean": words.append("a boolean")
            case "array": words.append("an array")
            case "object": words.append("an object")
            default: words.append(type)
            }
        }
        return words.joined(separator: " or ")
    }

    // MARK: - Scalars

    private mutating func checkString(_ text: String, _ schema: JSONValue, numericAllowed: Bool, path: String) {
        if numericAllowed, let number = numericValue(text, integer: false) {
            checkBounds(number, schema, path: path)
        }
        if let limit = schema["maxLength"]?.intValue, text.utf8.count > limit {
            add(path, .tooLong, "has \(text.utf8.count) bytes (UTF-8); at most \(limit) are allowed.")
        }
        // The standard library's Regex, on Unicode scalars as ICU's NSRegularExpression matched: the catalog's
        // patterns (character classes with ^ and $) read the same in both syntaxes.
        if let pattern = schema["pattern"]?.stringValue,
            let expression = try? Regex(pattern).matchingSemantics(.unicodeScalar),
            (try? expression.firstMatch(in: text)) == nil
        {
            add(path, .wrongType, "'\(clip(text))' does not match \(pattern).")
        }
    }

    private mutating func checkBounds(_ number: Double, _ schema: JSONValue, path: String) {
        let low = schema["minimum"]?.doubleValue
        let high = schema["maximum"]?.doubleValue
        guard (low.map { number < $0 } ?? false) || (high.map { number > $0 } ?? false) else { return }
        let range: String
        switch (low, high) {
        case (let low?, let high?): range = "between \(format(low)) and \(format(high))"
        case (let low?, nil): range = "at least \(format(low))"
        case (nil, let high?): range = "at most \(format(high))"
        case (nil, nil): range = ""
        }
        var message = "must be \(range); got \(format(number))."
        if let unit = schema["description"]?.stringValue, !unit.isEmpty { message += " (\(unit))" }
        add(path, .outOfRange, message)
    }

    private mutating func reportEnum(_ value: JSONValue, _ allowed: [JSONValue], path: String) {
        let texts = allowed.map { $0.stringValue ?? $0.encodedString() }
        var unique: [String] = []
        for text in texts where !unique.contains(text) { unique.append(text) }
        let given = value.stringValue ?? value.encodedString()
        let suggestion = closestValue(given, among: unique)
        var message = "must be one of \(unique.joined(separator: ", ")); got \(describeValue(value))."
        if let suggestion { message += " Did you mean '\(suggestion)'?" }
        add(path, .notInEnum, message, suggestion: suggestion)
    }

    // MARK: - Containers

    private mutating func checkArray(_ elements: [JSONValue], _ schema: JSONValue, path: String, depth: Int) {
        if let low = schema["minItems"]?.intValue, elements.count < low {
            add(path, .missingRequired, "needs at least \(low) item\(low == 1 ? "" : "s"); got \(elements.count).")
        }
        if let high = schema["maxItems"]?.intValue, elements.count > high {
            add(path, .tooManyItems, "has \(elements.count) items; at most \(high) are allowed.")
        }
        guard let items = schema["items"] else { return }
        for (index, element) in elements.enumerated() {
            check(element, items, path: "\(path)[\(index)]", depth: depth + 1)
        }
    }

    private mutating func checkObject(_ members: [String: JSONValue], _ schema: JSONValue, path: String, depth: Int) {
        let properties = schema["properties"]?.objectValue ?? [:]
        for name in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
            var message = "missing required member '\(name)'"
            if let description = properties[name]?["description"]?.stringValue { message += " (\(description))" }
            if let values = properties[name]?["enum"]?.arrayValue {
                message += "; one of \(values.map { $0.stringValue ?? $0.encodedString() }.joined(separator: ", "))"
            }
            add(path, .missingRequired, message + ".")
        }
        for name in members.keys.sorted() {
            guard let member = members[name] else { continue }
            let memberPath = "\(path).\(name)"
            if let property = properties[name] {
                check(member, property, path: memberPath, depth: depth + 1)
                continue
            }
            switch schema["additionalProperties"] {
            case .bool(false)?:
                reportUnknownMember(name, properties: properties, path: path)
            case let extra? where extra.objectValue != nil:
                check(member, extra, path: memberPath, depth: depth + 1)
            default:
                break
            }
        }
    }

    private mutating func reportUnknownMember(_ name: String, properties: [String: JSONValue], path: String) {
        let known = properties.keys.sorted()
        var suggestion = closestValue(name, among: known)
        var hint = ""
        if let suggestion {
            hint = " Did you mean '\(suggestion)'?"
        } else {
            // A member of a nested object written one level too high, e.g. Codec beside Video instead of inside it.
            let nested = known.filter { properties[$0]?["properties"]?[name] != nil }.map { "\($0).\(name)" }
            if !nested.isEmpty {
                suggestion = nested[0]
                hint = " It belongs inside an object: \(nested.map { "'\($0)'" }.joined(separator: " or "))."
            }
        }
        let list = known.isEmpty ? "none" : known.joined(separator: ", ")
        add(
            path, .unknownParameter, "unknown member '\(clip(name))'.\(hint) Allowed members: \(list).",
            suggestion: suggestion)
    }
}

/// The number in numeric text ("1500", "0.5"), or nil. With `integer`, fractions are refused.
private func numericValue(_ text: String, integer: Bool) -> Double? {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty, trimmed.utf8.count <= 40 else { return nil }
    if let whole = Int64(trimmed) { return Double(whole) }
    guard !integer, trimmed.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" }), let number = Double(trimmed),
        number.isFinite
    else { return nil }
    return number
}

/// The closest allowed spelling: the same letters ignoring case and punctuation (h264 -> H.264), then
/// closestNames (edit distance or containment, e.g. pornography -> porn).
private func closestValue(_ given: String, among candidates: [String]) -> String? {
    func squash(_ text: String) -> String { text.lowercased().filter { $0.isLetter || $0.isNumber } }
    let squashed = squash(given)
    if !squashed.isEmpty, let same = candidates.first(where: { squash($0) == squashed }) { return same }
    return closestNames(to: given, among: candidates, limit: 1).first
}

private func format(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
    return String(number)
}

private func describeValue(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return "\"\(clip(text))\""
    case .array, .object: return value.kindName
    default: return "\(value.kindName) \(value.encodedString())"
    }
}
