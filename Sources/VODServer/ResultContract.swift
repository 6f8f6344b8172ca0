import Logging
import MCPCore

/// The one place a tool result is checked before it leaves the server: a non-error result of a tool that declares an
/// outputSchema must carry `structuredContent` that validates against it (MCP 2025-06-18 "Structured content";
/// clients built on the official SDKs reject the whole call otherwise).
///
/// A member that does not fit is removed from `structuredContent` (the text content keeps the full response, so no
/// answer is lost), a note says so, and the defect is logged to stderr: the caller still gets the successful call
/// it paid for (a write has already happened), and a client never sees a contract violation. A missing
/// `structuredContent` becomes the pruned text-free remainder, `{}` at least.
enum ResultContract {
    static let logger = Logger(label: "vod-mcp.contract")

    static func enforce(_ outcome: ToolOutcome, tool: String, definition: JSONValue) -> ToolOutcome {
        guard case .complete(.object(var result)) = outcome, result["isError"] != .bool(true),
            let schema = definition["outputSchema"]
        else { return outcome }
        var problems: [String] = []
        let structured = result["structuredContent"] ?? .object([:])
        let fitted = conform(structured, to: schema, path: "structuredContent", problems: &problems) ?? .object([:])
        result["structuredContent"] = fitted
        if !problems.isEmpty {
            logger.warning("\(tool): result did not match its outputSchema: \(problems.joined(separator: "; "))")
            var content = result["content"]?.arrayValue ?? []
            content.append([
                "type": "text",
                "text": .string(
                    "Notes: structuredContent left out member(s) that did not match the declared outputSchema "
                        + "(\(problems.joined(separator: "; "))); the text above holds the full response."),
            ])
            result["content"] = .array(content)
        }
        return .complete(.object(result))
    }

    /// Problems of `value` against `schema` (the JSON Schema subset the published schemas use: type, properties,
    /// additionalProperties, items, required, enum, const, anyOf).
    static func problems(_ value: JSONValue, schema: JSONValue, path: String = "$") -> [String] {
        var problems: [String] = []
        check(value, schema, path: path, problems: &problems)
        return problems
    }

    private static func check(_ value: JSONValue, _ schema: JSONValue, path: String, problems: inout [String]) {
        if schema == .bool(false) {
            problems.append("\(path): not allowed")
            return
        }
        guard case .object(let keywords) = schema else { return }
        if let types = keywords["type"] {
            let names = types.arrayValue?.compactMap(\.stringValue) ?? [types.stringValue].compactMap { $0 }
            if !names.contains(where: { matches(value, type: $0) }) {
                problems.append("\(path): \(value.kindName) where the schema says \(names.joined(separator: " or "))")
                return
            }
        }
        if let allowed = keywords["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): value not in enum")
        }
        if let constant = keywords["const"], constant != value { problems.append("\(path): not the constant") }
        if let options = keywords["anyOf"]?.arrayValue,
            !options.contains(where: { Self.problems(value, schema: $0, path: path).isEmpty })
        {
            problems.append("\(path): matches none of anyOf")
        }
        if case .object(let members) = value {
            let properties = keywords["properties"]?.objectValue ?? [:]
            for name in keywords["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[name] == nil {
                problems.append("\(path).\(name): required member missing")
            }
            for (name, member) in members.sorted(by: { $0.key < $1.key }) {
                if let sub = properties[name] {
                    check(member, sub, path: "\(path).\(name)", problems: &problems)
                } else if let extra = keywords["additionalProperties"] {
                    check(member, extra, path: "\(path).\(name)", problems: &problems)
                }
            }
        }
        if case .array(let elements) = value, let items = keywords["items"] {
            for (index, element) in elements.enumerated() {
                check(element, items, path: "\(path)[\(index)]", problems: &problems)
            }
        }
    }

    /// `value` with every member that fails `schema` removed; nil when the value itself does not fit.
    static func conform(_ value: JSONValue, to schema: JSONValue, path: String, problems: inout [String]) -> JSONValue?
    {
        let own = Self.problems(value, schema: schema, path: path)
        if own.isEmpty { return value }
        guard case .object(let keywords) = schema else { return value }
        switch value {
        case .object(var members) where matches(value, keywords):
            let properties = keywords["properties"]?.objectValue ?? [:]
            for (name, member) in members {
                guard let sub = properties[name] ?? keywords["additionalProperties"] else { continue }
                if let fitted = conform(member, to: sub, path: "\(path).\(name)", problems: &problems) {
                    members[name] = fitted
                } else {
                    members[name] = nil
                }
            }
            let fitted = JSONValue.object(members)
            if Self.problems(fitted, schema: schema, path: path).isEmpty { return fitted }
        case .array(let elements) where matches(value, keywords):
            var kept: [JSONValue] = []
            for (index, element) in elements.enumerated() {
                if let items = keywords["items"] {
                    if let fitted = conform(element, to: items, path: "\(path)[\(index)]", problems: &problems) {
                        kept.append(fitted)
                    }
                } else {
                    kept.append(element)
                }
            }
            let fitted = JSONValue.array(kept)
            if Self.problems(fitted, schema: schema, path: path).isEmpty { return fitted }
        default:
            break
        }
        problems.append(contentsOf: Self.problems(value, schema: schema, path: path).prefix(1))
        return nil
    }

    /// The schema's own type keyword only, to ask whether a container of that kind is acceptable at all.
    private static func shallow(_ keywords: [String: JSONValue]) -> JSONValue {
        .object(keywords.filter { $0.key == "type" })
    }

    private static func matches(_ value: JSONValue, _ keywords: [String: JSONValue]) -> Bool {
        problems(value, schema: shallow(keywords)).isEmpty
    }

    static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .int), ("number", .double), ("integer", .int):
            return true
        case ("integer", .double(let number)):
            return number.rounded() == number
        default:
            return false
        }
    }
}
