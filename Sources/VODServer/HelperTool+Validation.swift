import FoundationEssentials
import MCPCore
import TextSupport
import VODCatalog

extension HelperTool {
    /// Checks a call's arguments against the declared parameters: unknown names (refused first, with a
    /// did-you-mean), missing required ones, wrong types, values outside an enum or bounds. Every problem is
    /// reported at once, in the same shape as an operation tool's (`Validation.*` codes and a `problems` list).
    ///
    /// For an optional parameter `null` and `""` mean "not given" (strict-mode models send every property and fill
    /// the ones they do not mean with these); the names are listed in the notes. Values are never echoed in
    /// messages (a signing key may be one).
    func validate(_ arguments: [String: JSONValue]) throws(ToolFailure) -> HelperCall {
        var checker = HelperArgumentChecker(tool: self)
        let checked = checker.run(arguments)
        if !checker.problems.isEmpty {
            let error = CatalogError.invalidArguments(action: name, problems: checker.problems)
            var failure = ToolFailure(error, action: name)
            // A value outside a helper's list has always been Validation.InvalidParameter.
            if checker.problems.allSatisfy({ $0.kind == .notInEnum }) { failure.code = "Validation.InvalidParameter" }
            throw failure
        }
        return HelperCall(arguments: checked, notes: checker.notes)
    }
}

/// One pass over one helper call's arguments.
struct HelperArgumentChecker {
    let tool: HelperTool
    var problems: [ArgumentProblem] = []
    var notes: [String] = []

    mutating func run(_ arguments: [String: JSONValue]) -> [String: JSONValue] {
        let unknown = arguments.keys.filter { tool.parameter($0) == nil }.sorted()
        if !unknown.isEmpty {
            // Unknown names alone: the likeliest fix is a spelling, and the other checks would mislead until then.
            problems = unknown.prefix(20).map(unknownProblem)
            return [:]
        }
        var kept: [String: JSONValue] = [:]
        var ignored: [String] = []
        for parameter in tool.parameters {
            guard let value = arguments[parameter.name] else {
                if parameter.required { problems.append(missing(parameter)) }
                continue
            }
            if value == .null || value == .string("") {
                if parameter.required { problems.append(missing(parameter)) } else { ignored.append(parameter.name) }
                continue
            }
            if let checked = check(parameter, value) { kept[parameter.name] = checked }
        }
        if !ignored.isEmpty {
            let names = ignored.joined(separator: ", ")
            notes.append("\(names): empty value (null or \"\") ignored; left out as not given.")
        }
        for group in tool.requiresOneOf where !group.contains(where: { kept[$0] != nil }) {
            let names = group.joined(separator: " or ")
            problems.append(
                ArgumentProblem(kind: .missingRequired, parameter: names, message: "Missing parameter: pass \(names)."))
        }
        return kept
    }

    private func unknownProblem(_ name: String) -> ArgumentProblem {
        let candidates = tool.parameters.map(\.name)
        let shown = ToolFailure.clipped(name, to: 100)
        if let exact = candidates.first(where: { $0.lowercased() == name.lowercased() }) {
            return ArgumentProblem(
                kind: .unknownParameter, parameter: shown,
                message: "Unknown parameter '\(shown)' for \(tool.name). Names are case-sensitive: use '\(exact)'.",
                suggestion: exact)
        }
        let near = closestNames(to: name, among: candidates, limit: 3)
        return ArgumentProblem(
            kind: .unknownParameter, parameter: shown,
            message: "Unknown parameter '\(shown)' for \(tool.name)"
                + (near.isEmpty ? "" : "; did you mean \(near.joined(separator: ", "))?")
                + ". Parameters: \(candidates.sorted().joined(separator: ", ")).",
            suggestion: near.first)
    }

    private func missing(_ parameter: HelperParameter) -> ArgumentProblem {
        ArgumentProblem(
            kind: .missingRequired, parameter: parameter.name,
            message: "Missing required parameter '\(parameter.name)' (\(parameter.expectation)): "
                + parameter.description)
    }

    private func wrongType(_ parameter: HelperParameter, _ value: JSONValue) -> ArgumentProblem {
        ArgumentProblem(
            kind: .wrongType, parameter: parameter.name,
            message: "Parameter '\(parameter.name)' must be \(parameter.expectation); got \(value.kindName).")
    }

