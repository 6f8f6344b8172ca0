import MCPCore
import VODAPI

extension OperationRunner {
    /// Adds a text block saying the call was sent to another region than configured (single-region operations),
    /// or that the region it went to is one Alibaba Cloud lists as deactivated.
    static func withRoutingNote(_ routing: RegionRouting, _ result: JSONValue) -> JSONValue {
        var notes: [String] = []
        if let note = routing.note { notes.append("Region: " + note) }
        if RegionRouting.isDeactivated(routing.region) {
            notes.append(
                "Region: \(routing.region) is marked deactivated on Alibaba Cloud's endpoint page; "
                    + "do not start new work there (see vod://docs/Regions%20and%20Endpoints/Overview.md).")
        }
        guard !notes.isEmpty, case .object(var object) = result, case .array(var content)? = object["content"]
        else { return result }
        for note in notes { content.append(["type": "text", "text": .string(note)]) }
        object["content"] = .array(content)
        return .object(object)
    }
}
