import FoundationEssentials
import MCPCore
import TextSupport
import VODCatalog
import VODDocs

/// `describe_api` and `call_api`: every catalogued operation is reachable even when its tool is not listed.
enum MetaTools {
    static let describeAPITool = HelperTool(
        name: "describe_api", title: "Describe a VOD API operation",
        description:
            "Show one VOD operation's input schema, access class, docs page and pitfalls, by its Action name (e.g. GetVideoList). Use before call_api for operations that are not listed as tools.",
        parameters: [HelperParameter("Action", .string, required: true, "Operation name, e.g. SubmitSnapshotJob.")],
        annotations: [
            "title": "Describe a VOD API operation", "readOnlyHint": true, "idempotentHint": true,
            "openWorldHint": false,
        ],
        outputSchema: [
            "type": "object",
            "properties": [
                "action": ["type": "string"], "tool": ["type": "string"], "toolset": ["type": "string"],
                "access": ["type": "string"], "httpMethod": ["type": "string"], "startsJob": ["type": "boolean"],
                "returnsSecrets": ["type": "boolean"], "summary": ["type": "string"], "description": ["type": "string"],
                "inputSchema": ["type": "object"], "outputSchema": ["type": "object"], "docs": ["type": "string"],
                "ramPermission": ["type": "string"], "pitfalls": ["type": "string"], "call": ["type": "string"],
            ],
        ])

    static func describeAPI(catalog: Catalog, docs: DocLibrary, helpers: [ToolHandler] = []) -> ToolHandler {
        describeAPITool.handler(docs: docs) { call, _ in
            let name = call.string("Action") ?? ""
            if let helper = helpers.first(where: { $0.name == name }), catalog.operation(name) == nil {
                let structured: JSONValue = [
                    "tool": .string(helper.name), "description": helper.definition["description"] ?? "",
                    "inputSchema": helper.definition["inputSchema"] ?? [:],
                    "call": .string(
                        "call_api {\"Action\": \"\(helper.name)\", \"Parameters\": {...}} when it is not listed"),
                ]
                return .complete(ToolResults.success(text: structured.encodedString(), structured: structured))
            }
            let operation: APIOperation
            do { operation = try catalog.resolve(name) } catch {
                return .complete(ToolFailure.from(error, action: nil).result(docs: docs))
            }
            let tool = operation.toolDefinition(includeOutputSchema: true)
            let page = docs.read(uri: DocLibrary.apiURI(operation.action))
            let pitfalls = page.flatMap { section(named: "Pitfalls", in: $0) }
            var structured: [String: JSONValue] = [
                "action": .string(operation.action), "toolset": .string(operation.toolset),
                "access": .string(operation.access.rawValue), "httpMethod": .string(operation.httpMethod),
                "startsJob": .bool(operation.startsJob), "returnsSecrets": .bool(operation.sensitiveOutput),
                "summary": .string(operation.summary), "inputSchema": tool["inputSchema"] ?? [:],
                "docs": .string(DocLibrary.apiURI(operation.action)),
                "ramPermission": .string("vod:\(operation.action)"),
            ]
            if let output = tool["outputSchema"] { structured["outputSchema"] = output }
            if let pitfalls { structured["pitfalls"] = .string(pitfalls) }
            if let shapes = operation.valueShapeSummaries { structured["valueShapes"] = shapes }
            return .complete(
                ToolResults.success(text: JSONValue.object(structured).encodedString(), structured: .object(structured))
            )
        }
    }

    static let callAPITool = HelperTool(
        name: "call_api", title: "Call any VOD API operation",
        description:
            "Call any of the 188 VOD operations (or an unlisted vod-mcp tool) by Action with Parameters in the same shape as its tool (see describe_api). Same validation, read-only and confirmation rules as the listed tools; DryRun shows the request without sending it.",
        parameters: [
            HelperParameter("Action", .string, required: true, "Operation name, e.g. ListSnapshots."),
            // A JSON text, not an open object: strict function calling (OpenAI, Gemini) cannot express an object
            // whose members are not listed. An object is accepted too.
            HelperParameter(
                "Parameters", .objectText,
                "The operation's arguments as a JSON object text, e.g. {\"VideoId\": \"abc\"} (see describe_api); an object is accepted too."
            ),
            HelperParameter("DryRun", .boolean, "Validate and show the request; send nothing."),
            HelperParameter("Confirm", .boolean, "Run a destructive operation without the preview."),
        ],
        annotations: [
            "title": "Call any VOD API operation", "readOnlyHint": false, "destructiveHint": true,
            "idempotentHint": false, "openWorldHint": true,
        ])

    static func callAPI(catalog: Catalog, runner: OperationRunner, docs: DocLibrary, helpers: [ToolHandler] = [])
        -> ToolHandler
    {
        callAPITool.handler(docs: docs) { call, context in
            let arguments = call.arguments
            let name = call.string("Action") ?? ""
            let helper = catalog.operation(name) == nil ? helpers.first { $0.name == name } : nil
            let operation: APIOperation
            if let helper {
                // An unlisted helper tool (sign_playback_url, verify_callback_signature) runs as if called by name.
                return try await helper.run(call.object("Parameters") ?? [:], context)
            }
            do { operation = try catalog.resolve(name) } catch {
                return .complete(ToolFailure.from(error, action: nil).result(docs: docs))
            }
            var parameters = call.object("Parameters") ?? [:]
            for key in [APIOperation.dryRunArgument, APIOperation.confirmArgument] where arguments[key] != nil {
                parameters[key] = arguments[key]
            }
            return await runner.run(operation, arguments: parameters, toolName: "call_api", context: context)
        }
    }

    /// The body of a `## name` section of a markdown page, if present.
    static func section(named name: String, in markdown: String) -> String? {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## ") && $0.dropFirst(3).hasPrefix(name) }) else {
            return nil
        }
        let body = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        let text = body.joined(separator: "\n").trimmingWhitespaceAndNewlines()
        return text.isEmpty ? nil : text
    }
}
