import FoundationEssentials
import VODSigning

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams an upload body to a file (or nowhere, in discard mode) while computing its MD5 and CRC-64.
final class ObjectWriter {
    let path: String?
    private var descriptor: Int32 = -1
    private var md5: Digest.Hasher? = Digest.Hasher(.md5)
    private(set) var crc = CRC64()
    private(set) var size: Int64 = 0
    private(set) var failed = false

    /// `path` nil means discard the bytes.
    init(path: String?) {
        self.path = path
        if let path {
            descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if descriptor < 0 { failed = true }
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        md5?.update(bytes)
        crc.update(bytes)
        size += Int64(bytes.count)
        guard descriptor >= 0, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = posixWrite(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                failed = true
                return
            }
            offset += written
        }
    }

    /// Closes the file and returns the digest; the writer cannot be used afterwards.
    func finish() -> (md5: [UInt8], crc: UInt64, size: Int64) {
        closeFile()
        let digest = md5.take()?.finalize() ?? []
        return (digest, crc.value, size)
    }

    /// Closes and deletes the file (rejected or aborted upload).
    func discard() {
        closeFile()
        if let path { unlink(path) }
    }

    private func closeFile() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
    }

    deinit { closeFile() }
}

private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(fd, buffer, count)
    #else
        return Darwin.write(fd, buffer, count)
    #endif
}

/// Flips one byte of a stored file and returns the file's new CRC-64 (for the corrupt-part fault).
func corruptFile(at path: String) -> UInt64? {
    let descriptor = StoredFile.open(path, writable: true)
    guard descriptor >= 0 else { return nil }
    defer { StoredFile.close(descriptor) }
    var byte: UInt8 = 0
    guard pread(descriptor, &byte, 1, 0) == 1 else { return nil }
    var flipped = byte ^ 0xFF
    _ = pwrite(descriptor, &flipped, 1, 0)
    var crc = CRC64()
    _ = StoredFile.read(descriptor) { crc.update($0) }
    return crc.value
}
