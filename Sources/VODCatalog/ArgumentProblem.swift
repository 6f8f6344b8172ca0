/// One thing wrong with the arguments of a tool call, with the fix in its message.
public struct ArgumentProblem: Sendable, Equatable, CustomStringConvertible {
    /// The category of a problem.
    public enum Kind: String, Sendable, CaseIterable {
        case missingRequired, wrongType, outOfRange, tooLong, tooManyItems, notInEnum, unknownParameter
        case malformedJSON, badTimestamp, notAnObject

        /// The stable error code for this kind, e.g. `Validation.MissingParameter`.
        public var code: String {
            switch self {
            case .missingRequired: return "Validation.MissingParameter"
            case .wrongType: return "Validation.WrongType"
            case .outOfRange: return "Validation.OutOfRange"
            case .tooLong: return "Validation.TooLong"
            case .tooManyItems: return "Validation.TooManyItems"
            case .notInEnum: return "Validation.NotInEnum"
            case .unknownParameter: return "Validation.UnknownParameter"
            case .malformedJSON: return "Validation.MalformedJSON"
            case .badTimestamp: return "Validation.BadTimestamp"
            case .notAnObject: return "Validation.NotAnObject"
            }
        }
    }

    /// What kind of problem this is.
    public let kind: Kind
    /// The parameter concerned (for a missing one-of group, the names joined by " or "); `nil` for the whole call.
    public let parameter: String?
    /// One sentence naming the problem and the fix.
    public let message: String
    /// A likely intended value or name, when there is one.
    public let suggestion: String?

    /// Creates a problem.
    public init(kind: Kind, parameter: String?, message: String, suggestion: String? = nil) {
        self.kind = kind
        self.parameter = parameter
        self.message = message
        self.suggestion = suggestion
    }

    public var description: String { message }
}
