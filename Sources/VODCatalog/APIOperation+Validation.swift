public import MCPCore

extension APIOperation {
    /// The reserved argument every tool accepts: validate and show the request, send nothing.
    public static let dryRunArgument = "DryRun"
    /// The reserved argument of destructive tools: execute without a preview.
    public static let confirmArgument = "Confirm"

    /// Checks tool-call arguments against this operation and encodes them for the wire.
    ///
    /// Every problem is collected and thrown together as `CatalogError.invalidArguments`, so one retry can fix
    /// them all. Friendly conversions (an array for a comma-separated list, an object for a JSON-text parameter,
    /// a number for a string, a numeric string for an integer) are applied and listed in `coercions`.
    public func validate(_ arguments: JSONValue?) throws(CatalogError) -> ValidatedCall {
        var validator = ArgumentValidator(operation: self)
        return try validator.run(arguments)
    }
}

/// One validation pass over one call's arguments.
struct ArgumentValidator {
    let operation: APIOperation
    var problems: [ArgumentProblem] = []
    var coercions: [String] = []
    var wire: [String: String] = [:]
    /// The call's arguments, for checks that depend on another parameter (a shape picked by TemplateType).
    var callArguments: [String: JSONValue] = [:]

    init(operation: APIOperation) {
        self.operation = operation
    }

    private var reservedNames: [String] {
        operation.access == .destructive
            ? [APIOperation.dryRunArgument, APIOperation.confirmArgument] : [APIOperation.dryRunArgument]
    }

    mutating func run(_ arguments: JSONValue?) throws(CatalogError) -> ValidatedCall {
        let members: [String: JSONValue]
        switch arguments {
        case nil, .null?: members = [:]
        case .object(let object)?: members = withoutEmptyFillers(object)
        case let other?:
            let message = "Arguments must be a JSON object mapping parameter names to values, not \(other.kindName)."
            throw .invalidArguments(
                action: operation.action,
                problems: [ArgumentProblem(kind: .notAnObject, parameter: nil, message: message)])
        }

        callArguments = members
        let dryRun = flag(APIOperation.dryRunArgument, in: members)
        var confirm = flag(APIOperation.confirmArgument, in: members)
        if confirm && operation.access != .destructive {
            coercions.append(
                "Confirm ignored: \(operation.action) is not destructive, so it never waits for confirmation.")
            confirm = false
        }

        let known = Set(operation.parameters.map(\.name) + [APIOperation.dryRunArgument, APIOperation.confirmArgument])
        for name in members.keys.sorted() where !known.contains(name) {
            problems.append(unknownParameter(name))
        }

        for parameter in operation.parameters {
            guard let value = members[parameter.name], !value.isNull else {
                if parameter.required {
                    problems.append(missing(parameter))
                } else if members[parameter.name] != nil {
                    coercions.append("\(parameter.name): null ignored; the parameter is left out.")
                }
                continue
            }
            encode(parameter, value)
        }

        for group in operation.requiresOneOf where !group.contains(where: { isPresent(members[$0]) }) {
            let names = group.joined(separator: " or ")
            problems.append(
                ArgumentProblem(
                    kind: .missingRequired, parameter: names,
                    message: "Missing parameter: pass \(names)."))
        }

        if !problems.isEmpty { throw .invalidArguments(action: operation.action, problems: problems) }
        return ValidatedCall(
            operation: operation, wireParameters: wire, coercions: coercions, dryRun: dryRun, confirm: confirm)
    }

    // MARK: - Reserved flags, unknown and missing names

