import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only writer of the protocol channel: one whole JSON line per `write`, never interleaved.
final class OutputWriter: Sendable {
    private let descriptor: Int32
    private let state = Mutex(false)  // true once the peer has gone away

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Writes `message` as one compact line. Returns false once the channel is closed.
    @discardableResult
    func write(_ message: JSONValue) -> Bool {
        var line = message.encoded()
        line.append(UInt8(ascii: "\n"))
        return state.withLock { closed in
            if closed { return false }
            let ok = line.withUnsafeBytes { buffer -> Bool in
                guard let base = buffer.baseAddress else { return true }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR || errno == EAGAIN { continue }
                        return false
                    }
                    offset += written
                }
                return true
            }
            if !ok { closed = true }
            return ok
        }
    }
}
