/// One place where a JSON value departs from its documented shape.
public struct ShapeProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where, e.g. `TranscodeTemplateList[0].Video.Bitrate`.
    public let path: String
    /// What kind of departure, in ArgumentProblem's terms.
    public let kind: ArgumentProblem.Kind
    /// One sentence naming the problem and the fix; it starts with the path.
    public let message: String
    /// A likely intended member name or value.
    public let suggestion: String?

    /// Creates a problem.
    public init(path: String, kind: ArgumentProblem.Kind, message: String, suggestion: String? = nil) {
        self.path = path
        self.kind = kind
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String { message }
}
