import Foundation
import MCPCore
import VODAPI
import VODCatalog

/// `"DryRun": true`: the validated request as it would be sent (signature redacted), the equivalent `aliyun` CLI
/// command, and ready-to-paste code for the official Python and TypeScript SDKs. Nothing is sent.
enum DryRun {
    static func result(for call: ValidatedCall, preview: RequestPreview, settings: ServerSettings) -> JSONValue {
        let operation = call.operation
        var structured: [String: JSONValue] = [
            "dryRun": true,
            "action": .string(operation.action),
            "request": [
                "method": .string(preview.method),
                "url": .string(preview.url),
                "headers": .object(Dictionary(preview.headers.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { a, _ in a })),
                "parameters": .object(call.wireParameters.mapValues { .string($0) }),
            ],
            "cli": .string(preview.cliCommand),
            "python": .string(python(call, settings: settings)),
            "typescript": .string(typescript(call, settings: settings)),
        ]
        if !call.coercions.isEmpty { structured["coercions"] = .array(call.coercions.map { .string($0) }) }
        let text = """
            Dry run of \(operation.action): validated, nothing was sent.
            \(preview.method) \(preview.url)
            CLI: \(preview.cliCommand)
            """
        return ToolResults.success(
            texts: [text, JSONValue.object(structured).encodedString()], structured: .object(structured))
    }

    // MARK: Snippets

    /// Python SDK names: underscore before an upper-case letter that follows a lower-case letter or digit.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        var previous: Character?
        for character in name {
            if character.isUppercase, let previous, previous.isLowercase || previous.isNumber { out.append("_") }
            out.append(contentsOf: character.lowercased())
            previous = character
        }
        return out
    }

    static func lowerCamel(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    private static func literal(_ value: String, type: ParameterType?, python: Bool) -> String {
        switch type {
        case .integer?: if Int64(value) != nil { return value }
        case .boolean?: return python ? (value == "true" ? "True" : "False") : value
        default: break
        }
        return JSONValue.string(value).encodedString()
    }

    private static func sortedParameters(_ call: ValidatedCall) -> [(name: String, value: String, type: ParameterType?)] {
        call.wireParameters.keys.sorted().map { key in
            (key, call.wireParameters[key] ?? "", call.operation.parameter(key)?.type)
        }
    }

    static func python(_ call: ValidatedCall, settings: ServerSettings) -> String {
        let action = call.operation.action
        let fields = sortedParameters(call).map { "    \(snakeCase($0.name))=\(literal($0.value, type: $0.type, python: true))," }
        return """
            # pip install alibabacloud-vod20170321
            import os
            from alibabacloud_tea_openapi import models as open_api_models
            from alibabacloud_vod20170321.client import Client
            from alibabacloud_vod20170321 import models as vod_models

            client = Client(open_api_models.Config(
                access_key_id=os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"],
                access_key_secret=os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
                region_id="\(settings.region)",
                signature_algorithm="v2",  # RPC V1 (HMAC-SHA1); omit for the SDK default ACS3-HMAC-SHA256
            ))
            request = vod_models.\(action)Request(
            \(fields.joined(separator: "\n"))
            )
            response = client.\(snakeCase(action))(request)
            print(response.body.to_map())
            """
    }

    static func typescript(_ call: ValidatedCall, settings: ServerSettings) -> String {
        let action = call.operation.action
        let fields = sortedParameters(call).map { "  \(lowerCamel($0.name)): \(literal($0.value, type: $0.type, python: false))," }
        return """
            // npm install @alicloud/vod20170321 @alicloud/openapi-client
            import Vod, * as $Vod from '@alicloud/vod20170321';
            import * as $OpenApi from '@alicloud/openapi-client';

            const client = new Vod(new $OpenApi.Config({
              accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
              accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
              regionId: '\(settings.region)',
            }));
            const request = new $Vod.\(action)Request({
            \(fields.joined(separator: "\n"))
            });
            const response = await client.\(lowerCamel(action))(request);
            console.log(JSON.stringify(response.body));
            """
    }
}
