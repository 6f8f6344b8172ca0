import Foundation

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
    static func lines(descriptor: Int32, limit: Int) -> AsyncStream<InputEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: InputEvent.self, bufferingPolicy: .unbounded)
        let thread = Thread {
            var pending: [UInt8] = []
            var discarding = false
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                var start = 0
                for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                    if discarding {
                        discarding = false
                    } else {
                        pending.append(contentsOf: chunk[start..<index])
                        continuation.yield(pending.count > limit ? .tooLong(limit: limit) : .line(pending))
                    }
                    pending.removeAll(keepingCapacity: pending.count < 1 << 20)
                    start = index + 1
                }
                if !discarding {
                    pending.append(contentsOf: chunk[start..<count])
                    if pending.count > limit {
                        discarding = true
                        pending.removeAll()
                        continuation.yield(.tooLong(limit: limit))
                    }
                }
            }
            if !discarding && !pending.isEmpty { continuation.yield(.line(pending)) }
            continuation.yield(.endOfInput)
            continuation.finish()
        }
        thread.name = "mcp-stdin"
        thread.start()
        return stream
    }
}
