public import Foundation
import VODSigning

/// `count` random bytes.
public func randomData(_ count: Int) -> Data {
    Data(Digest.randomBytes(count))
}

/// The CRC-64/ECMA that OSS reports in `x-oss-hash-crc64ecma`.
public func crc64(_ data: Data) -> UInt64 {
    var crc = CRC64()
    data.withUnsafeBytes { crc.update($0) }
    return crc.value
}
