/// How a file is cut into multipart parts.
public struct PartPlan: Sendable, Equatable {
    public static let maxParts: Int64 = 10_000
    public static let minPartSize: Int64 = 100 * 1024
    /// OSS's object size limit for multipart uploads (48.8 TB).
    public static let maxObjectSize: Int64 = 48_800 * 1_000_000_000
    public static let defaultPartSize: Int64 = 10 << 20

    public let fileSize: Int64
    public let partSize: Int64

    /// Starts at `preferred` (at least 100 KiB) and doubles until the file fits in 10,000 parts.
    public init(fileSize: Int64, preferred: Int64 = PartPlan.defaultPartSize) {
        var size = max(preferred, Self.minPartSize)
        while (fileSize + size - 1) / size > Self.maxParts { size *= 2 }
        self.fileSize = fileSize
        self.partSize = size
    }

    public var partCount: Int { Int(max(1, (fileSize + partSize - 1) / partSize)) }

    /// Byte offset and length of part `number` (1-based).
    public func range(of number: Int) -> (offset: Int64, length: Int64) {
        let offset = Int64(number - 1) * partSize
        return (offset, min(partSize, fileSize - offset))
    }
}
