import FoundationEssentials
import MCPCore
import VODDocs
import VODSigning

/// `sign_playback_url` and `verify_callback_signature`: the two MD5 constructions agents otherwise write by hand.
/// Both run locally: nothing is sent, and the key is never echoed back.
enum SigningHelperTools {
    static func all(docs: DocLibrary) -> [ToolHandler] {
        [signPlaybackURL(docs: docs), verifyCallbackSignature(docs: docs)]
    }

    static let signPlaybackURLTool = HelperTool(
        name: "sign_playback_url", title: "Sign a playback URL (URL signing type A, B or C)",
        description: "Sign a playback URL with the domain's URL-signing key (type A, B or C). Local; sends nothing.",
        parameters: [
            HelperParameter("URL", .string, required: true, "Unsigned http(s) URL."),
            HelperParameter(
                "Key", .string, required: true, "Primary or secondary signing key.", minLength: 1, maxLength: 256),
            HelperParameter(
                "Type", .string, required: true, "The domain's signing type.", enumValues: ["A", "B", "C"],
                caseInsensitive: true),
            HelperParameter(
                "Timestamp", .integer, "Unix seconds to sign at (default now).", minimum: 1, maximum: 4_294_967_295),
            HelperParameter("Rand", .string, "Type A: 0 (default) or a hyphen-free UUID."),
            HelperParameter("Uid", .string, "Type A: 0 (default)."),
        ],
        annotations: [
            "title": "Sign a playback URL", "readOnlyHint": true, "idempotentHint": true, "openWorldHint": false,
        ],
        outputSchema: [
            "type": "object",
            "properties": [
                "signedURL": ["type": "string"], "type": ["type": "string"], "timestamp": ["type": "integer"],
                "timestampField": ["type": "string"], "md5": ["type": "string"],
            ],
        ])

    static func signPlaybackURL(docs: DocLibrary) -> ToolHandler {
        signPlaybackURLTool.handler(docs: docs) { call, _ in
            let arguments = call.arguments
            let url = call.string("URL") ?? ""
            let key = call.string("Key") ?? ""
            guard let type = PlaybackURLSigner.SigningType(rawValue: (call.string("Type") ?? "").uppercased()) else {
                return .complete(
                    fail("Validation.InvalidParameter", "Type must be A, B or C (the domain's URL signing type)", docs))
            }
            let timestamp = arguments["Timestamp"]?.intValue ?? Int64(Date().timeIntervalSince1970)
            let rand = arguments["Rand"]?.stringValue ?? "0"
            let uid = arguments["Uid"]?.stringValue ?? "0"
            let signed: PlaybackURLSigner.Signed
            do {
                signed = try PlaybackURLSigner.sign(
                    url: url, key: key, type: type, timestamp: timestamp, rand: rand, uid: uid)
            } catch let error as PlaybackURLSigner.SigningError {
                return .complete(fail("Validation.InvalidParameter", "sign_playback_url: \(error.description)", docs))
            } catch {
                return .complete(
                    fail("Validation.InvalidParameter", "sign_playback_url: the URL could not be signed", docs))
            }
            let structured: JSONValue = [
                "signedURL": .string(signed.signedURL),
                "type": .string(type.rawValue),
                "timestamp": .int(timestamp),
                "timestampField": .string(signed.timestampField),
                "md5": .string(signed.md5),
            ]
            let text = """
                \(signed.signedURL)
                Type \(type.rawValue), signed at \(timestamp) (\(signed.timestampField)); \
                it stays valid for the domain's configured validity period after that.
                """
            return .complete(ToolResults.success(text: text, structured: structured))
        }
    }

    static let verifyCallbackSignatureTool = HelperTool(
        name: "verify_callback_signature", title: "Verify an HTTP callback's signature",
        description:
            "Check a VOD HTTP callback's X-VOD-SIGNATURE (the body is not signed). Local; sends nothing.",
        parameters: [
            HelperParameter("CallbackURL", .string, required: true, "Callback URL exactly as configured."),
            HelperParameter("Timestamp", .string, required: true, "X-VOD-TIMESTAMP header."),
            HelperParameter("Signature", .string, required: true, "X-VOD-SIGNATURE header."),
            HelperParameter(
                "AuthKey", .string, required: true, "AuthKey set with call_api SetMessageCallback.", minLength: 1,
                maxLength: 256),
            HelperParameter(
                "MaxAgeSeconds", .integer, "Allowed clock distance in seconds (default 300; 0 skips the check).",
                minimum: 0, maximum: 31_536_000),
        ],
        annotations: [
            "title": "Verify a callback signature", "readOnlyHint": true, "idempotentHint": true,
            "openWorldHint": false,
        ],
        outputSchema: ["type": "object", "properties": ["valid": ["type": "boolean"], "verdict": ["type": "string"]]])

    static func verifyCallbackSignature(docs: DocLibrary) -> ToolHandler {
        verifyCallbackSignatureTool.handler(docs: docs) { call, _ in
            let arguments = call.arguments
            let url = call.string("CallbackURL") ?? ""
            let timestamp = call.string("Timestamp") ?? ""
            let signature = call.string("Signature") ?? ""
            let key = call.string("AuthKey") ?? ""
            let maxAge = arguments["MaxAgeSeconds"]?.intValue ?? 300
            let verdict = CallbackSignature.verify(
                callbackURL: url, timestamp: timestamp, signature: signature, key: key,
                now: Int64(Date().timeIntervalSince1970), maxAgeSeconds: maxAge == 0 ? nil : maxAge)
            let explanation: String
            switch verdict {
            case .valid:
                explanation =
                    "valid: the signature matches and the timestamp is fresh. "
                    + "The body itself is not covered by the signature."
            case .signatureMismatch:
                explanation =
                    "signature_mismatch: check that CallbackURL is byte-for-byte the configured URL "
                    + "(scheme, host, path, query) and that AuthKey is current."
            case .stale:
                explanation =
                    "stale: the signature matches but the timestamp is more than \(maxAge) s from now "
                    + "(replay or clock skew)."
            case .malformedTimestamp:
                explanation = "malformed_timestamp: X-VOD-TIMESTAMP must be 10 digits of Unix seconds."
            case .malformedSignature:
                explanation = "malformed_signature: X-VOD-SIGNATURE must be 32 hexadecimal digits."
            }
            let structured: JSONValue = ["valid": .bool(verdict == .valid), "verdict": .string(verdict.rawValue)]
            return .complete(ToolResults.success(text: explanation, structured: structured))
        }
    }

    private static func fail(_ code: String, _ message: String, _ docs: DocLibrary) -> JSONValue {
        ToolFailure(code: code, message: message).result(docs: docs)
    }
}
