#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open file descriptor, closed when the last reference goes away.
final class OpenDescriptor: Sendable {
    let fd: Int32

    init(fd: Int32) { self.fd = fd }

    deinit { if fd >= 0 { close(fd) } }
}
