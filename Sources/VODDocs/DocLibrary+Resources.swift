public import MCPCore

/// MCP shapes for `resources/list`, `resources/templates/list`, `resources/read`, `completion/complete` and the
/// `search_docs` tool, so the server only wraps them in its result envelopes.
extension DocLibrary {
    /// The MIME type every docs resource is served with.
    public static let mimeType = "text/markdown"

    /// One `Resource` object per page: `uri`, `name` (the path), `title`, `description` (the summary), `mimeType`,
    /// `size` in bytes, and `_meta.source` saying where the set came from.
    public func resourceList() -> [JSONValue] {
        pages.map { page in
            var resource: [String: JSONValue] = [
                "uri": .string(page.uri),
                "name": .string(page.path),
                "title": .string(page.title),
                "mimeType": .string(Self.mimeType),
                "size": .int(Int64(page.text.utf8.count)),
                "_meta": ["source": .string(source)],
            ]
            if !page.summary.isEmpty { resource["description"] = .string(page.summary) }
            return .object(resource)
        }
    }

    /// One `ResourceTemplate` object per entry of ``templates``.
    public static func templateList() -> [JSONValue] {
        templates.map { template in
            [
                "uriTemplate": .string(template.uriTemplate),
                "name": .string(template.name),
                "description": .string(template.description),
                "mimeType": .string(mimeType),
            ]
        }
    }

    /// The `contents` entry for `resources/read`: `{uri, mimeType, text}` with the URI as requested; `nil` when the URI
    /// does not resolve (the server answers that with an invalid-params error naming the URI).
    public func readContents(uri: String) -> JSONValue? {
        guard let text = read(uri: uri) else { return nil }
        return ["uri": .string(uri), "mimeType": .string(Self.mimeType), "text": .string(text)]
    }

    /// Values for a template argument (`action` or `code`) that start with `prefix`, ignoring case; at most `limit`.
    public func completions(argument: String, prefix: String, limit: Int = 100) -> [String] {
        let candidates: [String]
        switch argument {
        case "action": candidates = actionNames
        case "code": candidates = errorCodes
        default: return []
        }
        let lowered = prefix.lowercased()
        return Array(candidates.filter { $0.lowercased().hasPrefix(lowered) }.prefix(max(0, limit)))
    }

    /// `search(query, limit)` as structured content: `{"query", "source", "results": [{uri, title, heading?, snippet,
    /// score}]}`; scores rounded to 3 decimals so output is stable.
    public func searchResult(_ query: String, limit: Int) -> JSONValue {
        let hits = search(query, limit: limit).map { hit -> JSONValue in
            var object: [String: JSONValue] = [
                "uri": .string(hit.uri), "title": .string(hit.title), "snippet": .string(hit.snippet),
                "score": .double((hit.score * 1000).rounded() / 1000),
            ]
            if let heading = hit.heading { object["heading"] = .string(heading) }
            return .object(object)
        }
        return ["query": .string(query), "source": .string(source), "results": .array(hits)]
    }
}
