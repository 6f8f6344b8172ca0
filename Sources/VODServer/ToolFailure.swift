import CurlHTTP
import FoundationEssentials
import MCPCore
import VODAPI
import VODCatalog
import VODCredentials
import VODDocs
import VODHints

/// Any failure inside a tool, in the one shape every `isError` result takes.
struct ToolFailure: Error, Sendable {
    var code: String
    var message: String
    var action: String?
    var requestId: String?
    var httpStatus: Int?
    var retryable: Bool?
    var recommend: String?
    /// Extra machine-readable detail (validation problems, a preview of what a destructive call would affect).
    var details: [String: JSONValue] = [:]

    init(code: String, message: String, action: String? = nil, details: [String: JSONValue] = [:]) {
        self.code = code
        self.message = Self.clipped(message, to: 2000)
        self.action = action
        self.details = details
    }

    init(_ error: VODAPIError, action: String) {
        self.init(code: error.code, message: error.message, action: action)
        requestId = error.requestId
        httpStatus = error.httpStatus
        retryable = error.retryable
        recommend = error.recommend
        if let diff = error.signatureDiff { details["signatureDiff"] = .string(diff) }
        if error.attempts > 1 { details["attempts"] = .int(Int64(error.attempts)) }
    }

    init(_ error: CatalogError, action: String?) {
        self.init(code: error.code, message: error.description, action: action)
        switch error {
        case .invalidArguments(_, let problems):
            details["problems"] = .array(
                problems.map { problem in
                    var object: [String: JSONValue] = [
                        "kind": .string(problem.kind.rawValue),
                        "message": .string(Self.clipped(problem.message, to: 500)),
                    ]
                    if let parameter = problem.parameter {
                        object["parameter"] = .string(Self.clipped(parameter, to: 200))
                    }
                    if let suggestion = problem.suggestion {
                        object["suggestion"] = .string(Self.clipped(suggestion, to: 200))
                    }
                    return .object(object)
                })
        case .unknownOperation(_, let suggestions):
            details["suggestions"] = .array(suggestions.map { .string($0) })
        default:
            break
        }
    }

    /// The `CallToolResult`: a readable text block, resource links to the docs, and structured content
    /// `{code, message, requestId?, httpStatus?, retryable, hint, mistakes[], docs[]}`.
    func result(docs: DocLibrary) -> JSONValue {
        let hint = VODHints.hint(for: code, action: action, httpStatus: httpStatus)
        var links = hint.docs.filter { docs.resolves($0) }
        let errorPage = DocLibrary.errorURI(code)
        if !links.contains(errorPage), docs.resolves(errorPage) { links.insert(errorPage, at: 0) }
        if let action, docs.resolves(DocLibrary.apiURI(action)), !links.contains(DocLibrary.apiURI(action)) {
            links.append(DocLibrary.apiURI(action))
        }
        var structured: [String: JSONValue] = [
            "code": .string(code), "message": .string(message), "retryable": .bool(retryable ?? hint.retryable),
            "hint": .string(hint.hint), "mistakes": .array(hint.mistakes.map { .string($0) }),
            "docs": .array(links.map { .string($0) }),
        ]
        if let requestId { structured["requestId"] = .string(requestId) }
        if let httpStatus { structured["httpStatus"] = .int(Int64(httpStatus)) }
        if let recommend { structured["recommend"] = .string(recommend) }
        for (key, value) in details { structured[key] = value }

        var text = "\(code): \(message)"
        if let requestId { text += " (RequestId \(requestId))" }
        text += "\nHint: \(hint.hint)"
        if !hint.mistakes.isEmpty { text += "\nCommon mistakes: " + hint.mistakes.joined(separator: " | ") }
        if let preview = details["preview"] { text += "\nPreview: \(preview.encodedString())" }
        // The rest of the details (resume arguments, suggestions, problems, ...) too, so the text is enough.
        for (key, value) in details.sorted(by: { $0.key < $1.key }) where key != "preview" {
            text += "\n\(key): \(value.stringValue ?? value.encodedString())"
        }
        if !links.isEmpty { text += "\nDocs: " + links.joined(separator: " ") }

        var content: [JSONValue] = [["type": "text", "text": .string(text)]]
        for link in links.prefix(3) {
            let title = docs.page(uri: link)?.title ?? docs.section(uri: link)?.heading ?? link
            content.append([
                "type": "resource_link", "uri": .string(link), "name": .string(title), "mimeType": "text/markdown",
            ])
        }
        return ["content": .array(content), "structuredContent": .object(structured), "isError": true]
    }
}

extension ToolFailure {
    /// Error text can quote hostile input (a 2 MB enum value); keep what goes back to the model bounded.
    static func clipped(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var end = text.startIndex
        var bytes = 0
        for index in text.indices {
            bytes += text[index].utf8.count
            if bytes > limit { break }
            end = text.index(after: index)
        }
        return String(text[..<end]) + "… (\(text.utf8.count - text[..<end].utf8.count) more bytes cut)"
    }

    /// Maps any thrown error to a failure; unknown errors become an internal failure without details.
    static func from(_ error: any Error, action: String?) -> ToolFailure {
        switch error {
        case let failure as ToolFailure: return failure
        case let error as VODAPIError: return ToolFailure(error, action: action ?? "")
        case let error as CatalogError: return ToolFailure(error, action: action)
        case let error as CredentialsError:
            return ToolFailure(code: error.code, message: error.description, action: action)
        case let error as CurlError: return ToolFailure(code: error.code, message: error.description, action: action)
        default:
            return ToolFailure(
                code: "Internal.Error", message: "vod-mcp hit an unexpected error; the details are in its stderr log",
                action: action)
        }
    }
}
