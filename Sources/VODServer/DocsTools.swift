import FoundationEssentials
import MCPCore
import TextSupport
import VODDocs

/// `search_docs` and `read_doc`: the llms/ documentation for clients that never show resources to the model.
enum DocsTools {
    static let searchDocsTool = HelperTool(
        name: "search_docs", title: "Search the VOD docs",
        description:
            "Ranked sections of the VOD docs (guides, all 188 API pages, error codes, common mistakes) for a query such as an Action, an error code or a task. Returns URIs to read with read_doc.",
        parameters: [
            HelperParameter("Query", .string, required: true, "Words, an Action or an error code.", maxLength: 1000),
            HelperParameter(
                "Limit", .integer, "Most sections to return (1-20, default 5).", minimum: 1, maximum: 20,
                defaultValue: 5),
        ],
        annotations: [
            "title": "Search the VOD docs", "readOnlyHint": true, "idempotentHint": true, "openWorldHint": false,
        ],
        outputSchema: [
            "type": "object",
            "properties": [
                "results": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "properties": [
                            "uri": ["type": "string"], "title": ["type": "string"], "snippet": ["type": "string"],
                            "section": ["type": "string"],
                        ],
                    ],
                ]
            ],
        ])

    static func searchDocs(docs: DocLibrary) -> ToolHandler {
        searchDocsTool.handler(docs: docs) { call, _ in
            guard let query = call.string("Query"), !query.trimmingWhitespace().isEmpty else {
                return .complete(
                    ToolFailure(
                        code: "Validation.MissingParameter",
                        message: "search_docs needs Query: a non-empty string of at most 1000 characters"
                    ).result(docs: docs))
            }
            let limit = Int(call.int("Limit") ?? 5)
            let hits = docs.search(query, limit: limit)
            let items: [JSONValue] = hits.map { hit in
                var item: [String: JSONValue] = [
                    "uri": .string(hit.uri), "title": .string(hit.title), "snippet": .string(hit.snippet),
                ]
                if let heading = hit.heading { item["section"] = .string(heading) }
                return .object(item)
            }
            let text =
                hits.isEmpty
                ? "No matches for \"\(query)\". Try an Action name, an error code, or read vod://docs/llms.txt."
                : hits.enumerated().map {
                    "\($0.offset + 1). \($0.element.title)\($0.element.heading.map { " > \($0)" } ?? "") <\($0.element.uri)>\n   \($0.element.snippet)"
                }.joined(separator: "\n")
            return .complete(ToolResults.success(text: text, structured: ["results": .array(items)]))
        }
    }

    static let readDocTool = HelperTool(
        name: "read_doc", title: "Read a VOD docs page",
        description:
            "Read one docs page or section by URI (vod://docs/llms.txt is the index; vod://docs/api/<Action>; vod://docs/errors/<Code>; page#section).",
        parameters: [
            HelperParameter(
                "URI", .string, required: true, "A vod://docs/ URI from the index, search_docs or an error result.")
        ],
        annotations: [
            "title": "Read a VOD docs page", "readOnlyHint": true, "idempotentHint": true, "openWorldHint": false,
        ])

    static func readDoc(docs: DocLibrary) -> ToolHandler {
        readDocTool.handler(docs: docs) { call, _ in
            let uri = call.string("URI") ?? ""
            guard let text = docs.read(uri: uri) else {
                let near = docs.search(uri.replacingLiterally("vod://docs/", with: ""), limit: 3).map(\.uri)
                return .complete(
                    ToolFailure(
                        code: "Docs.NotFound",
                        message:
                            "No docs page or section at \(uri). Start from vod://docs/llms.txt\(near.isEmpty ? "" : "; close matches: " + near.joined(separator: ", "))"
                    ).result(docs: docs))
            }
            return .complete(ToolResults.success(text: text))
        }
    }
}
