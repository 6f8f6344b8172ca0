import MCPCore
import VODDocs

/// Tools for exercising MCP clients (progress, cancellation, logging). Listed only with `--test-tools`.
enum TestTools {
    static var all: [ToolHandler] { [sleep] }

    static let sleep = ToolHandler(
        name: "test_sleep",
        definition: [
            "name": "test_sleep",
            "title": "Test: sleep with progress",
            "description":
                "Testing aid: waits Steps x StepMilliseconds, reporting progress after each step and honouring cancellation.",
            "inputSchema": [
                "type": "object",
                "properties": [
                    "Steps": ["type": "integer", "minimum": 1, "maximum": 1000, "default": 3],
                    "StepMilliseconds": ["type": "integer", "minimum": 0, "maximum": 60000, "default": 100],
                ],
            ],
            "annotations": ["readOnlyHint": true, "openWorldHint": false],
        ],
        runsAsTask: true
    ) { arguments, context in
        let steps = Int(arguments["Steps"]?.intValue ?? 3)
        let stepMilliseconds = Int(arguments["StepMilliseconds"]?.intValue ?? 100)
        guard (1...1000).contains(steps), (0...60000).contains(stepMilliseconds) else {
            return .complete(
                ToolFailure(code: "Validation.OutOfRange", message: "Steps must be 1-1000 and StepMilliseconds 0-60000")
                    .result(docs: .embedded))
        }
        for step in 1...steps {
            try await Task.sleep(for: .milliseconds(stepMilliseconds))
            await context.reportProgress(Double(step), total: Double(steps), message: "step \(step) of \(steps)")
            await context.log(.info, "test_sleep finished step \(step)", logger: "test_sleep")
        }
        return .complete(ToolResults.success(text: "slept \(steps) step(s)", structured: ["steps": .int(Int64(steps))]))
    }
}
