/// Why a tool call was not turned into a VOD request.
public enum CatalogError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No operation has this name.
    case unknownOperation(name: String, suggestions: [String])
    /// The arguments have one or more problems; all of them are listed.
    case invalidArguments(action: String, problems: [ArgumentProblem])
    /// The embedded catalog data could not be read (a build problem, not a user one).
    case corruptCatalog(reason: String)

    /// A stable identifier: the problem kind's code when all problems share one kind, else
    /// `Validation.InvalidArguments`; `Validation.UnknownOperation`; `Catalog.Corrupt`.
    public var code: String {
        switch self {
        case .unknownOperation: return "Validation.UnknownOperation"
        case .invalidArguments(_, let problems):
            let kinds = Set(problems.map(\.kind))
            if kinds.count == 1, let kind = kinds.first { return kind.code }
            return "Validation.InvalidArguments"
        case .corruptCatalog: return "Catalog.Corrupt"
        }
    }

    /// One line for the model: the problem and the fix. Never contains credentials.
    public var description: String {
        switch self {
        case .unknownOperation(let name, let suggestions):
            let hint =
                suggestions.isEmpty
                ? "Tool names are VOD Action names such as GetVideoInfo."
                : "Did you mean \(suggestions.joined(separator: ", "))?"
            return "Unknown operation '\(clip(name))'. \(hint)"
        case .invalidArguments(let action, let problems):
            if problems.count == 1, let only = problems.first { return "\(action): \(only.message)" }
            let numbered = problems.enumerated().map { "(\($0.offset + 1)) \($0.element.message)" }
            return "\(action): \(problems.count) problems, fix all before retrying: \(numbered.joined(separator: " "))"
        case .corruptCatalog(let reason):
            return "The embedded operation catalog is unreadable (\(reason)); regenerate it with tools/gen-catalog."
        }
    }
}

/// Shortens user-supplied text quoted in messages.
func clip(_ text: String, to limit: Int = 60) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "..."
}
