/// Per-process protocol state: the era, requests in flight, and the server-to-client side channel.
actor Connection {
    enum EraState: Equatable {
        case undecided
        case handshake(version: String?, capabilities: JSONValue, clientInfo: JSONValue?)
        case stateless
    }

    let writer: any MessageSink
    let transport: TransportKind
    /// Whether requests to the client (elicitation) can reach it and be answered (not so on an HTTP exchange whose
    /// answer could land on another replica).
    let canAskClient: Bool
    /// Prefix of the ids of this connection's requests to the client, when they must be unique beyond it (HTTP
    /// exchanges of one process share one answer route table); nil numbers them 1, 2, ...
    let serverRequestPrefix: String?
    var era: EraState = .undecided
    var handshakeLogLevel: LogLevel?
    private var inflight: [RequestID: Task<Void, Never>] = [:]
    private var cancelled: Set<RequestID> = []
    private var lastProgress: [RequestID: Double] = [:]
    private var pending: [RequestID: CheckedContinuation<JSONValue, any Error>] = [:]
    private var pendingOwner: [RequestID: RequestID] = [:]
    private var nextServerRequest: Int64 = 1
    private var inputClosed = false
    /// Results by request id text, kept in sequential mode for `${id.path}` references (the latest 1000).
    private(set) var scriptResults: [String: JSONValue] = [:]
    private var scriptOrder: [String] = []

    // Admission: how many requests (and bytes of request lines) may run at once. A request waiting for the client
    // (an elicitation) gives its share back, so the reader can always go on to read the client's answer.
    private let maxInFlight: Int
    private let maxInFlightBytes: Int
    private var admittedCost: [RequestID: Int] = [:]
    private var admittedCount = 0
    private var admittedBytes = 0
    private var admissionWaiters: [(cost: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(
        writer: any MessageSink, transport: TransportKind = .stdio, maxInFlight: Int = 64,
        maxInFlightBytes: Int = 16 << 20, canAskClient: Bool = true, serverRequestPrefix: String? = nil
    ) {
        self.writer = writer
        self.transport = transport
        self.canAskClient = canAskClient
        self.serverRequestPrefix = serverRequestPrefix
        self.maxInFlight = max(1, maxInFlight)
        self.maxInFlightBytes = maxInFlightBytes
    }

    // MARK: In-flight requests

    /// Waits until a request whose line had `cost` bytes may start. One request is always let through.
    func admit(cost: Int) async {
        if admissionWaiters.isEmpty && fits(cost) {
            admittedCount += 1
            admittedBytes += cost
            return
        }
        await withCheckedContinuation { admissionWaiters.append((cost, $0)) }
    }

    private func fits(_ cost: Int) -> Bool {
        admittedCount == 0 || (admittedCount < maxInFlight && admittedBytes + cost <= maxInFlightBytes)
    }

    private func releaseAdmission(of id: RequestID) {
        guard let cost = admittedCost.removeValue(forKey: id) else { return }
        admittedCount -= 1
        admittedBytes -= cost
        while let first = admissionWaiters.first, fits(first.cost) {
            admissionWaiters.removeFirst()
            admittedCount += 1
            admittedBytes += first.cost
            first.continuation.resume()
        }
    }

    /// Records a running request that was admitted with `cost`.
    func register(_ id: RequestID, task: Task<Void, Never>, cost: Int) {
        inflight[id] = task
        admittedCost[id] = cost
        if cancelledWhileWaiting.remove(id) != nil { cancel(id) }
    }

    private var batchMembers: [RequestID: Task<JSONValue?, Never>] = [:]

    /// Keeps the task of a batch member for the batch to collect its response.
    func addBatchMember(_ id: RequestID, task: Task<JSONValue?, Never>) {
        batchMembers[id] = task
    }

    func takeBatchMember(_ id: RequestID) -> Task<JSONValue?, Never>? {
        batchMembers.removeValue(forKey: id)
    }

    /// A request id sent again while its first request runs: the running request is cancelled (it will not be
    /// answered), so the error answering the reuse is the only response that id gets. False if `id` is not running.
    func rejectReuse(_ id: RequestID) -> Bool {
        guard inflight[id] != nil else { return false }
        cancel(id)
        return true
    }

    func isInFlight(_ id: RequestID) -> Bool { inflight[id] != nil }

    var inflightCount: Int { inflight.count }

    /// Batches whose combined answer is not written yet.
    private var openBatches = 0

    func beginBatch() { openBatches += 1 }
    func endBatch() { openBatches -= 1 }

    /// Whether a request runs or a batch answer is still to be written.
    var busy: Bool { !inflight.isEmpty || openBatches > 0 }

    /// Writes the response of `id` unless it was cancelled, and forgets the request.
    func finish(_ id: RequestID, response: JSONValue?) {
        if !complete(id), let response { writer.write(response) }
    }

    /// Forgets a finished request without writing anything (batch members). Returns whether it was cancelled.
    @discardableResult
    func complete(_ id: RequestID) -> Bool {
        let wasCancelled = cancelled.contains(id)
        inflight[id] = nil
        cancelled.remove(id)
        lastProgress[id] = nil
        releaseAdmission(of: id)
        if inflight.isEmpty {
            for waiter in idleWaiters { waiter.resume() }
            idleWaiters.removeAll()
        }
        return wasCancelled
    }

    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// Returns once no request runs (an exchange waits for its one request this way).
    func waitUntilIdle() async {
        if inflight.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    func remember(_ id: RequestID, result: JSONValue) {
        let key: String
        switch id {
        case .int(let number): key = String(number)
        case .string(let text): key = text
        }
        if scriptResults.updateValue(result, forKey: key) == nil { scriptOrder.append(key) }
        if scriptOrder.count > 1000 { scriptResults[scriptOrder.removeFirst()] = nil }
    }

    // Requests read but still waiting for the dispatcher, by id (a count, in case an id is reused), and those of them
    // cancelled meanwhile: a cancellation read right after its request must not lose the race to the dispatcher.
    private var waiting: [RequestID: Int] = [:]
    private var cancelledWhileWaiting: Set<RequestID> = []

    /// The reader queued a request with `id` for the dispatcher.
    func noteWaiting(_ id: RequestID) {
        waiting[id, default: 0] += 1
    }

    /// The dispatcher is about to start the request with `id`: true (and the request is forgotten) when it was
    /// cancelled while it waited, so it is dropped without an answer, as a running request would be.
    func dropIfCancelledWhileWaiting(_ id: RequestID) -> Bool {
        guard waiting[id] == 1, cancelledWhileWaiting.remove(id) != nil else { return false }
        waiting[id] = nil
        return true
    }

    /// The dispatcher is done starting the request with `id` (it now runs, registered, or was answered at once).
    /// Until then a cancellation is remembered for `register`, which applies it: admission can keep a request
    /// between the queue and `inflight` for a while, and a cancellation read then must not be lost.
    func doneWaiting(_ id: RequestID) {
        guard let count = waiting[id] else { return }
        if count <= 1 {
            waiting[id] = nil
            cancelledWhileWaiting.remove(id)
        } else {
            waiting[id] = count - 1
        }
    }

    /// `notifications/cancelled`: stop the work and never answer it. Unknown ids are ignored.
    func cancel(_ id: RequestID) {
        if inflight[id] == nil, waiting[id] != nil {
            cancelledWhileWaiting.insert(id)
            return
        }
        guard let task = inflight[id] else { return }
        cancelled.insert(id)
        task.cancel()
        for (serverID, owner) in pendingOwner where owner == id {
            pending.removeValue(forKey: serverID)?.resume(throwing: CancellationError())
            pendingOwner[serverID] = nil
        }
    }

    /// Cancels everything still running (end of input after the grace period).
    func cancelAll() {
        for id in inflight.keys { cancel(id) }
    }

    // MARK: Notifications to the client

    func sendProgress(requestID: RequestID, token: JSONValue, progress: Double, total: Double?, message: String?) {
        guard inflight[requestID] != nil, !cancelled.contains(requestID) else { return }
        if let last = lastProgress[requestID], progress <= last { return }
        lastProgress[requestID] = progress
        var params: [String: JSONValue] = ["progressToken": token, "progress": Self.number(progress)]
        if let total { params["total"] = Self.number(total) }
        if let message { params["message"] = .string(message) }
        writer.writeDroppable(Message.notification("notifications/progress", params: .object(params)))
    }

    func sendLog(requestID: RequestID, requestLevel: LogLevel?, level: LogLevel, message: String, logger: String?) {
        guard inflight[requestID] != nil, !cancelled.contains(requestID) else { return }
        let threshold: LogLevel?
        switch era {
        case .stateless: threshold = requestLevel
        default: threshold = handshakeLogLevel
        }
        guard let threshold, level >= threshold else { return }
        var params: [String: JSONValue] = ["level": .string(level.rawValue), "data": .string(message)]
        if let logger { params["logger"] = .string(logger) }
        writer.writeDroppable(Message.notification("notifications/message", params: .object(params)))
    }

    // MARK: Server-to-client requests (handshake era)

    func sendRequest(method: String, params: JSONValue, onBehalfOf owner: RequestID) async throws -> JSONValue {
        guard inflight[owner] != nil, !cancelled.contains(owner), !inputClosed else { throw CancellationError() }
        let id = serverRequestPrefix.map { RequestID.string("\($0)\(nextServerRequest)") } ?? .int(nextServerRequest)
        nextServerRequest += 1
        releaseAdmission(of: owner)  // waiting for the client must not keep the reader from reading its answer
        return try await withCheckedThrowingContinuation { continuation in
            pending[id] = continuation
            pendingOwner[id] = owner
            if !writer.write(Message.request(id: id, method: method, params: params)) {
                // The peer is gone: no answer can come.
                pending[id] = nil
                pendingOwner[id] = nil
                continuation.resume(throwing: CancellationError())
            }
        }
    }

    /// Routes a client's response to the server request it answers; unknown ids are ignored.
    @discardableResult
    func deliverResponse(id: RequestID, result: JSONValue?, error: JSONValue?) -> Bool {
        guard let continuation = pending.removeValue(forKey: id) else { return false }
        pendingOwner[id] = nil
        if let result {
            continuation.resume(returning: result)
        } else {
            let code = error?["code"]?.intValue.map(Int.init) ?? JSONRPCError.Code.internalError
            let message = error?["message"]?.stringValue ?? "client returned an error"
            continuation.resume(throwing: JSONRPCError(code: code, message: message, data: error?["data"]))
        }
        return true
    }

    /// End of input: no answer to a server request can arrive any more, so none is waited for from now on.
    func closeInput() {
        inputClosed = true
        failAllPending()
    }

    func failAllPending() {
        for (_, continuation) in pending { continuation.resume(throwing: CancellationError()) }
        pending.removeAll()
        pendingOwner.removeAll()
    }

    static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 9.0e15 { return .int(Int64(value)) }
        return .double(value)
    }
}
