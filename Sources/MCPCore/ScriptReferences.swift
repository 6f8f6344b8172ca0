/// Sequential (script) mode: a later request may use a value from an earlier result.
///
/// A string argument `"${<id>.<path>}"` is replaced by the value at `path` (dot-separated keys and array indices) in the
/// result of the earlier request with that id, e.g. `"${2.structuredContent.VideoId}"`. Inside a longer string the
/// reference is replaced by the value's text.
enum ScriptReferences {
    static func resolve(_ value: JSONValue, results: [String: JSONValue]) throws -> JSONValue {
        switch value {
        case .string(let text):
            guard text.contains("${") else { return value }
            if text.hasPrefix("${"), text.hasSuffix("}"),
                text.dropFirst(2).firstIndex(of: "}") == text.index(before: text.endIndex)
            {
                return try lookup(String(text.dropFirst(2).dropLast()), results: results)
            }
            var output = ""
            var rest = Substring(text)
            while let start = rest.firstRange(of: "${") {
                output += rest[..<start.lowerBound]
                guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                    output += rest[start.lowerBound...]
                    rest = ""
                    break
                }
                let resolved = try lookup(String(rest[start.upperBound..<end]), results: results)
                output += resolved.stringValue ?? resolved.encodedString()
                rest = rest[rest.index(after: end)...]
            }
            return .string(output + rest)
        case .array(let items):
            return .array(try items.map { try resolve($0, results: results) })
        case .object(let members):
            return .object(try members.mapValues { try resolve($0, results: results) })
        default:
            return value
        }
    }

    private static func lookup(_ reference: String, results: [String: JSONValue]) throws -> JSONValue {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let id = parts.first, var current = results[id] else {
            throw JSONRPCError.invalidParams(
                "Invalid params: script reference ${\(reference)} names no earlier result; use ${<request id>.<path>} after that request has been answered"
            )
        }
        for key in parts.dropFirst() {
            if let index = Int(key), let items = current.arrayValue, items.indices.contains(index) {
                current = items[index]
            } else if let next = current[key] {
                current = next
            } else {
                throw JSONRPCError.invalidParams(
                    "Invalid params: script reference ${\(reference)}: the result of request \(id) has nothing at '\(key)'"
                )
            }
        }
        return current
    }
}
