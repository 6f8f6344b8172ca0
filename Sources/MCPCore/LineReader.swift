#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads newline-delimited messages from a file descriptor on a dedicated thread.
enum InputEvent: Sendable {
    case line([UInt8])
    /// A line longer than the limit was skipped; the associated value is the limit.
    case tooLong(limit: Int)
    case endOfInput
}

enum LineReader {
    /// Streams lines of `descriptor`. Lines over `limit` bytes are dropped (not buffered) and reported.
    ///
    /// Backpressure: the reading thread takes `budget` for each line before handing it on and the consumer gives it
    /// back once the line is dealt with, so at most `budget.limit` bytes (or one longer line) wait between the two.
    /// While the budget is spent the thread stops reading, the pipe fills and the client's writes block.
    static func lines(descriptor: Int32, limit: Int, budget: LineBudget) -> AsyncStream<InputEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: InputEvent.self, bufferingPolicy: .unbounded)
        DetachedThread.start {
            var pending: [UInt8] = []
            var discarding = false
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            func hand(_ line: [UInt8]) {
                budget.take(line.count)
                // A copy of exactly the line's size: `pending` grew by doubling and may hold twice the bytes.
                continuation.yield(.line(line.withUnsafeBufferPointer { Array($0) }))
            }
            while true {
                let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                var start = 0
                for index in newlines(in: chunk, count: count) {
                    if discarding {
                        discarding = false
                    } else {
                        pending.append(contentsOf: chunk[start..<index])
                        if pending.count > limit {
                            continuation.yield(.tooLong(limit: limit))
                        } else {
                            hand(pending)
                        }
                    }
                    pending = []
                    start = index + 1
                }
                if !discarding {
                    pending.append(contentsOf: chunk[start..<count])
                    if pending.count > limit {
                        discarding = true
                        pending = []
                        continuation.yield(.tooLong(limit: limit))
                    }
                }
            }
            if !discarding && !pending.isEmpty { hand(pending) }
            continuation.yield(.endOfInput)
            continuation.finish()
        }
        return stream
    }

    /// Offsets of the newlines among the first `count` bytes of `chunk` (found with `memchr`).
    private static func newlines(in chunk: [UInt8], count: Int) -> [Int] {
        chunk.withUnsafeBytes { buffer -> [Int] in
            guard let base = buffer.baseAddress else { return [] }
            var found: [Int] = []
            var offset = 0
            while offset < count, let hit = memchr(base + offset, 0x0A, count - offset) {
                let position = base.distance(to: UnsafeRawPointer(hit))
                found.append(position)
                offset = position + 1
            }
            return found
        }
    }
}

/// Bytes of input lines read but not yet dealt with. The reading thread blocks in `take` while more than `limit`
/// bytes are outstanding; a single line longer than the limit is let through once nothing else is outstanding.
final class LineBudget: @unchecked Sendable {
    let limit: Int
    private let condition = BlockingCondition()
    private var outstanding = 0  // guarded by `condition`
    private var lines = 0  // guarded by `condition`

    init(limit: Int) {
        self.limit = limit
    }

    /// Blocks the calling thread until `bytes` fit.
    func take(_ bytes: Int) {
        condition.lock()
        while lines > 0 && outstanding + bytes > limit { condition.wait() }
        outstanding += bytes
        lines += 1
        condition.unlock()
    }

    func give(_ bytes: Int) {
        condition.lock()
        outstanding -= bytes
        lines -= 1
        condition.broadcast()
        condition.unlock()
    }
}
