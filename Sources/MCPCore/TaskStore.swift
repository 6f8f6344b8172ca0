import FoundationEssentials

/// Tasks extension (`io.modelcontextprotocol/tasks`, stateless era): long tool calls run in the background and are
/// polled with `tasks/get`.
actor TaskStore {
    struct Entry {
        var status: String
        var statusMessage: String?
        let createdAt: Date
        var lastUpdatedAt: Date
        var result: JSONValue?
        var error: JSONValue?
        var work: Task<Void, Never>?
    }

    static let ttlMilliseconds: Int64 = 3_600_000
    static let pollIntervalMilliseconds: Int64 = 1000
    /// Tasks that may run at once; more are refused with an error saying so.
    static let maxWorking = 64
    /// Tasks remembered at once; the oldest finished ones are forgotten first (expired ones always).
    static let maxEntries = 1000
    private var entries: [String: Entry] = [:]

    func create(
        context: RequestContext, _ body: @escaping @Sendable () async throws -> ToolOutcome
    ) throws(JSONRPCError) -> JSONValue {
        evict()
        let working = entries.values.filter { $0.status == "working" }.count
        guard working < Self.maxWorking, entries.count < Self.maxEntries else {
            throw JSONRPCError.internalError(
                "Too many tasks: \(working) are running and \(entries.count) are kept (limits \(Self.maxWorking) and "
                    + "\(Self.maxEntries)); wait for some to finish (tasks/get) or cancel them (tasks/cancel), "
                    + "then call again")
        }
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in Self.hex8(UInt32.random(in: .min ... .max, using: &generator)) }
            .joined()
        let now = Date()
        entries[id] = Entry(status: "working", createdAt: now, lastUpdatedAt: now)
        let work = Task {
            let outcome: Result<ToolOutcome, any Error>
            do { outcome = .success(try await body()) } catch { outcome = .failure(error) }
            self.complete(id, outcome)
        }
        entries[id]?.work = work
        var view = describe(id) ?? [:]
        if case .object(var object) = view {
            object["resultType"] = "task"
            view = .object(object)
        }
        return view
    }

    private func complete(_ id: String, _ outcome: Result<ToolOutcome, any Error>) {
        guard var entry = entries[id], entry.status == "working" else { return }
        switch outcome {
        case .success(.complete(let result)):
            entry.status = "completed"
            entry.result = result
        case .success(.inputRequired):
            entry.status = "failed"
            entry.error = JSONRPCError.internalError("Internal error: the task needed input it cannot ask for").json
        case .failure(let error as JSONRPCError):
            entry.status = "failed"
            entry.error = error.json
        case .failure(is CancellationError):
            entry.status = "cancelled"
        case .failure:
            entry.status = "failed"
            entry.error = JSONRPCError.internalError("Internal error while running the task").json
        }
        entry.lastUpdatedAt = Date()
        entry.work = nil
        entries[id] = entry
    }

    /// Forgets expired tasks, then the oldest finished ones while more than `maxEntries` - 1 are kept.
    private func evict() {
        let now = Date()
        let ttl = TimeInterval(Self.ttlMilliseconds) / 1000
        entries = entries.filter { $0.value.status == "working" || now.timeIntervalSince($0.value.lastUpdatedAt) < ttl }
        guard entries.count >= Self.maxEntries else { return }
        let finished = entries.filter { $0.value.status != "working" }
            .sorted { $0.value.lastUpdatedAt < $1.value.lastUpdatedAt }
        for (id, _) in finished.prefix(entries.count - Self.maxEntries + 1) { entries[id] = nil }
    }

    func describe(_ id: String) -> JSONValue? {
        guard let entry = entries[id] else { return nil }
        var object: [String: JSONValue] = [
            "taskId": .string(id), "status": .string(entry.status),
            "createdAt": .string(RequestTimestamp.iso8601(entry.createdAt)),
            "lastUpdatedAt": .string(RequestTimestamp.iso8601(entry.lastUpdatedAt)),
            "ttlMs": .int(Self.ttlMilliseconds), "pollIntervalMs": .int(Self.pollIntervalMilliseconds),
        ]
        if let message = entry.statusMessage { object["statusMessage"] = .string(message) }
        if let result = entry.result { object["result"] = result }
        if let error = entry.error { object["error"] = error }
        return .object(object)
    }

    func cancel(_ id: String) -> Bool {
        guard var entry = entries[id] else { return false }
        if entry.status == "working" {
            entry.work?.cancel()
            entry.status = "cancelled"
            entry.lastUpdatedAt = Date()
            entries[id] = entry
        }
        return true
    }

    func contains(_ id: String) -> Bool { entries[id] != nil }

    func cancelAll() {
        for id in entries.keys { _ = cancel(id) }
    }

    /// Eight lowercase hex digits (`%08x`).
    static func hex8(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}

enum RequestTimestamp {
    /// `2026-11-29T21:00:00Z`: what ISO8601DateFormatter gave with `.withInternetDateTime` (UTC, whole seconds).
    static func iso8601(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

}

extension MCPServer {
    func taskMethod(context: RequestContext, params: [String: JSONValue]) async throws -> JSONValue {
        guard context.declaresTasksExtension else {
            throw JSONRPCError(
                code: JSONRPCError.Code.missingRequiredClientCapability,
                message:
                    "Missing required client capability: declare extensions[\"\(EnvelopeKey.tasksExtension)\"] to use tasks",
                data: ["requiredCapabilities": ["extensions": .object([EnvelopeKey.tasksExtension: [:]])]])
        }
        guard let taskID = params["taskId"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params: \(context.method) needs \"taskId\" (a string)")
        }
        guard await tasks.contains(taskID) else {
            throw JSONRPCError.invalidParams(
                "Invalid params: task not found: \(Clip.text(taskID))", data: ["taskId": .string(Clip.text(taskID))])
        }
        switch context.method {
        case "tasks/get":
            return await tasks.describe(taskID) ?? [:]
        case "tasks/cancel":
            _ = await tasks.cancel(taskID)
            return [:]
        default:  // tasks/update: nothing of ours waits for task input.
            return [:]
        }
    }
}

extension RequestContext {
    var declaresTasksExtension: Bool {
        clientCapabilities["extensions"]?[EnvelopeKey.tasksExtension] != nil
    }

    /// A context for work running as a task: tasks get no progress or log notifications.
    func detachedForTask() -> RequestContext {
        RequestContext(
            requestID: requestID, method: method, era: era, clientCapabilities: clientCapabilities,
            clientInfo: clientInfo,
            inputResponses: inputResponses, requestState: requestState, progressToken: nil, logLevel: nil,
            connection: connection)
    }
}
