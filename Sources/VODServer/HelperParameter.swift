import MCPCore

/// One parameter of a helper tool, declared once: its JSON Schema in `tools/list` and its checks in
/// `HelperTool.validate` both come from here (the helper-tool counterpart of VODCatalog's `OperationParameter`).
struct HelperParameter: Sendable {
    /// The JSON type a caller passes.
    enum Kind: String, Sendable {
        case string, integer, boolean
        /// An array of strings.
        case stringList
        /// A JSON object, given as JSON text (what strict function calling can express) or as the object itself.
        case objectText
    }

    let name: String
    let kind: Kind
    var required = false
    let description: String
    /// The only accepted values of a string (exact spelling, or any case when `caseInsensitive`).
    var enumValues: [String]?
    var caseInsensitive = false
    var minimum: Int64?
    var maximum: Int64?
    var minLength: Int?
    var maxLength: Int?
    var minItems: Int?
    var maxItems: Int?
    /// Documentation only: what an absent value means.
    var defaultValue: JSONValue?

    init(
        _ name: String, _ kind: Kind, required: Bool = false, _ description: String, enumValues: [String]? = nil,
        caseInsensitive: Bool = false, minimum: Int64? = nil, maximum: Int64? = nil, minLength: Int? = nil,
        maxLength: Int? = nil, minItems: Int? = nil, maxItems: Int? = nil, defaultValue: JSONValue? = nil
    ) {
        self.name = name
        self.kind = kind
        self.required = required
        self.description = description
        self.enumValues = enumValues
        self.caseInsensitive = caseInsensitive
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.minItems = minItems
        self.maxItems = maxItems
        self.defaultValue = defaultValue
    }

    /// The JSON Schema of this parameter, in the keyword subset every model API accepts.
    var schema: JSONValue {
        var schema: [String: JSONValue] = [:]
        switch kind {
        case .string, .objectText: schema["type"] = "string"
        case .integer: schema["type"] = "integer"
        case .boolean: schema["type"] = "boolean"
        case .stringList:
            schema["type"] = "array"
            schema["items"] = ["type": "string"]
        }
        if let enumValues { schema["enum"] = .array(enumValues.map(JSONValue.string)) }
        if let minimum { schema["minimum"] = .int(minimum) }
        if let maximum { schema["maximum"] = .int(maximum) }
        if let minLength { schema["minLength"] = .int(Int64(minLength)) }
        if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        if let minItems { schema["minItems"] = .int(Int64(minItems)) }
        if let maxItems { schema["maxItems"] = .int(Int64(maxItems)) }
        if let defaultValue { schema["default"] = defaultValue }
        schema["description"] = .string(description)
        return .object(schema)
    }

    /// "a string", "an integer between 1 and 20", ...: what the parameter takes, for error messages.
    var expectation: String {
        switch kind {
        case .string: return enumValues.map { "one of \($0.joined(separator: ", "))" } ?? "a string"
        case .integer: return "an integer" + (range.map { " " + $0 } ?? "")
        case .boolean: return "a boolean (true or false)"
        case .stringList: return "an array of strings"
        case .objectText: return "a JSON object, as JSON text such as {\"Key\": \"value\"} or as the object itself"
        }
    }

    /// "between 1 and 20", "at least 0", "at most 9": the integer bounds in words.
    var range: String? {
        switch (minimum, maximum) {
        case (let low?, let high?): return "between \(low) and \(high)"
        case (let low?, nil): return "at least \(low)"
        case (nil, let high?): return "at most \(high)"
        case (nil, nil): return nil
        }
    }
}
