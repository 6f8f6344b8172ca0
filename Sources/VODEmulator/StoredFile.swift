#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading stored object files through the C library (what FileHandle did, without the full Foundation).
enum StoredFile {
    /// Opens `path` for reading (or reading and writing); -1 when it cannot be opened.
    static func open(_ path: String, writable: Bool = false) -> Int32 {
        #if canImport(Glibc)
            Glibc.open(path, writable ? O_RDWR : O_RDONLY)
        #else
            Darwin.open(path, writable ? O_RDWR : O_RDONLY)
        #endif
    }

    static func close(_ descriptor: Int32) {
        #if canImport(Glibc)
            _ = Glibc.close(descriptor)
        #else
            _ = Darwin.close(descriptor)
        #endif
    }

    /// Feeds the file's bytes from `offset` to its end to `body` in chunks of up to 1 MiB; `false` when a read fails
    /// (a directory, an I/O error).
    static func read(_ descriptor: Int32, from offset: Int = 0, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset
        while true {
            let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(position))
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            if count == 0 { return true }
            body(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
            position += count
        }
    }
}
