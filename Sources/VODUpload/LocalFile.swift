import FoundationEssentials
import TextSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file the upload may read: opened once, checked through its descriptor, and read only through it.
///
/// The path is resolved and confined to the working directory, then opened component by component from the
/// working directory's own descriptor without following any symlink (`O_NOFOLLOW`) and without blocking
/// (`O_NONBLOCK`), so a directory swapped for a symlink or a file swapped for a FIFO after the check is refused
/// instead of read. The CRC and the request body both read this one descriptor with `pread`; nothing opens the path
/// again.
public struct LocalFile: Sendable, Equatable {
    /// The real path (symlinks resolved) at the time of opening; shown in messages and used as checkpoint key.
    public let path: String
    public let size: Int64
    /// Modification time in nanoseconds since 1970, part of the checkpoint key.
    public let modified: Int64
    let handle: OpenDescriptor

    /// The open descriptor; valid as long as this value (or a copy) lives.
    var descriptor: Int32 { handle.fd }

    public static func == (lhs: LocalFile, rhs: LocalFile) -> Bool {
        lhs.path == rhs.path && lhs.size == rhs.size && lhs.modified == rhs.modified
    }

    /// Resolves `path` (relative paths start at `workdir`), opens it and checks it.
    ///
    /// Refused: a missing file, a path whose real location (after symlinks) is outside `workdir` unless `workdir` is
    /// `/`, a path that changes into a symlink while it is opened, and anything but a regular file (directories,
    /// devices, sockets, pipes).
    public static func open(_ path: String, workdir: String) throws(UploadError) -> LocalFile {
        guard !path.isEmpty else { throw .invalidArgument("FilePath is empty; pass the path of a media file.") }
        guard let root = realPath(workdir) else {
            throw .fileNotFound(path: workdir, reason: "the working directory does not exist")
        }
        // Relative paths start at the workdir; with `--workdir /` (no confinement) at the current directory.
        let base = root == "/" ? FileManager.default.currentDirectoryPath : root
        let absolute = path.hasPrefix("/") ? path : PathText.appending(path, to: base)
        guard let resolved = realPath(absolute) else {
            throw .fileNotFound(path: path, reason: String(cString: strerror(errno)))
        }
        if root != "/" && resolved != root && !resolved.hasPrefix(root + "/") {
            throw .outsideWorkdir(path: path, workdir: root)
        }
        let handle = try openWithoutFollowing(resolved, root: root, shown: path)
        var info = stat()
        guard fstat(handle.fd, &info) == 0 else {
            throw .fileNotFound(path: path, reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notRegularFile(path: path, kind: "directory")
        case S_IFCHR, S_IFBLK: throw .notRegularFile(path: path, kind: "device")
        case S_IFIFO: throw .notRegularFile(path: path, kind: "pipe")
        case S_IFSOCK: throw .notRegularFile(path: path, kind: "socket")
        default: throw .notRegularFile(path: path, kind: "special file")
        }
        try confirmLocation(handle.fd, root: root, shown: path)
        return LocalFile(path: resolved, size: Int64(info.st_size), modified: modifiedTime(info), handle: handle)
    }

    /// Size and modification time of the open file now (through the descriptor, not the path).
    func current() -> (size: Int64, modified: Int64)? {
        var info = stat()
        guard fstat(handle.fd, &info) == 0 else { return nil }
        return (Int64(info.st_size), LocalFile.modifiedTime(info))
    }

    /// Whether the open file still has the size and modification time it had when opened.
    func unchanged() -> Bool {
        guard let now = current() else { return false }
        return now.size == size && now.modified == modified
    }

    /// What changed since the file was opened, in words, or `nil`.
    func changeDescription() -> String? {
        guard let now = current() else { return "the file can no longer be examined" }
        if now.size > size { return "the file grew from \(size) to \(now.size) bytes while it was uploading" }
        if now.size < size { return "the file shrank from \(size) to \(now.size) bytes while it was uploading" }
        if now.modified != modified { return "the file was modified while it was uploading" }
        return nil
    }

    // MARK: Opening

    /// Opens `resolved` (a real path inside `root`) walking from `root`'s descriptor, one component at a time,
    /// refusing symlinks in every component and never blocking on the last one.
    private static func openWithoutFollowing(_ resolved: String, root: String, shown: String) throws(UploadError)
        -> OpenDescriptor
    {
        let start = root == "/" ? "/" : root
        let relative = resolved == start ? "" : String(resolved.dropFirst(start == "/" ? 1 : start.count + 1))
        var directory = OpenDescriptor(fd: systemOpen(start, O_RDONLY | O_DIRECTORY | O_CLOEXEC))
        guard directory.fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .fileNotFound(path: shown, reason: "the working directory cannot be opened: \(reason)")
        }
        let components = relative.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let last = components.last else { throw .notRegularFile(path: shown, kind: "directory") }
        for component in components.dropLast() {
            let next = OpenDescriptor(
                fd: openat(directory.fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
            guard next.fd >= 0 else { throw openFailure(errno, shown: shown) }
            directory = next
        }
        let file = OpenDescriptor(
            fd: openat(directory.fd, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC))
        guard file.fd >= 0 else { throw openFailure(errno, shown: shown) }
        return file
    }

    private static func openFailure(_ code: Int32, shown: String) -> UploadError {
        switch code {
        case ELOOP, ENOTDIR:
            .fileNotFound(
                path: shown,
                reason: "the path changed while it was opened (a symlink appeared in it); symlinks are not followed "
                    + "after the working-directory check")
        case EACCES: .fileNotFound(path: shown, reason: "permission denied")
        default: .fileNotFound(path: shown, reason: String(cString: strerror(code)))
        }
    }

    /// On Linux, asks the kernel where the open descriptor really is and checks it is inside `root`.
    private static func confirmLocation(_ fd: Int32, root: String, shown: String) throws(UploadError) {
        #if os(Linux)
            guard root != "/", let actual = realPath("/proc/self/fd/\(fd)") else { return }
            if actual != root && !actual.hasPrefix(root + "/") { throw .outsideWorkdir(path: shown, workdir: root) }
        #endif
    }

    private static func modifiedTime(_ info: stat) -> Int64 {
        #if canImport(Darwin)
            Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// `open(2)`, named apart from `LocalFile.open`.
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}
