import FoundationEssentials
import MCPCore
import VODAPI
import VODCatalog

/// What a destructive call would affect, looked up with read-only calls where VOD offers them.
enum DestructivePreview {
    static func describe(_ call: ValidatedCall, client: VODClient) async -> JSONValue {
        var preview: [String: JSONValue] = [
            "action": .string(call.operation.action),
            "parameters": .object(call.wireParameters.mapValues { .string($0) }),
        ]
        switch call.operation.action {
        case "DeleteVideo":
            if let ids = call.wireParameters["VideoIds"] {
                preview["videos"] = await lookup(
                    client: client, action: "GetVideoInfos", parameters: ["VideoIds": ids], listKey: "VideoList",
                    fields: ["VideoId", "Title", "Status", "Duration", "Size"], missingKey: "NonExistVideoIds")
            }
        case "DeleteImage":
            if let ids = call.wireParameters["ImageIds"] {
                preview["images"] = await lookup(
                    client: client, action: "GetImageInfos", parameters: ["ImageIds": ids], listKey: "ImageInfo",
                    fields: ["ImageId", "Title", "Status", "URL"], missingKey: "NonExistImageIds")
            }
        case "DeleteAttachedMedia":
            if let ids = call.wireParameters["MediaIds"] {
                preview["attachedMedia"] = await lookup(
                    client: client, action: "GetAttachedMediaInfo", parameters: ["MediaIds": ids],
                    listKey: "AttachedMediaList", fields: ["MediaId", "Title", "Status"], missingKey: "NonExistMediaIds"
                )
            }
        default:
            break
        }
        return .object(preview)
    }

    private static func lookup(
        client: VODClient, action: String, parameters: [String: String], listKey: String, fields: [String],
        missingKey: String
    ) async -> JSONValue {
        do {
            let response = try await client.call(
                action: action, httpMethod: "POST", parameters: parameters, idempotent: true)
            guard let body = try? JSONValue.parse(Data(response.body)) else { return "unavailable" }
            var list = body[listKey]
            if let nested = list?[listKey.hasSuffix("List") ? String(listKey.dropLast(4)) : listKey] { list = nested }
            let items = (list?.arrayValue ?? []).map { item -> JSONValue in
                .object(Dictionary(uniqueKeysWithValues: fields.compactMap { key in item[key].map { (key, $0) } }))
            }
            var result: [String: JSONValue] = ["found": .array(items)]
            if let missing = body[missingKey] { result["notFound"] = missing }
            return .object(result)
        } catch {
            return .string("could not look up the affected items (\(error.code)); the call itself was not made")
        }
    }
}
