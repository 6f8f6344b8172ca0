import MCPCore
import VODCatalog

/// What the sandbox takes from the operation catalog: which actions exist and how their parameters are checked.
///
/// The sandbox keeps no list of its own: an action is known when the catalog has it, and its business parameters
/// pass through the same validation as the MCP tools (required names, types, ranges, enums, JSON text), so the
/// sandbox and the tools never disagree about what a call needs.
enum CatalogRules {
    /// The catalog's operation named `action`, or `nil` for an action VOD does not have.
    static func operation(_ action: String) -> APIOperation? { Catalog.vod.operation(action) }

    /// Every VOD action, sorted.
    static var allActions: [String] { Catalog.vod.operations.map(\.action) }

    /// Checks the business parameters of one call; throws `MissingParameter` or `InvalidParameter` as VOD does.
    /// Parameters the operation does not declare are ignored, as the service's gateway ignores them.
    static func check(_ operation: APIOperation, _ parameters: [String: String]) throws(RPCFailure) {
        var members: [String: JSONValue] = [:]
        for parameter in operation.parameters {
            if parameter.wireFormat == .repeatList {
                if let items = repeatList(parameter.name, parameters) { members[parameter.name] = items }
            } else if let value = parameters[parameter.name], !value.isEmpty {
                members[parameter.name] = .string(value)
            }
        }
        do {
            _ = try operation.validate(.object(members))
        } catch {
            guard case .invalidArguments(_, let problems) = error, let first = problems.first else {
                throw RPCFailure.invalid(operation.action, "\(error)")
            }
            let name = first.parameter ?? operation.action
            // MissingParameter only when the parameter itself is absent; a member missing inside a JSON value
            // (kind missingRequired too) makes the value invalid.
            let absent = members[name] == nil
            if let code = serviceCodes[operation.action + "." + name], !(first.kind == .missingRequired && absent) {
                throw RPCFailure(status: 400, code: code, message: first.message)
            }
            if first.kind == .missingRequired && (absent || name.contains(" or ")) {
                throw name.contains(" or ") ? RPCFailure.invalid(name, first.message) : RPCFailure.missing(name)
            }
            throw RPCFailure.invalid(name, first.message)
        }
    }

    /// Parameters whose bad values the service refuses with a code of its own rather than InvalidParameter
    /// (llms/Error Codes/Search.md).
    private static let serviceCodes = ["SearchMedia.Match": "ErrorMatchSyntax"]

    /// `Name.1.Key=a&Name.1.Value=b&Name.2.Key=...` gathered back into an array of objects.
    private static func repeatList(_ name: String, _ parameters: [String: String]) -> JSONValue? {
        var items: [Int: [String: JSONValue]] = [:]
        for (key, value) in parameters where key.hasPrefix(name + ".") {
            let rest = key.dropFirst(name.count + 1).split(separator: ".", maxSplits: 1)
            guard let index = rest.first.flatMap({ Int($0) }) else { continue }
            let field = rest.count > 1 ? String(rest[1]) : "Value"
            items[index, default: [:]][field] = .string(value)
        }
        guard !items.isEmpty else { return nil }
        return .array(items.keys.sorted().compactMap { items[$0].map(JSONValue.object) })
    }
}
