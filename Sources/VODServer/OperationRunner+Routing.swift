import MCPCore
import VODAPI

extension OperationRunner {
    /// Adds a text block saying the call was sent to another region than configured (single-region operations).
    static func withRoutingNote(_ routing: RegionRouting, _ result: JSONValue) -> JSONValue {
        guard let note = routing.note, case .object(var object) = result, case .array(var content)? = object["content"]
        else { return result }
        content.append(["type": "text", "text": .string("Region: " + note)])
        object["content"] = .array(content)
        return .object(object)
    }
}
