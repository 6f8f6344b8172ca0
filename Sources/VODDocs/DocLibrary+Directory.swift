// FileManager's directory enumerator and URL resource values are not in FoundationEssentials.
public import Foundation

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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue
        else { throw .directoryNotFound(path: directory.path) }
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

    /// Regular files below `root`, as `/`-separated paths relative to it, hidden files and folders skipped.
    static func relativeFilePaths(under root: URL) -> [String] {
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        let rootComponents = root.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var paths: [String] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let components = url.standardizedFileURL.resolvingSymlinksInPath().pathComponents
            guard components.count > rootComponents.count,
                Array(components.prefix(rootComponents.count)) == rootComponents
            else { continue }
            paths.append(components.dropFirst(rootComponents.count).joined(separator: "/"))
        }
        return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
