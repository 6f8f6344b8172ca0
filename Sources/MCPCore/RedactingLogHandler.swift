public import Logging

/// A log handler that passes every message and metadata value through a `Redactor` before the wrapped handler
/// writes it: the stderr side of the last-line filter.
public struct RedactingLogHandler: LogHandler {
    private var wrapped: any LogHandler
    private let redactor: Redactor

    public init(wrapping handler: any LogHandler, redactor: Redactor) {
        wrapped = handler
        self.redactor = redactor
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        var event = event
        event.message = Logger.Message(stringLiteral: redactor.scrub(event.message.description))
        event.metadata = event.metadata.map { $0.mapValues { .string(redactor.scrub($0.description)) } }
        wrapped.log(event: event)
    }
}
