import FoundationEssentials
import VODSigning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// CRC-64/ECMA of a byte range of a file, read in 1 MiB blocks (bounded memory).
enum FileChecksum {
    static let blockSize = 1 << 20

    /// `crc64` as a `Result`, for detached tasks.
    static func result(file: LocalFile, offset: Int64, length: Int64) -> Result<UInt64, UploadError> {
        do throws(UploadError) {
            return .success(try crc64(file: file, offset: offset, length: length))
        } catch {
            return .failure(error)
        }
    }

    /// Reads the upload's own descriptor (never the path again).
    static func crc64(file: LocalFile, offset: Int64, length: Int64) throws(UploadError) -> UInt64 {
        let descriptor = file.descriptor
        let path = file.path
        #if canImport(Glibc)
            _ = posix_fadvise(descriptor, off_t(offset), off_t(length), POSIX_FADV_SEQUENTIAL)
        #endif
        var crc = CRC64()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        var remaining = length
        while remaining > 0 {
            let want = Int(min(Int64(blockSize), remaining))
            let got = pread(descriptor, buffer.baseAddress, want, off_t(position))
            if got < 0 {
                if errno == EINTR { continue }
                throw .fileNotFound(path: path, reason: String(cString: strerror(errno)))
            }
            if got == 0 {
                throw .fileChanged(
                    path: path, detail: file.changeDescription() ?? "the file became shorter while uploading")
            }
            crc.update(UnsafeRawBufferPointer(rebasing: buffer[0..<got]))
            position += Int64(got)
            remaining -= Int64(got)
        }
        withExtendedLifetime(file) {}
        return crc.value
    }
}
