import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only writer of the protocol channel: one whole JSON line per message, never interleaved, in the order queued.
///
/// Messages are queued and written by a thread of their own, so a client that stops reading never blocks a task of
/// the cooperative pool. The queue is bounded: the reader waits in `waitForRoom()` before taking another input line
/// while more than `limit` bytes wait, and notifications (`writeDroppable`) are dropped rather than queued then.
/// Every line passes through the redactor (if any) just before it is written: the last place bytes leave.
final class OutputWriter: @unchecked Sendable {
    let limit: Int
    private let descriptor: Int32
    private let redactor: Redactor?
    private let condition = BlockingCondition()
    // Guarded by `condition`:
    private var queue: [Data] = []
    private var head = 0
    private var queuedBytes = 0
    private var closed = false  // the peer has gone away
    private var stopping = false
    private var roomWaiters: [CheckedContinuation<Void, Never>] = []
    private var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var droppedNotifications = 0

    init(descriptor: Int32, limit: Int = 1 << 20, redactor: Redactor? = nil) {
        self.descriptor = descriptor
        self.limit = limit
        self.redactor = redactor
        DetachedThread.start { [self] in self.drainLoop() }
    }

    /// Queues `message` as one compact line. Never blocks. Returns false once the channel is closed.
    @discardableResult
    func write(_ message: JSONValue) -> Bool {
        enqueue(message, droppable: false)
    }

    /// Queues a notification unless the queue is over its limit (the client is not reading); then drops it.
    @discardableResult
    func writeDroppable(_ message: JSONValue) -> Bool {
        enqueue(message, droppable: true)
    }

    private func enqueue(_ message: JSONValue, droppable: Bool) -> Bool {
        var line = message.encoded()
        line.append(UInt8(ascii: "\n"))
        condition.lock()
        defer { condition.unlock() }
        if closed || stopping { return false }
        if droppable && queuedBytes > limit {
            droppedNotifications += 1
            return false
        }
        queue.append(line)
        queuedBytes += line.count
        condition.broadcast()
        return true
    }

    /// Returns once at most `limit` bytes wait to be written (or the channel is closed).
    func waitForRoom() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if closed || queuedBytes <= limit {
                condition.unlock()
                continuation.resume()
                return
            }
            roomWaiters.append(continuation)
            condition.unlock()
        }
    }

    /// Returns once everything queued so far is written (or the channel is closed).
    func flush() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            if closed || queuedBytes == 0 {
                condition.unlock()
                continuation.resume()
                return
            }
            emptyWaiters.append(continuation)
            condition.unlock()
        }
    }

    /// Flushes, then ends the writing thread; later writes are refused.
    func close() async {
        await flush()
        stop()
    }

    private func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func drainLoop() {
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if head == queue.count {
                condition.unlock()
                return
            }
            let line = queue[head]
            queue[head] = Data()
            head += 1
            if head > 64 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            let isClosed = closed
            condition.unlock()

            let ok = isClosed ? false : send(redactor?.scrub(line) ?? line)

            condition.lock()
            queuedBytes -= line.count
            if !ok && !closed {
                closed = true
                queue.removeAll()
                head = 0
                queuedBytes = 0
            }
            var resume: [CheckedContinuation<Void, Never>] = []
            if closed || queuedBytes <= limit {
                resume += roomWaiters
                roomWaiters.removeAll()
            }
            if closed || queuedBytes == 0 {
                resume += emptyWaiters
                emptyWaiters.removeAll()
            }
            condition.unlock()
            for waiter in resume { waiter.resume() }
        }
    }

    private func send(_ line: Data) -> Bool {
        line.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return true }
            var offset = 0
            while offset < buffer.count {
                #if canImport(Glibc)
                    let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                    let written = Darwin.write(descriptor, base + offset, buffer.count - offset)
                #endif
                if written < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }
}