    private mutating func flag(_ name: String, in members: [String: JSONValue]) -> Bool {
        switch members[name] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        case .string(let text)? where ["true", "false"].contains(text.lowercased()):
            coercions.append("\(name): string \"\(text)\" read as boolean \(text.lowercased()).")
            return text.lowercased() == "true"
        case let other?:
            problems.append(
                ArgumentProblem(
                    kind: .wrongType, parameter: name,
                    message: "Parameter '\(name)' must be a boolean (true or false); got \(describe(other))."))
            return false
        }
    }

    private func unknownParameter(_ name: String) -> ArgumentProblem {
        let candidates = operation.parameters.map(\.name) + reservedNames
        if let exact = candidates.first(where: { $0.lowercased() == name.lowercased() }) {
            return ArgumentProblem(
                kind: .unknownParameter, parameter: name,
                message: "Unknown parameter '\(clip(name))'. Names are case-sensitive: use '\(exact)'.",
                suggestion: exact)
        }
        let suggestion = operation.aliases[name]?.first ?? closestNames(to: name, among: candidates, limit: 1).first
        if let suggestion {
            return ArgumentProblem(
                kind: .unknownParameter, parameter: name,
                message: "Unknown parameter '\(clip(name))'. Did you mean '\(suggestion)'?", suggestion: suggestion)
        }
        let accepted = operation.parameters.map(\.name).joined(separator: ", ")
        return ArgumentProblem(
            kind: .unknownParameter, parameter: name,
            message: "Unknown parameter '\(clip(name))'. \(operation.action) accepts: \(accepted).")
    }

    private func missing(_ parameter: OperationParameter) -> ArgumentProblem {
        ArgumentProblem(
            kind: .missingRequired, parameter: parameter.name,
            message:
                "Missing required parameter '\(parameter.name)' (\(parameter.type.rawValue)): \(parameter.description)")
    }

    private func isPresent(_ value: JSONValue?) -> Bool {
        switch value {
        case nil, .null?: return false
        case .string(let text)?: return !text.isEmpty
        default: return true
        }
    }

    // MARK: - Encoding by type

    private mutating func encode(_ parameter: OperationParameter, _ value: JSONValue) {
        switch (parameter.type, parameter.wireFormat) {
        case (.array, .repeatList): encodeRepeatList(parameter, value)
        case (.array, _): encodeJSONArray(parameter, value)
        case (.integer, _): encodeInteger(parameter, value)
        case (.boolean, _): encodeBoolean(parameter, value)
        case (.object, _), (.string, .jsonString), (.string, .jsonArrayString): encodeJSONText(parameter, value)
        case (.string, .commaList): encodeCommaList(parameter, value)
        case (.string, _): encodeString(parameter, value)
        }
    }

    private mutating func encodeString(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        guard var text = scalarText(value) else {
            problems.append(wrongType(parameter, expected: "a string", got: value))
            return
        }
        if value.stringValue == nil {
            coercions.append(
                "\(name): \(value.kindName) \(clip(value.encodedString())) sent as the string \"\(clip(text))\".")
        }
        if parameter.required && text.isEmpty {
            problems.append(missing(parameter))
            return
        }
        if let format = parameter.timeFormat {
            guard let normalized = checkTime(parameter, text, format: format) else { return }
            text = normalized
        }
        if let limit = parameter.maxLength, text.utf8.count > limit {
            problems.append(
                ArgumentProblem(kind: .tooLong, parameter: name, message: byteLengthMessage(name, text, limit)))
        }
        checkEnum(parameter, text, within: nil)
        problems += operation.grammarProblems(parameter, text: text, searchType: searchType, scrolling: scrolling)
        wire[name] = text
    }

    /// The call's SearchType (SearchMedia), which decides the fields Match and SortBy may name.
    private var searchType: String? { callArguments["SearchType"].flatMap(scalarText) }
    /// Whether the call pages with a ScrollToken (SearchMedia then allows one sort field).
    private var scrolling: Bool { !(callArguments["ScrollToken"].flatMap(scalarText) ?? "").isEmpty }

    private mutating func encodeCommaList(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        var items: [String]
        switch value {
        case .array(let elements):
            let texts = elements.compactMap(scalarText)
            guard texts.count == elements.count else {
                problems.append(
                    ArgumentProblem(
                        kind: .wrongType, parameter: name,
                        message: "Parameter '\(name)' takes a comma-separated string or an array of strings; "
                            + "its array holds something else."))
                return
            }
            items = texts
            coercions.append(
                "\(name): array joined to comma-separated string \"\(clip(texts.joined(separator: ",")))\".")
        default:
            guard let text = scalarText(value) else {
                problems.append(wrongType(parameter, expected: "a comma-separated string or an array", got: value))
                return
            }
            if value.stringValue == nil {
                coercions.append("\(name): \(value.kindName) sent as the string \"\(clip(text))\".")
            }
            items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let trimmed = items.map(trim)
            if trimmed != items {
                coercions.append("\(name): spaces around commas removed.")
            }
            items = trimmed
        }
        items = items.map(trim)
        if items.count == 1 && items[0].isEmpty {
            items = []
        }
        if parameter.required && items.isEmpty {
            problems.append(missing(parameter))
            return
        }
        if let limit = parameter.maxItems, items.count > limit {
            problems.append(
                ArgumentProblem(
                    kind: .tooManyItems, parameter: name,
                    message: "Parameter '\(name)' has \(items.count) items; at most \(limit) are allowed."))
        }
        if let limit = parameter.itemMaxLength {
            for item in items where item.utf8.count > limit {
                let size =
                    item.count == item.utf8.count
                    ? "\(item.count) characters" : "\(item.utf8.count) bytes in UTF-8 (VOD counts bytes)"
                problems.append(
                    ArgumentProblem(
                        kind: .tooLong, parameter: name,
                        message: "Item '\(clip(item))' of '\(name)' has \(size); each item may have at most \(limit)."))
            }
        }
        for item in items { checkEnum(parameter, item, within: name) }
        let joined = items.joined(separator: ",")
        problems += operation.grammarProblems(parameter, text: joined, searchType: searchType, scrolling: scrolling)
        if let limit = parameter.maxLength, joined.utf8.count > limit {
            problems.append(
                ArgumentProblem(kind: .tooLong, parameter: name, message: byteLengthMessage(name, joined, limit)))
        }
        wire[name] = joined
    }

    private mutating func encodeJSONText(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        let document: JSONValue
        switch value {
        case .string(let text):
            if parameter.required && text.isEmpty {
                problems.append(missing(parameter))
                return
            }
            guard let parsed = try? JSONValue.parse(text), parsed.objectValue != nil || parsed.arrayValue != nil else {
                problems.append(
                    ArgumentProblem(
                        kind: .malformedJSON, parameter: name,
                        message: "Parameter '\(name)' must be JSON text of an object or array (or pass the "
                            + "object itself); could not read '\(clip(text, to: 40))'."))
                return
            }
            document = parsed
            wire[name] = text
        case .object, .array:
            document = value
            let text = value.encodedString()
            wire[name] = text
            coercions.append("\(name): \(value.kindName) serialized to JSON text \(clip(text)).")
        default:
            problems.append(wrongType(parameter, expected: "JSON text (a string) or an object", got: value))
            return
        }
        if let limit = parameter.maxItems, let elements = document.arrayValue, elements.count > limit {
            problems.append(
                ArgumentProblem(
                    kind: .tooManyItems, parameter: name,
                    message: "Parameter '\(name)' has \(elements.count) entries; at most \(limit) are allowed."))
        }
        let siblings = callArguments
        problems += operation.shapeProblems(of: parameter, value: document) { siblings[$0].flatMap(scalarText) }
    }

    private mutating func encodeInteger(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        let number: Int64
        if let integer = value.intValue {
            number = integer
        } else if let text = value.stringValue, let integer = Int64(trim(text)) {
            number = integer
            coercions.append("\(name): string \"\(clip(text))\" read as the integer \(integer).")
        } else {
            problems.append(wrongType(parameter, expected: "an integer", got: value))
            return
        }
        let low = parameter.minimum
        let high = parameter.maximum
        if (low.map { number < $0 } ?? false) || (high.map { number > $0 } ?? false) {
            let range: String
            switch (low, high) {
            case (let low?, let high?): range = "between \(low) and \(high)"
            case (let low?, nil): range = "at least \(low)"
            case (nil, let high?): range = "at most \(high)"
            case (nil, nil): range = ""
            }
            problems.append(
                ArgumentProblem(
                    kind: .outOfRange, parameter: name,
                    message: "Parameter '\(name)' must be \(range); got \(number)."))
        }
        wire[name] = String(number)
    }

    private mutating func encodeBoolean(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        switch value {
        case .bool(let flag):
            wire[name] = flag ? "true" : "false"
        case .string(let text) where ["true", "false"].contains(text.lowercased()):
            wire[name] = text.lowercased()
            coercions.append("\(name): string \"\(text)\" read as boolean \(text.lowercased()).")
        default:
            problems.append(wrongType(parameter, expected: "a boolean (true or false)", got: value))
        }
    }

    /// An array of integers sent as JSON text, e.g. `[1000,2000]`.
    private mutating func encodeJSONArray(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        var elements: [JSONValue]
        switch value {
        case .array(let array):
            elements = array
        case .string(let text):
            guard let parsed = try? JSONValue.parse(text), let array = parsed.arrayValue else {
                problems.append(
                    ArgumentProblem(
                        kind: .malformedJSON, parameter: name,
                        message: "Parameter '\(name)' must be an array such as [1000,2000]; "
                            + "could not read '\(clip(text, to: 40))'."))
                return
            }
            elements = array
            coercions.append("\(name): JSON text read as an array.")
        default:
            problems.append(wrongType(parameter, expected: "an array of integers", got: value))
            return
        }
        var numbers: [Int64] = []
        for element in elements {
            guard let number = element.intValue else {
                problems.append(
                    ArgumentProblem(
                        kind: .wrongType, parameter: name,
                        message: "Parameter '\(name)' must hold integers only; got \(describe(element))."))
                return
            }
            numbers.append(number)
        }
        if let limit = parameter.maxItems, numbers.count > limit {
            problems.append(
                ArgumentProblem(
                    kind: .tooManyItems, parameter: name,
                    message: "Parameter '\(name)' has \(numbers.count) items; at most \(limit) are allowed."))
        }
        let siblings = callArguments
        problems += operation.shapeProblems(of: parameter, value: .array(numbers.map(JSONValue.int))) {
            siblings[$0].flatMap(scalarText)
        }
        wire[name] = "[" + numbers.map(String.init).joined(separator: ",") + "]"
    }

    /// An array of objects flattened to `Name.N.Key` (N from 1).
    private mutating func encodeRepeatList(_ parameter: OperationParameter, _ value: JSONValue) {
        let name = parameter.name
        let keys = parameter.itemKeys
        let keyField = keys.first ?? "Key"
        var entries: [[String: JSONValue]]
        switch value {
        case .array(let array):
            let objects = array.compactMap(\.objectValue)
            guard objects.count == array.count else {
                problems.append(
                    ArgumentProblem(
                        kind: .wrongType, parameter: name,
                        message: "Parameter '\(name)' must be an array of objects like "
                            + "[{\"Key\":\"env\",\"Value\":\"prod\"}]."))
                return
            }
            entries = objects
        case .object(let object) where object[keyField] != nil:
            entries = [object]
            coercions.append("\(name): single object wrapped in an array.")
        case .object(let object) where keys == ["Key", "Value"]:
            entries = object.keys.sorted().map { ["Key": .string($0), "Value": object[$0] ?? .null] }
            coercions.append("\(name): object read as a list of Key/Value pairs.")
        case .string(let text):
            guard let parsed = try? JSONValue.parse(text), parsed.arrayValue != nil else {
                problems.append(
                    ArgumentProblem(
                        kind: .malformedJSON, parameter: name,
                        message: "Parameter '\(name)' must be an array of objects like "
                            + "[{\"Key\":\"env\",\"Value\":\"prod\"}]; could not read '\(clip(text, to: 40))'."))
                return
            }
            coercions.append("\(name): JSON text read as an array.")
            encodeRepeatList(parameter, parsed)
            return
        default:
            problems.append(wrongType(parameter, expected: "an array of objects", got: value))
            return
        }
        if let limit = parameter.maxItems, entries.count > limit {
            problems.append(
                ArgumentProblem(
                    kind: .tooManyItems, parameter: name,
                    message: "Parameter '\(name)' has \(entries.count) items; at most \(limit) are allowed."))
            return
        }
        for (offset, entry) in entries.enumerated() {
            let position = offset + 1
            for member in entry.keys.sorted() where !keys.contains(member) {
                problems.append(
                    ArgumentProblem(
                        kind: .unknownParameter, parameter: name,
                        message: "Item \(position) of '\(name)' has unknown member '\(clip(member))'; "
                            + "allowed: \(keys.joined(separator: ", "))."))
            }
            guard let key = entry[keyField].flatMap(scalarText), !key.isEmpty else {
                problems.append(
                    ArgumentProblem(
                        kind: .missingRequired, parameter: name,
                        message: "Item \(position) of '\(name)' needs a non-empty \(keyField)."))
                continue
            }
            for member in keys {
                guard let raw = entry[member], !raw.isNull else { continue }
                guard let text = scalarText(raw) else {
                    problems.append(
                        ArgumentProblem(
                            kind: .wrongType, parameter: name,
                            message: "Item \(position) of '\(name)': \(member) must be a string."))
                    continue
                }
                wire["\(name).\(position).\(member)"] = member == keyField ? key : text
            }
        }
    }

    // MARK: - Checks

    private mutating func checkEnum(_ parameter: OperationParameter, _ text: String, within list: String?) {
        guard parameter.strictEnum, let values = parameter.enumValues, !values.contains(text) else { return }
        let suggestion =
            values.first { $0.lowercased() == text.lowercased() }
            ?? closestNames(to: text, among: values, limit: 1).first
        let subject = list.map { "Item '\(clip(text))' of '\($0)'" } ?? "Parameter '\(parameter.name)'"
        var message = "\(subject) must be one of \(values.joined(separator: ", "))"
        message += list == nil ? "; got '\(clip(text))'." : "."
        if let suggestion { message += " Did you mean '\(suggestion)'?" }
        problems.append(
            ArgumentProblem(kind: .notInEnum, parameter: parameter.name, message: message, suggestion: suggestion))
    }

    /// Returns the time in wire form, or records a problem and returns nil.
    private mutating func checkTime(_ parameter: OperationParameter, _ text: String, format: TimeFormat) -> String? {
        let name = parameter.name
        var candidate = trim(text)
        for offset in ["+00:00", "+0000", "-00:00"] where candidate.hasSuffix(offset) {
            candidate = String(candidate.dropLast(offset.count)) + "Z"
        }
        if let dot = candidate.firstIndex(of: "."), candidate.hasSuffix("Z"),
            candidate[candidate.index(after: dot)..<candidate.index(before: candidate.endIndex)].allSatisfy(\.isNumber)
        {
            candidate = String(candidate[..<dot]) + "Z"
        }
        let shape = UTCTimeShape(candidate)
        if shape == .seconds || (shape == .minutes && format == .minutes) {
            if candidate != text {
                coercions.append("\(name): \"\(clip(text))\" normalized to UTC \"\(candidate)\".")
            }
            return candidate
        }
        let example = format == .minutes ? "2024-05-01T08:00Z" : "2024-05-01T08:00:00Z"
        var suggestion: String?
        if shape == .minutes {
            suggestion = String(candidate.dropLast()) + ":00Z"
        } else if UTCTimeShape.isDate(candidate) {
            suggestion = candidate + (format == .minutes ? "T00:00Z" : "T00:00:00Z")
        }
        var message = "Parameter '\(name)' must be a UTC time like \(example); got '\(clip(text))'."
        if let suggestion {
            message += " Use '\(suggestion)'."
        } else {
            message += " Convert local times to UTC and end with Z."
        }
        problems.append(ArgumentProblem(kind: .badTimestamp, parameter: name, message: message, suggestion: suggestion))
        return nil
    }

    private func wrongType(_ parameter: OperationParameter, expected: String, got value: JSONValue) -> ArgumentProblem {
        ArgumentProblem(
            kind: .wrongType, parameter: parameter.name,
            message: "Parameter '\(parameter.name)' must be \(expected); got \(describe(value)).")
    }
}

/// VOD counts string lengths in UTF-8 bytes (the SDK documents "up to 128 bytes" for titles and names): a
/// 50-character Chinese title is 150 bytes.
private func byteLengthMessage(_ name: String, _ text: String, _ limit: Int) -> String {
    let bytes = text.utf8.count
    if bytes == text.count {
        return "Parameter '\(name)' has \(bytes) characters; at most \(limit) are allowed."
    }
    return "Parameter '\(name)' has \(bytes) bytes in UTF-8 (\(text.count) characters); at most \(limit) bytes are "
        + "allowed, as VOD counts bytes."
}

/// The text of a scalar (string, number, boolean); nil for null, arrays and objects.
private func scalarText(_ value: JSONValue) -> String? {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .double(let number): return value.intValue.map(String.init) ?? String(number)
    case .bool(let flag): return flag ? "true" : "false"
    case .null, .array, .object: return nil
    }
}

private func describe(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): return "string \"\(clip(text, to: 40))\""
    case .array, .object: return value.kindName
    default: return "\(value.kindName) \(value.encodedString())"
    }
}

private func trim(_ text: String) -> String {
    var slice = Substring(text)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
}
