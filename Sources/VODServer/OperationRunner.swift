import FoundationEssentials
import MCPCore
import VODAPI
import VODCatalog
import VODDocs

/// Runs one catalogued VOD operation for a tool call: safety checks, validation, dry run, confirmation, the signed
/// call and the result. Used by every operation tool and by `call_api`.
struct OperationRunner: Sendable {
    let settings: ServerSettings
    let client: VODClient
    let docs: DocLibrary
    let confirmations: ConfirmationGate

    func run(
        _ operation: APIOperation, arguments: [String: JSONValue], toolName: String, context: RequestContext
    ) async -> ToolOutcome {
        do {
            return try await runThrowing(operation, arguments: arguments, toolName: toolName, context: context)
        } catch let error as JSONRPCError where error.code == JSONRPCError.Code.invalidParams {
            return .complete(
                ToolFailure(code: "Safety.InvalidConfirmation", message: error.message, action: operation.action)
                    .result(docs: docs))
        } catch is CancellationError {
            return .complete(
                ToolFailure(code: "Network.Cancelled", message: "The call was cancelled.", action: operation.action)
                    .result(docs: docs))
        } catch {
            return .complete(ToolFailure.from(error, action: operation.action).result(docs: docs))
        }
    }

    private func runThrowing(
        _ operation: APIOperation, arguments: [String: JSONValue], toolName: String, context: RequestContext
    ) async throws -> ToolOutcome {
        if settings.readOnly && operation.access != .read {
            throw ToolFailure(
                code: "Safety.ReadOnly",
                message:
                    "\(operation.action) is a \(operation.access.rawValue) operation and this server runs with --read-only; only read operations are allowed",
                action: operation.action)
        }
        let call = try operation.validate(.object(arguments))
        if call.dryRun || settings.dryRun {
            let routing = client.routing(for: operation.action)
            var routed = settings
            routed.region = routing.region
            return .complete(
                Self.withRoutingNote(
                    routing,
                    DryRun.result(
                        for: call,
                        preview: client.preview(
                            action: operation.action, httpMethod: operation.httpMethod, parameters: call.wireParameters),
                        settings: routed)))
        }
        if operation.access == .destructive && !call.confirm && !settings.allowDestructive {
            let decision = try await confirmations.confirm(
                call: call, toolName: toolName, arguments: arguments, context: context,
                preview: { await DestructivePreview.describe(call, client: client) })
            switch decision {
            case .proceed: break
            case .ask(let outcome): return outcome
            case .refuse(let failure): throw failure
            }
        }
        let response: VODResponse
        let started = ContinuousClock.now
        await context.log(
            .debug, "\(operation.action): sending \(call.wireParameters.count) parameter(s)", logger: "vod-mcp")
        do {
            response = try await client.call(
                action: operation.action, httpMethod: operation.httpMethod, parameters: call.wireParameters,
                idempotent: operation.idempotent)
        } catch {
            await context.log(
                .warning, "\(operation.action) failed: \(error.code) after \(error.attempts) attempt(s)",
                logger: "vod-mcp")
            throw ToolFailure(error, action: operation.action)
        }
        let elapsed = ContinuousClock.now - started
        await context.log(
            .info,
            "\(operation.action) answered in \(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000) ms after \(response.attempts) attempt(s), RequestId \(response.requestId ?? "none")",
            logger: "vod-mcp")
        return .complete(
            Self.withRoutingNote(client.routing(for: operation.action), Self.success(response, call: call)))
    }

    static func success(_ response: VODResponse, call: ValidatedCall) -> JSONValue {
        let body =
            (try? JSONValue.parse(Data(response.body)))
            ?? .object(["RequestId": response.requestId.map { .string($0) } ?? .null])
        var notes = call.coercions
        if call.operation.startsJob {
            notes.append(JobFollowUp.note(action: call.operation.action, body: body))
        }
        var structured: JSONValue?
        if case .object = body { structured = body }
        return ToolResults.success(texts: [body.encodedString()], structured: structured, notes: notes)
    }
}