    /// The value as the handler reads it (a numeric string read as an integer, JSON text read as its object),
    /// or nil after recording a problem.
    private mutating func check(_ parameter: HelperParameter, _ value: JSONValue) -> JSONValue? {
        let name = parameter.name
        switch (parameter.kind, value) {
        case (.string, .string(let text)):
            return checkText(parameter, text) ? value : nil
        case (.string, .int), (.string, .double):
            notes.append("\(name): \(value.kindName) read as the string \(value.encodedString()).")
            let text = value.intValue.map(String.init) ?? value.encodedString()
            return checkText(parameter, text) ? .string(text) : nil
        case (.integer, _):
            var number = value.intValue
            if number == nil, let text = value.stringValue,
                let parsed = Int64(text.trimmingWhitespace())
            {
                notes.append("\(name): string read as the integer \(parsed).")
                number = parsed
            }
            guard let number else {
                problems.append(wrongType(parameter, value))
                return nil
            }
            if (parameter.minimum.map { number < $0 } ?? false) || (parameter.maximum.map { number > $0 } ?? false) {
                problems.append(
                    ArgumentProblem(
                        kind: .outOfRange, parameter: name,
                        message: "Parameter '\(name)' must be \(parameter.range ?? "in range"); got \(number)."))
                return nil
            }
            return .int(number)
        case (.boolean, .bool):
            return value
        case (.boolean, .string(let text)) where ["true", "false"].contains(text.lowercased()):
            notes.append("\(name): string \"\(text)\" read as boolean \(text.lowercased()).")
            return .bool(text.lowercased() == "true")
        case (.stringList, .array(let elements)):
            guard elements.allSatisfy({ $0.stringValue != nil }) else {
                problems.append(
                    ArgumentProblem(
                        kind: .wrongType, parameter: name,
                        message: "Parameter '\(name)' must be an array of strings; it holds something else."))
                return nil
            }
            if let problem = countProblem(
                name, elements.count, "items", low: parameter.minItems, high: parameter.maxItems, over: .tooManyItems)
            {
                problems.append(problem)
                return nil
            }
            return value
        case (.objectText, .object):
            return value
        case (.objectText, .string(let text)):
            guard let parsed = try? JSONValue.parse(text), parsed.objectValue != nil else {
                problems.append(
                    ArgumentProblem(
                        kind: .malformedJSON, parameter: name,
                        message: "Parameter '\(name)' must be a JSON object text such as {\"VideoId\": \"abc\"} "
                            + "(or the object itself); it is not a JSON object."))
                return nil
            }
            return parsed
        default:
            problems.append(wrongType(parameter, value))
            return nil
        }
    }

    /// Enum and length checks of a string; false after recording a problem.
    private mutating func checkText(_ parameter: HelperParameter, _ text: String) -> Bool {
        let name = parameter.name
        if let allowed = parameter.enumValues {
            let found =
                parameter.caseInsensitive
                ? allowed.contains { $0.lowercased() == text.lowercased() } : allowed.contains(text)
            if !found {
                problems.append(
                    ArgumentProblem(
                        kind: .notInEnum, parameter: name,
                        message: "Parameter '\(name)' must be one of \(allowed.joined(separator: ", ")); "
                            + "got '\(ToolFailure.clipped(text, to: 40))'."))
                return false
            }
        }
        if let problem = countProblem(
            name, text.count, "characters", low: parameter.minLength, high: parameter.maxLength, over: .tooLong)
        {
            problems.append(problem)
            return false
        }
        return true
    }

    /// A count of items or characters below `low` or above `high` (reported as `over`), as a problem.
    private func countProblem(
        _ name: String, _ count: Int, _ unit: String, low: Int?, high: Int?, over: ArgumentProblem.Kind
    ) -> ArgumentProblem? {
        if let low, count < low {
            return ArgumentProblem(
                kind: .outOfRange, parameter: name,
                message: "Parameter '\(name)' has \(count) \(unit); at least \(low) are needed.")
        }
        if let high, count > high {
            return ArgumentProblem(
                kind: over, parameter: name,
                message: "Parameter '\(name)' has \(count) \(unit); at most \(high) are allowed.")
        }
        return nil
    }
}
