public import MCPCore

extension APIOperation {
    /// The MCP Tool object for this operation: name (the Action), title, description, inputSchema, annotations,
    /// and, when asked for and defined, outputSchema.
    public func toolDefinition(includeOutputSchema: Bool) -> JSONValue {
        var tool: [String: JSONValue] = [
            "name": .string(action),
            "title": .string(title),
            "description": .string(summary),
            "inputSchema": inputSchema,
            "annotations": annotations,
        ]
        if includeOutputSchema, let outputSchema = publishedOutputSchema { tool["outputSchema"] = outputSchema }
        return .object(tool)
    }

    /// MCP tool annotations derived from the access class.
    public var annotations: JSONValue {
        [
            "title": .string(title),
            "readOnlyHint": .bool(access == .read),
            "destructiveHint": .bool(access == .destructive),
            "idempotentHint": .bool(idempotent),
            "openWorldHint": true,
        ]
    }

    /// JSON Schema of the arguments: one property per business parameter plus the reserved flags.
    ///
    /// No top-level `additionalProperties: false`: google-genai's MCP converter crashes on a boolean there, while
    /// strict converters (openai-agents, pydantic-ai, langchain strict) add it themselves; unknown arguments are
    /// still refused, with a did-you-mean, by `validate`.
    public var inputSchema: JSONValue {
        var properties: [String: JSONValue] = [:]
        for parameter in parameters {
            properties[parameter.name] = parameter.schema
        }
        properties[Self.dryRunArgument] = [
            "type": "boolean", "description": "Preview; send nothing.",
        ]
        if access == .destructive {
            properties[Self.confirmArgument] = [
                "type": "boolean", "description": "Run without the preview.",
            ]
        }
        var schema: [String: JSONValue] = [
            "type": "object",
            "properties": .object(properties),
        ]
        let required = parameters.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }
}

extension OperationParameter {
    /// The JSON Schema of this parameter.
    var schema: JSONValue {
        var schema: [String: JSONValue] = [:]
        var text = description
        switch type {
        case .string:
            schema["type"] = "string"
            if let maxLength { schema["maxLength"] = .int(Int64(maxLength)) }
        case .integer:
            schema["type"] = "integer"
            if let minimum { schema["minimum"] = .int(minimum) }
            if let maximum { schema["maximum"] = .int(maximum) }
        case .boolean:
            schema["type"] = "boolean"
        case .object:
            schema["type"] = "object"
        case .array:
            schema["type"] = "array"
            if let maxItems { schema["maxItems"] = .int(Int64(maxItems)) }
            if itemType == .object {
                var members: [String: JSONValue] = [:]
                for key in itemKeys { members[key] = ["type": "string"] }
                var item: [String: JSONValue] = ["type": "object", "properties": .object(members)]
                if let first = itemKeys.first { item["required"] = [.string(first)] }
                schema["items"] = .object(item)
            } else {
                schema["items"] = ["type": .string((itemType ?? .string).rawValue)]
            }
        }
        if let enumValues {
            if strictEnum && wireFormat == .plain {
                schema["enum"] = .array(enumValues.map(JSONValue.string))
            } else if !enumValues.contains(where: { text.contains($0) }) {
                text += " Values: \(enumValues.joined(separator: ", "))."
            }
        }
        if let defaultValue { schema["default"] = defaultValue }
        if let valueShape { text += " " + valueShape.compactSummary }
        schema["description"] = .string(text)
        return .object(schema)
    }
}
