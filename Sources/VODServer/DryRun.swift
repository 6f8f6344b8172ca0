import FoundationEssentials
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
                "headers": .object(
                    Dictionary(
                        preview.headers.map { ($0.name, JSONValue.string($0.value)) }, uniquingKeysWith: { a, _ in a })),
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

    /// The `Config(...)` lines shared by both snippets' clients: region, endpoint (and http for loopback) when one
    /// is configured, and the V1 signature when the server signs with V1 (the SDKs default to ACS3, V3).
    private static func configLines(_ settings: ServerSettings, python: Bool) -> [String] {
        var lines: [String] = []
        if python {
            lines.append("    region_id=\"\(settings.region)\",")
            if let endpoint = SDKNaming.endpoint(settings.endpoint) {
                lines.append("    endpoint=\"\(endpoint.host)\",")
                if endpoint.http { lines.append("    protocol=\"http\",") }
            }
            if settings.signatureVersion != "v3" {
                lines.append(
                    "    signature_algorithm=\"v2\",  # RPC V1 (HMAC-SHA1), as this server signs; omit for ACS3 (V3)")
            }
        } else {
            lines.append("  regionId: '\(settings.region)',")
            if let endpoint = SDKNaming.endpoint(settings.endpoint) {
                lines.append("  endpoint: '\(endpoint.host)',")
                if endpoint.http { lines.append("  protocol: 'http',") }
            }
            if settings.signatureVersion != "v3" {
                lines.append(
                    "  signatureAlgorithm: 'v2', // RPC V1 (HMAC-SHA1), as this server signs; omit for ACS3 (V3)")
            }
        }
        return lines
    }

    static func python(_ call: ValidatedCall, settings: ServerSettings) -> String {
        let action = call.operation.action
        let fields = SDKNaming.arguments(action, wire: call.wireParameters).map { wire, argument in
            let name = SDKNaming.field(action, wire)?.name ?? snakeCase(wire)
            switch argument {
            case .value(let value, let kind):
                return "    \(name)=\(SDKNaming.python(value, kind: kind)),"
            case .models(let items, let model, let members):
                let built = items.map { item in
                    "vod_models.\(model)("
                        + item.keys.sorted().map { key in
                            "\(members[key] ?? snakeCase(key))=\(JSONValue.string(item[key] ?? "").encodedString())"
                        }.joined(separator: ", ") + ")"
                }
                return "    \(name)=[\(built.joined(separator: ", "))],"
            }
        }
        return """
            # pip install alibabacloud-vod20170321
            import os
            from alibabacloud_tea_openapi import models as open_api_models
            from alibabacloud_vod20170321.client import Client
            from alibabacloud_vod20170321 import models as vod_models

            client = Client(open_api_models.Config(
                access_key_id=os.environ["ALIBABA_CLOUD_ACCESS_KEY_ID"],
                access_key_secret=os.environ["ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
            \(configLines(settings, python: true).joined(separator: "\n"))
            ))
            request = vod_models.\(action)Request(
            \(fields.joined(separator: "\n"))
            )
            response = client.\(SDKNaming.pythonMethod(action))(request)
            print(response.body.to_map())
            """
    }

    static func typescript(_ call: ValidatedCall, settings: ServerSettings) -> String {
        let action = call.operation.action
        let fields = SDKNaming.arguments(action, wire: call.wireParameters).map { wire, argument in
            switch argument {
            case .value(let value, let kind):
                return "  \(lowerCamel(wire)): \(SDKNaming.typescript(value, kind: kind)),"
            case .models(let items, let model, _):
                let built = items.map { item in
                    "new $Vod.\(model)({ "
                        + item.keys.sorted().map { key in
                            "\(lowerCamel(key)): \(JSONValue.string(item[key] ?? "").encodedString())"
                        }.joined(separator: ", ") + " })"
                }
                return "  \(lowerCamel(wire)): [\(built.joined(separator: ", "))],"
            }
        }
        return """
            // npm install @alicloud/vod20170321 @alicloud/openapi-client
            import Vod, * as $Vod from '@alicloud/vod20170321';
            import * as $OpenApi from '@alicloud/openapi-client';

            const client = new Vod(new $OpenApi.Config({
              accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
              accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
            \(configLines(settings, python: false).joined(separator: "\n"))
            }));
            const request = new $Vod.\(action)Request({
            \(fields.joined(separator: "\n"))
            });
            const response = await client.\(lowerCamel(action))(request);
            console.log(JSON.stringify(response.body));
            """
    }
}
