import FoundationEssentials
import MCPCore
import Synchronization
import VODCatalog
import VODSigning

/// Destructive calls need a yes: an elicitation round trip where the client supports one (handshake-era
/// `elicitation/create`, or the 2026-07-28 `input_required` result), otherwise a preview and `"Confirm": true`.
final class ConfirmationGate: Sendable {
    enum Decision: Sendable {
        case proceed
        case ask(ToolOutcome)
        case refuse(ToolFailure)
    }

    static let inputKey = "confirm"
    /// Made on first use: a process without a shared key draws a random one, and OpenSSL's random generator costs
    /// start-up time that a session without destructive calls never needs to spend (issue 16).
    private let sealer: Lazy<SealedToken>
    private let usedNonces = Mutex<Set<String>>([])
    private let lifetime: TimeInterval = 600

    /// `key` seals and checks `requestState`; processes given the same key accept each other's (replicas).
    init(key: [UInt8]? = nil) {
        self.sealer = Lazy { SealedToken(key: key) }
    }

    func confirm(
        call: ValidatedCall, toolName: String, arguments: [String: JSONValue], context: RequestContext,
        preview: @Sendable () async -> JSONValue
    ) async throws -> Decision {
        let action = call.operation.action
        if context.era.isStateless, let state = context.requestState {
            try verify(state, toolName: toolName, arguments: arguments)
            let answer = context.inputResponses?[Self.inputKey]
            if answer?["action"] == "accept", answer?["content"]?["confirm"] == true { return .proceed }
            if answer == nil {
                return .ask(try await ask(call: call, toolName: toolName, arguments: arguments, preview: preview()))
            }
            return .refuse(
                ToolFailure(
                    code: "Safety.ConfirmationDeclined", message: "\(action) was not confirmed, so nothing was changed",
                    action: action))
        }
        guard context.supportsElicitation else {
            return .refuse(
                ToolFailure(
                    code: "Safety.ConfirmationRequired",
                    message:
                        "\(action) is destructive and was not executed. Check the preview, then call it again with \"Confirm\": true (or start vod-mcp with --allow-destructive for unattended use)",
                    action: action, details: ["preview": await preview()]))
        }
        if context.era.isStateless {
            return .ask(try await ask(call: call, toolName: toolName, arguments: arguments, preview: preview()))
        }
        let answer = try await context.elicit(
            message: message(action: action, preview: await preview()), requestedSchema: Self.schema)
        if answer["action"] == "accept", answer["content"]?["confirm"] == true { return .proceed }
        return .refuse(
            ToolFailure(
                code: "Safety.ConfirmationDeclined", message: "\(action) was not confirmed, so nothing was changed",
                action: action))
    }

    private static let schema: JSONValue = [
        "type": "object",
        "properties": ["confirm": ["type": "boolean", "title": "Run this destructive operation"]],
        "required": ["confirm"],
    ]

    private func message(action: String, preview: JSONValue) -> String {
        "vod-mcp is about to run \(action), which cannot be undone. Affected: \(preview.encodedString())"
    }

    private func ask(call: ValidatedCall, toolName: String, arguments: [String: JSONValue], preview: JSONValue)
        async throws
        -> ToolOutcome
    {
        let request: JSONValue = [
            "method": "elicitation/create",
            "params": [
                "mode": "form", "message": .string(message(action: call.operation.action, preview: preview)),
                "requestedSchema": Self.schema,
            ],
        ]
        return .inputRequired(
            inputRequests: .object([Self.inputKey: request]),
            requestState: seal(toolName: toolName, arguments: arguments))
    }

    // MARK: requestState: a SealedToken (purpose "v1") over {tool, argument digest, expiry, nonce}; single use.

    func seal(toolName: String, arguments: [String: JSONValue]) -> String {
        let claims: JSONValue = [
            "t": .string(toolName), "a": .string(Self.digest(arguments)),
            "exp": .int(Int64(Date().timeIntervalSince1970 + lifetime)), "n": .string(Digest.randomBytes(12).hexString),
        ]
        return sealer.value.seal(Array(claims.encoded()), purpose: "v1")
    }

    func verify(_ state: String, toolName: String, arguments: [String: JSONValue]) throws {
        let invalid = JSONRPCError.invalidParams(
            "Invalid or expired requestState; call the tool again without it to get a fresh confirmation request",
            data: ["reason": "invalid_request_state"])
        guard let payload = sealer.value.open(state, purpose: "v1"), let claims = try? JSONValue.parse(Data(payload)),
            claims["t"]?.stringValue == toolName, claims["a"]?.stringValue == Self.digest(arguments),
            let expiry = claims["exp"]?.intValue, Double(expiry) > Date().timeIntervalSince1970,
            let nonce = claims["n"]?.stringValue
        else { throw invalid }
        let fresh = usedNonces.withLock { $0.insert(nonce).inserted }
        guard fresh else { throw invalid }
    }

    static func digest(_ arguments: [String: JSONValue]) -> String {
        var copy = arguments
        copy[APIOperation.confirmArgument] = nil
        return Array(Digest.hash(.sha256, Array(JSONValue.object(copy).encoded())).prefix(16)).hexString
    }
}
