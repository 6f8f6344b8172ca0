/// Why a JSON text was refused, and the byte offset (from the start of the input) where the problem was found.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, in a few words ("unexpected character ']'").
    public let reason: String
    /// The offset of the offending byte in the input as given (a UTF-8 byte order mark counts). For UTF-16 and UTF-32
    /// input the offset is into its UTF-8 transcoding.
    public let offset: Int

    public init(_ reason: String, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String { "\(reason) at byte \(offset)" }
}
