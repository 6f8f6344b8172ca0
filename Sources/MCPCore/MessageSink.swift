/// Where the core sends the messages of one connection or one exchange: stdout for stdio, an HTTP response for HTTP,
/// a collector in tests. Both calls must return without blocking; `false` means the peer is gone.
public protocol MessageSink: Sendable {
    /// Sends a response or a request; it must not be lost while the peer listens.
    @discardableResult
    func write(_ message: JSONValue) -> Bool
    /// Sends a notification the sink may drop when its peer is not keeping up (progress, logs).
    @discardableResult
    func writeDroppable(_ message: JSONValue) -> Bool
}

/// The transport a request came over; handlers use it for what only makes sense on one (local files on stdio).
public enum TransportKind: Sendable, Equatable {
    case stdio
    case http
}

extension OutputWriter: MessageSink {}
