/// One part as ListParts reports it. `crc64` is `nil` when the store leaves out `HashCrc64ecma` (OSS-compatible
/// stores, older gateways).
struct StoredPart: Sendable, Equatable {
    var number: Int
    var etag: String
    var size: Int64
    var crc64: UInt64?

    /// Whether the store holds the part we recorded: same ETag and size, and the same CRC-64 when the store reports
    /// one. Without it, the CRC the part's own PUT response reported (checked against the file when recorded) and
    /// the ETag stand in.
    func matches(_ recorded: UploadCheckpoint.Part) -> Bool {
        guard etag == recorded.etag, size == recorded.size else { return false }
        return crc64.map { $0 == recorded.crc64 } ?? true
    }
}
