import FoundationEssentials
import MCPCore

/// The official Python SDK's method and request field names for each operation, read from the SDK by
/// tools/gen-sdk-names (Generated/SDKNames.swift), and how DryRun writes argument values for it.
enum SDKNaming {
    /// One request field: its SDK name and kind (str, int, bool, float, list, dict, models); for a list of models the
    /// model class and its wire -> field names.
    struct Field {
        let name: String
        let kind: String
        let model: String?
        let members: [String: String]
    }

    static let table: [String: JSONValue] = (try? JSONValue.parse(SDKNames.json))?.objectValue ?? [:]

    /// The Python client method, e.g. `describe_vod_domain_max_95bps_data`.
    static func pythonMethod(_ action: String) -> String {
        table[action]?["method"]?.stringValue ?? DryRun.snakeCase(action)
    }

    static func field(_ action: String, _ wire: String) -> Field? {
        guard let entry = table[action]?["fields"]?[wire]?.arrayValue, entry.count >= 2,
            let name = entry[0].stringValue, let kind = entry[1].stringValue
        else { return nil }
        let members = entry.count > 3 ? (entry[3].objectValue ?? [:]).compactMapValues(\.stringValue) : [:]
        return Field(name: name, kind: kind, model: entry.count > 2 ? entry[2].stringValue : nil, members: members)
    }

    /// One request argument in SDK form: a plain value, or a list of models built from `Name.N.Member` wire keys.
    enum Argument {
        case value(String, kind: String)
        case models([[String: String]], model: String, members: [String: String])
    }

    /// The wire parameters regrouped as SDK arguments, keyed by wire name, in wire-name order.
    static func arguments(_ action: String, wire: [String: String]) -> [(wire: String, argument: Argument)] {
        var plain: [(String, Argument)] = []
        var grouped: [String: [Int: [String: String]]] = [:]
        for (key, value) in wire {
            let pieces = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if pieces.count == 3, let index = Int(pieces[1]), field(action, pieces[0])?.kind == "models" {
                grouped[pieces[0], default: [:]][index, default: [:]][pieces[2]] = value
            } else {
                plain.append((key, .value(value, kind: field(action, key)?.kind ?? "str")))
            }
        }
        for (name, items) in grouped {
            let field = field(action, name)
            plain.append(
                (
                    name,
                    .models(
                        items.keys.sorted().compactMap { items[$0] }, model: field?.model ?? "\(action)Request\(name)",
                        members: field?.members ?? [:])
                ))
        }
        return plain.sorted { $0.0 < $1.0 }
    }

    /// A Python literal for a wire value of this kind.
    static func python(_ value: String, kind: String) -> String {
        switch kind {
        case "int": if Int64(value) != nil { return value }
        case "float": if Double(value) != nil { return value }
        // A Python bool reaches the wire as "True"/"False" (the SDK calls str() on it); the wire text is what the
        // preview shows, so booleans stay strings.
        case "list":
            if let parsed = try? JSONValue.parse(value), parsed.arrayValue != nil { return python(parsed) }
            return python(.array(value.split(separator: ",").map { .string(String($0)) }))
        case "dict":
            if let parsed = try? JSONValue.parse(value), parsed.objectValue != nil { return python(parsed) }
        default: break
        }
        return JSONValue.string(value).encodedString()
    }

    /// A Python literal for a JSON value.
    static func python(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .array(let items): return "[" + items.map { python($0) }.joined(separator: ", ") + "]"
        case .object(let members):
            return "{"
                + members.keys.sorted().map { key in
                    JSONValue.string(key).encodedString() + ": " + python(members[key] ?? .null)
                }.joined(separator: ", ") + "}"
        default: return value.encodedString()
        }
    }

    /// A TypeScript literal for a wire value of this kind.
    static func typescript(_ value: String, kind: String) -> String {
        switch kind {
        case "int", "float": if Double(value) != nil { return value }
        case "bool": if value == "true" || value == "false" { return value }
        case "list":
            if let parsed = try? JSONValue.parse(value), parsed.arrayValue != nil { return parsed.encodedString() }
            return JSONValue.array(value.split(separator: ",").map { .string(String($0)) }).encodedString()
        case "dict":
            if let parsed = try? JSONValue.parse(value), parsed.objectValue != nil { return parsed.encodedString() }
        default: break
        }
        return JSONValue.string(value).encodedString()
    }

    /// The configured endpoint as the SDKs' Config wants it: host[:port] and, for http, the protocol.
    static func endpoint(_ configured: String?) -> (host: String, http: Bool)? {
        guard let configured, !configured.isEmpty else { return nil }
        guard let url = URL(string: configured), let host = url.host else {
            return (configured, false)
        }
        let authority = url.port.map { "\(host):\($0)" } ?? host
        return (authority, url.scheme?.lowercased() == "http")
    }
}
