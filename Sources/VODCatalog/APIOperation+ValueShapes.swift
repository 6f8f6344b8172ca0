public import MCPCore

extension APIOperation {
    /// Checks the JSON-text parameters of a request against their documented shapes, as the sandbox receives
    /// them: `wireParameters` holds the query/form values (e.g. `TranscodeTemplateList` as JSON text). Returns
    /// one `ArgumentProblem` per departure, each message starting with the path
    /// (`TranscodeTemplateList[0].Video.Bitrate: ...`); empty when everything fits. Text that is not JSON is
    /// reported as `malformedJSON`. Parameters that are absent or empty are not checked here.
    public func shapeProblems(wireParameters: [String: String]) -> [ArgumentProblem] {
        var problems: [ArgumentProblem] = []
        for parameter in parameters where parameter.valueShape != nil {
            guard let text = wireParameters[parameter.name], !text.isEmpty else { continue }
            guard let value = try? JSONValue.parse(text) else {
                problems.append(
                    ArgumentProblem(
                        kind: .malformedJSON, parameter: parameter.name,
                        message: "Parameter '\(parameter.name)' is not valid JSON text."))
                continue
            }
            problems += shapeProblems(of: parameter, value: value, selectorValue: { wireParameters[$0] })
        }
        return problems
    }

    /// The shape problems of one parameter's parsed value; `selectorValue` gives the value of another parameter
    /// (the one that picks the variant, e.g. TemplateType).
    func shapeProblems(
        of parameter: OperationParameter, value: JSONValue, selectorValue: (String) -> String?
    ) -> [ArgumentProblem] {
        guard let shape = parameter.valueShape else { return [] }
        let selected = shape.selector.flatMap(selectorValue)
        return ShapeChecker().problems(in: value, shape: shape, selectorValue: selected, path: parameter.name).map {
            ArgumentProblem(kind: $0.kind, parameter: parameter.name, message: $0.message, suggestion: $0.suggestion)
        }
    }
}

extension Catalog {
    /// The shape check for one Action's wire parameters (see `APIOperation.shapeProblems(wireParameters:)`); empty
    /// for an unknown Action.
    public func shapeProblems(action: String, wireParameters: [String: String]) -> [ArgumentProblem] {
        operation(action)?.shapeProblems(wireParameters: wireParameters) ?? []
    }
}

extension APIOperation {
    /// The value shapes of this operation's JSON-text parameters, by parameter name, for `describe_api`; nil when
    /// it has none.
    public var valueShapeSummaries: JSONValue? {
        var shapes: [String: JSONValue] = [:]
        for parameter in parameters {
            if let shape = parameter.valueShape { shapes[parameter.name] = shape.summary }
        }
        return shapes.isEmpty ? nil : .object(shapes)
    }
}

extension APIOperation {
    /// Everything vod-mcp checks in request texts that the service parses itself, for the sandbox: the value
    /// shapes of JSON-text parameters (`shapeProblems(wireParameters:)`) and, for SearchMedia, the Match grammar
    /// and the SortBy list form. `wireParameters` are the request's parameters as received.
    public func requestProblems(wireParameters: [String: String]) -> [ArgumentProblem] {
        var problems = shapeProblems(wireParameters: wireParameters)
        let searchType = wireParameters["SearchType"]
        let scrolling = !(wireParameters["ScrollToken"] ?? "").isEmpty
        for parameter in parameters where ["Match", "SortBy"].contains(parameter.name) {
            guard let text = wireParameters[parameter.name] else { continue }
            problems += grammarProblems(parameter, text: text, searchType: searchType, scrolling: scrolling)
        }
        return problems
    }
}
