import MCPCore
import VODDocs

/// A helper tool (the tools that are not one VOD operation: upload, wait, docs, signing, call_api, ...) declared
/// once: its `tools/list` definition, its argument checks (`validate`) and the outputSchema its results are held to
/// (`ResultContract`) all derive from this description, as the operation tools' do from the catalog.
struct HelperTool: Sendable {
    let name: String
    let title: String
    let description: String
    let parameters: [HelperParameter]
    /// Groups of parameters of which at least one must be given, e.g. the IDs of wait_for_media.
    var requiresOneOf: [[String]] = []
    /// MCP tool annotations (readOnlyHint, destructiveHint, idempotentHint, openWorldHint; title when it differs).
    var annotations: JSONValue
    /// What a non-error result's `structuredContent` holds; nil for a tool whose answer is text only.
    var outputSchema: JSONValue?
    /// Whether a task-augmented `tools/call` may run it as an MCP task.
    var runsAsTask = false

    init(
        name: String, title: String, description: String, parameters: [HelperParameter], requiresOneOf: [[String]] = [],
        annotations: JSONValue, outputSchema: JSONValue? = nil, runsAsTask: Bool = false
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.parameters = parameters
        self.requiresOneOf = requiresOneOf
        self.annotations = annotations
        self.outputSchema = outputSchema
        self.runsAsTask = runsAsTask
    }

    /// The parameter called `name`, if declared.
    func parameter(_ name: String) -> HelperParameter? {
        parameters.first { $0.name == name }
    }

    /// The MCP Tool object. No top-level `additionalProperties: false` (google-genai's MCP converter crashes on it);
    /// `validate` refuses unknown names instead.
    var definition: JSONValue {
        var properties: [String: JSONValue] = [:]
        for parameter in parameters { properties[parameter.name] = parameter.schema }
        var input: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        let required = parameters.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { input["required"] = .array(required) }
        var tool: [String: JSONValue] = [
            "name": .string(name), "title": .string(title), "description": .string(description),
            "inputSchema": .object(input), "annotations": annotations,
        ]
        if let outputSchema { tool["outputSchema"] = outputSchema }
        return .object(tool)
    }

    /// The tool's handler: arguments are checked against this description first (a clear error naming every
    /// problem and its fix); `run` gets the checked call, and the call's notes (empty fillers ignored, values read
    /// as another type) are added to a non-error result.
    func handler(
        docs: DocLibrary, run: @escaping @Sendable (HelperCall, RequestContext) async throws -> ToolOutcome
    ) -> ToolHandler {
        let tool = self
        return ToolHandler(name: name, definition: definition, runsAsTask: runsAsTask) { arguments, context in
            let call: HelperCall
            do throws(ToolFailure) { call = try tool.validate(arguments) } catch {
                return .complete(error.result(docs: docs))
            }
            return ToolResults.noting(call.notes, in: try await run(call, context))
        }
    }
}

/// A helper tool's arguments after `HelperTool.validate`: known names only, of the declared types and within
/// bounds, with empty fillers left out.
struct HelperCall: Sendable {
    let arguments: [String: JSONValue]
    /// What validation did to the arguments that a caller should know (empty values ignored, a type read as another).
    let notes: [String]

    func string(_ name: String) -> String? { arguments[name]?.stringValue }
    func int(_ name: String) -> Int64? { arguments[name]?.intValue }
    func bool(_ name: String) -> Bool? { arguments[name]?.boolValue }
    func strings(_ name: String) -> [String]? { arguments[name]?.arrayValue?.compactMap(\.stringValue) }
    func object(_ name: String) -> [String: JSONValue]? { arguments[name]?.objectValue }
}
