/// CRC-64/ECMA-182 in the reflected form OSS reports as `x-oss-hash-crc64ecma` (also known as CRC-64/XZ).
///
/// Slicing-by-8 for throughput, and `combine` so parts checked in parallel can be joined into the object's CRC.
public struct CRC64: Sendable, Equatable {
    public private(set) var value: UInt64

    static let polynomial: UInt64 = 0xC96C_5795_D787_0F42
    static let tables: [[UInt64]] = makeTables()

    public init(value: UInt64 = 0) { self.value = value }

    /// Folds more bytes into the checksum.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        var crc = ~value
        let tables = Self.tables
        var index = 0
        let count = buffer.count
        tables[0].withUnsafeBufferPointer { t0 in
            tables[1].withUnsafeBufferPointer { t1 in
                tables[2].withUnsafeBufferPointer { t2 in
                    tables[3].withUnsafeBufferPointer { t3 in
                        tables[4].withUnsafeBufferPointer { t4 in
                            tables[5].withUnsafeBufferPointer { t5 in
                                tables[6].withUnsafeBufferPointer { t6 in
                                    tables[7].withUnsafeBufferPointer { t7 in
                                        while count - index >= 8 {
                                            let word =
                                                UInt64(
                                                    littleEndian: buffer.loadUnaligned(
                                                        fromByteOffset: index, as: UInt64.self)) ^ crc
                                            crc =
                                                t7[Int(word & 0xFF)] ^ t6[Int((word >> 8) & 0xFF)]
                                                ^ t5[Int((word >> 16) & 0xFF)] ^ t4[Int((word >> 24) & 0xFF)]
                                                ^ t3[Int((word >> 32) & 0xFF)] ^ t2[Int((word >> 40) & 0xFF)]
                                                ^ t1[Int((word >> 48) & 0xFF)] ^ t0[Int(word >> 56)]
                                            index += 8
                                        }
                                        while index < count {
                                            crc = t0[Int((crc ^ UInt64(buffer[index])) & 0xFF)] ^ (crc >> 8)
                                            index += 1
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        value = ~crc
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The CRC of `first ++ second`, given the CRC of each and the length of `second` (zlib's method over GF(2)).
    public static func combine(_ first: UInt64, _ second: UInt64, secondLength: Int64) -> UInt64 {
        if secondLength <= 0 { return first }
        var odd = [UInt64](repeating: 0, count: 64)
        var even = [UInt64](repeating: 0, count: 64)
        odd[0] = polynomial
        var row: UInt64 = 1
        for n in 1..<64 {
            odd[n] = row
            row <<= 1
        }
        gf2Square(&even, odd)
        gf2Square(&odd, even)
        var crc1 = first
        var length = secondLength
        repeat {
            gf2Square(&even, odd)
            if length & 1 != 0 { crc1 = gf2Times(even, crc1) }
            length >>= 1
            if length == 0 { break }
            gf2Square(&odd, even)
            if length & 1 != 0 { crc1 = gf2Times(odd, crc1) }
            length >>= 1
        } while length != 0
        return crc1 ^ second
    }

    private static func gf2Times(_ matrix: [UInt64], _ vector: UInt64) -> UInt64 {
        var sum: UInt64 = 0
        var vec = vector
        var index = 0
        while vec != 0 {
            if vec & 1 != 0 { sum ^= matrix[index] }
            vec >>= 1
            index += 1
        }
        return sum
    }

    private static func gf2Square(_ square: inout [UInt64], _ matrix: [UInt64]) {
        for n in 0..<64 { square[n] = gf2Times(matrix, matrix[n]) }
    }

    private static func makeTables() -> [[UInt64]] {
        var tables = [[UInt64]](repeating: [UInt64](repeating: 0, count: 256), count: 8)
        for byte in 0..<256 {
            var crc = UInt64(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[0][byte] = crc
        }
        for byte in 0..<256 {
            var crc = tables[0][byte]
            for slice in 1..<8 {
                crc = tables[0][Int(crc & 0xFF)] ^ (crc >> 8)
                tables[slice][byte] = crc
            }
        }
        return tables
    }
}
