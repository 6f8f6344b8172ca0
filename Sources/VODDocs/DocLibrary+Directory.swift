public import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

extension DocLibrary {
    /// Loads `llms.txt` and every `*.md` under `directory` (hidden files skipped), e.g. for `--docs-dir`.
    public init(directory: URL) throws(DocsError) {
        let files = try Self.readTree(directory)
        self.init(files: files, source: "directory:\(directory.path)")
    }

    /// The library to serve: `directory` (from `--docs-dir`) when given, else the `docs sync` cache when one exists,
    /// else the embedded set. Only an explicit directory can fail, so a broken flag is reported rather than ignored.
    public static func select(directory: URL?, cache: URL?) throws(DocsError) -> DocLibrary {
        if let directory { return try DocLibrary(directory: directory) }
        if let cache, let cached = cached(at: cache) { return cached }
        return embedded
    }

    /// The cache written by `vod-mcp docs sync`, when `directory` holds one (has an `llms.txt`); else `nil`.
    public static func cached(at directory: URL) -> DocLibrary? {
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("llms.txt").path),
            let files = try? readTree(directory)
        else { return nil }
        return DocLibrary(files: files, source: "cache:\(directory.path)")
    }

    /// `(path relative to directory, text)` for `llms.txt` and every `.md` file below `directory`.
    static func readTree(_ directory: URL) throws(DocsError) -> [(path: String, text: String)] {
        guard fileType(directory.path, followingLinks: true) == S_IFDIR else {
            throw .directoryNotFound(path: directory.path)
        }
        let root = directory.standardizedFileURL.resolvingSymlinksInPath()
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("llms.txt").path) else {
            throw .missingIndex(path: directory.path)
        }
        var files: [(path: String, text: String)] = []
        for relative in relativeFilePaths(under: root) where relative == "llms.txt" || relative.hasSuffix(".md") {
            let url = root.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path),
                var text = String(data: data, encoding: .utf8)
            else { throw .unreadableFile(path: url.path) }
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            files.append((relative, text))
        }
        return files
    }

    /// Regular files below `root`, as `/`-separated paths relative to it, hidden files and folders skipped. The walk
    /// uses `opendir`/`readdir` (FileManager's enumerator is not in FoundationEssentials) and follows no symbolic
    /// link below `root`, so nothing outside it is read; at most 32 levels deep.
    static func relativeFilePaths(under root: URL) -> [String] {
        var paths: [String] = []
        collectFiles(in: root.path, relativeTo: "", into: &paths, depth: 0)
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private static func collectFiles(
        in directory: String, relativeTo prefix: String, into paths: inout [String], depth: Int
    ) {
        guard depth < 32, let handle = opendir(directory) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            switch fileType(path, followingLinks: false) {
            case S_IFDIR: collectFiles(in: path, relativeTo: relative, into: &paths, depth: depth + 1)
            case S_IFREG: paths.append(relative)
            default: continue
            }
        }
    }

    /// The `S_IFMT` bits of `path`'s mode, or nil when it cannot be read.
    private static func fileType(_ path: String, followingLinks: Bool) -> mode_t? {
        var info = stat()
        let status = followingLinks ? stat(path, &info) : lstat(path, &info)
        return status == 0 ? info.st_mode & S_IFMT : nil
    }
}
