public import MCPCore

/// One business parameter of a VOD operation, as agents see it (internal routing fields are never listed).
public struct OperationParameter: Sendable, Equatable {
    /// The query-string name, e.g. `VideoId`.
    public let name: String
    /// The JSON type agents should pass.
    public let type: ParameterType
    /// Whether the operation fails without it.
    public let required: Bool
    /// Our own short description, written to teach the pitfalls.
    public let description: String
    /// Documented values. Enforced only when `strictEnum` is true; otherwise a hint.
    public let enumValues: [String]?
    /// Whether a value outside `enumValues` is rejected before sending.
    public let strictEnum: Bool
    /// The server-side default, for documentation only (never sent).
    public let defaultValue: JSONValue?
    /// Inclusive lower bound of an integer.
    public let minimum: Int64?
    /// Inclusive upper bound of an integer.
    public let maximum: Int64?
    /// Maximum length of a string in characters.
    public let maxLength: Int?
    /// Maximum number of items of a list (comma-separated or array).
    public let maxItems: Int?
    /// Maximum length in characters of each item of a comma-separated list.
    public let itemMaxLength: Int?
    /// How the value is encoded on the wire.
    public let wireFormat: WireFormat
    /// Set for UTC ISO 8601 time parameters.
    public let timeFormat: TimeFormat?
    /// The element type of an array parameter (`integer`, or `object` for repeat lists).
    public let itemType: ParameterType?
    /// The member names of each object of a repeat list, e.g. `["Key", "Value"]`.
    public let itemKeys: [String]
    /// For a JSON-text parameter: the documented shape of its value (or why it is free-form).
    public let valueShape: ValueShape?

    /// Whether the value must be a UTC ISO 8601 time.
    public var isTime: Bool { timeFormat != nil }

    /// Creates a parameter; every bound is optional.
    public init(
        name: String, type: ParameterType, required: Bool = false, description: String, enumValues: [String]? = nil,
        strictEnum: Bool = false, defaultValue: JSONValue? = nil, minimum: Int64? = nil, maximum: Int64? = nil,
        maxLength: Int? = nil, maxItems: Int? = nil, itemMaxLength: Int? = nil, wireFormat: WireFormat = .plain,
        timeFormat: TimeFormat? = nil, itemType: ParameterType? = nil, itemKeys: [String] = [],
        valueShape: ValueShape? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
        self.enumValues = enumValues
        self.strictEnum = strictEnum
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.maxLength = maxLength
        self.maxItems = maxItems
        self.itemMaxLength = itemMaxLength
        self.wireFormat = wireFormat
        self.timeFormat = timeFormat
        self.itemType = itemType
        self.itemKeys = itemKeys
        self.valueShape = valueShape
    }
}
