import Foundation
import MCPCore
import VODDocs
import VODSigning

/// `sign_playback_url` and `verify_callback_signature`: the two MD5 constructions agents otherwise write by hand.
/// Both run locally: nothing is sent, and the key is never echoed back.
enum SigningHelperTools {
    static func all(docs: DocLibrary) -> [ToolHandler] {
        [signPlaybackURL(docs: docs), verifyCallbackSignature(docs: docs)]
    }

    static func signPlaybackURL(docs: DocLibrary) -> ToolHandler {
        ToolHandler(
            name: "sign_playback_url",
            definition: [
                "name": "sign_playback_url",
                "title": "Sign a playback URL (URL signing type A, B or C)",
                "description": .string(
                    "Sign a playback URL with the domain's URL-signing key (type A, B or C). "
                        + "Local; sends nothing."),
                "inputSchema": [
                    "type": "object",
                    "properties": [
                        "URL": [
                            "type": "string",
                            "description": "Unsigned http(s) URL.",
                        ],
                        "Key": [
                            "type": "string", "minLength": 1, "maxLength": 256,
                            "description": "Primary or secondary signing key.",
                        ],
                        "Type": [
                            "type": "string", "enum": ["A", "B", "C"], "description": "The domain's signing type.",
                        ],
                        "Timestamp": [
                            "type": "integer", "minimum": 1, "maximum": 4_294_967_295,
                            "description": "Unix seconds to sign at (default now).",
                        ],
                        "Rand": [
                            "type": "string", "description": "Type A: 0 (default) or a hyphen-free UUID.",
                        ],
                        "Uid": ["type": "string", "description": "Type A: 0 (default)."],
                    ],
                    "required": ["URL", "Key", "Type"],
                ],
                "annotations": [
                    "title": "Sign a playback URL", "readOnlyHint": true, "idempotentHint": true,
                    "openWorldHint": false,
                ],
            ]
        ) { arguments, _ in
            guard let url = arguments["URL"]?.stringValue, let key = arguments["Key"]?.stringValue,
                let typeName = arguments["Type"]?.stringValue
            else {
                return .complete(
                    fail("Validation.MissingParameter", "sign_playback_url needs URL, Key and Type (A, B or C)", docs))
            }
            guard let type = PlaybackURLSigner.SigningType(rawValue: typeName.uppercased()) else {
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

    static func verifyCallbackSignature(docs: DocLibrary) -> ToolHandler {
        ToolHandler(
            name: "verify_callback_signature",
            definition: [
                "name": "verify_callback_signature",
                "title": "Verify an HTTP callback's signature",
                "description": .string(
                    "Check a VOD HTTP callback's X-VOD-SIGNATURE (the body is not signed). "
                        + "Local; sends nothing."),
                "inputSchema": [
                    "type": "object",
                    "properties": [
                        "CallbackURL": [
                            "type": "string", "description": "Callback URL exactly as configured.",
                        ],
                        "Timestamp": [
                            "type": "string", "description": "X-VOD-TIMESTAMP header.",
                        ],
                        "Signature": ["type": "string", "description": "X-VOD-SIGNATURE header."],
                        "AuthKey": [
                            "type": "string", "minLength": 1, "maxLength": 256,
                            "description": "AuthKey set with call_api SetMessageCallback.",
                        ],
                        "MaxAgeSeconds": [
                            "type": "integer", "minimum": 0, "maximum": 31_536_000,
                            "description": "Allowed clock distance in seconds (default 300; 0 skips the check).",
                        ],
                    ],
                    "required": ["CallbackURL", "Timestamp", "Signature", "AuthKey"],
                ],
                "annotations": [
                    "title": "Verify a callback signature", "readOnlyHint": true, "idempotentHint": true,
                    "openWorldHint": false,
                ],
            ]
        ) { arguments, _ in
            guard let url = arguments["CallbackURL"]?.stringValue, let timestamp = arguments["Timestamp"]?.stringValue,
                let signature = arguments["Signature"]?.stringValue, let key = arguments["AuthKey"]?.stringValue,
                !key.isEmpty
            else {
                return .complete(
                    fail(
                        "Validation.MissingParameter",
                        "verify_callback_signature needs CallbackURL, Timestamp, Signature and AuthKey", docs))
            }
            let maxAge = arguments["MaxAgeSeconds"]?.intValue ?? 300
            guard (0...31_536_000).contains(maxAge) else {
                return .complete(fail("Validation.OutOfRange", "MaxAgeSeconds must be 0-31536000", docs))
            }
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
