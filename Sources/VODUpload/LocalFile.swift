import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file the upload may read, resolved and checked against the working directory.
public struct LocalFile: Sendable, Equatable {
    /// The real path (symlinks resolved).
    public let path: String
    public let size: Int64
    /// Modification time in nanoseconds since 1970, part of the checkpoint key.
    public let modified: Int64

    /// Resolves `path` (relative paths start at `workdir`) and checks it.
    ///
    /// Refused: a missing file, a path whose real location (after symlinks) is outside `workdir` unless `workdir` is
    /// `/`, and anything but a regular file (directories, devices, sockets, pipes).
    public static func open(_ path: String, workdir: String) throws(UploadError) -> LocalFile {
        guard !path.isEmpty else { throw .invalidArgument("FilePath is empty; pass the path of a media file.") }
        guard let root = realPath(workdir) else {
            throw .fileNotFound(path: workdir, reason: "the working directory does not exist")
        }
        // Relative paths start at the workdir; with `--workdir /` (no confinement) at the current directory.
        let base = root == "/" ? FileManager.default.currentDirectoryPath : root
        let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        guard let resolved = realPath(absolute) else {
            throw .fileNotFound(path: path, reason: String(cString: strerror(errno)))
        }
        if root != "/" && resolved != root && !resolved.hasPrefix(root + "/") {
            throw .outsideWorkdir(path: path, workdir: root)
        }
        var info = stat()
        guard stat(resolved, &info) == 0 else { throw .fileNotFound(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw .notRegularFile(path: path, kind: "directory")
        case S_IFCHR, S_IFBLK: throw .notRegularFile(path: path, kind: "device")
        case S_IFIFO: throw .notRegularFile(path: path, kind: "pipe")
        case S_IFSOCK: throw .notRegularFile(path: path, kind: "socket")
        default: throw .notRegularFile(path: path, kind: "special file")
        }
        guard access(resolved, R_OK) == 0 else { throw .fileNotFound(path: path, reason: "permission denied") }
        #if canImport(Darwin)
            let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
            let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        return LocalFile(path: resolved, size: Int64(info.st_size), modified: modified)
    }

    /// Whether the file still has the size and modification time it had when opened.
    func unchanged() -> Bool {
        (try? LocalFile.open(path, workdir: "/")) == self
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
