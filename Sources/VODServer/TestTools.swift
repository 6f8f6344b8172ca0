import MCPCore
import VODDocs

/// Tools for exercising MCP clients (progress, cancellation, logging). Listed only with `--test-tools`.
enum TestTools {
    static var all: [ToolHandler] { [sleep] }

    static let sleepTool = HelperTool(
        name: "test_sleep", title: "Test: sleep with progress",
        description:
            "Testing aid: waits Steps x StepMilliseconds, reporting progress after each step and honouring cancellation.",
        parameters: [
            HelperParameter(
                "Steps", .integer, "How many steps (default 3).", minimum: 1, maximum: 1000, defaultValue: 3),
            HelperParameter(
                "StepMilliseconds", .integer, "How long each step sleeps (default 100).", minimum: 0, maximum: 60000,
                defaultValue: 100),
        ],
        annotations: ["readOnlyHint": true, "openWorldHint": false],
        outputSchema: ["type": "object", "properties": ["steps": ["type": "integer"]]],
        runsAsTask: true)

    static let sleep = sleepTool.handler(docs: .embedded) { call, context in
        let steps = Int(call.int("Steps") ?? 3)
        let stepMilliseconds = Int(call.int("StepMilliseconds") ?? 100)
        for step in 1...steps {
            try await Task.sleep(for: .milliseconds(stepMilliseconds))
            await context.reportProgress(Double(step), total: Double(steps), message: "step \(step) of \(steps)")
            await context.log(.info, "test_sleep finished step \(step)", logger: "test_sleep")
        }
        return .complete(ToolResults.success(text: "slept \(steps) step(s)", structured: ["steps": .int(Int64(steps))]))
    }
}
