/// Why a documentation set could not be loaded or refreshed.
public enum DocsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The folder given with `--docs-dir` does not exist or is not a folder.
    case directoryNotFound(path: String)
    /// The folder exists but has no `llms.txt` index at its top.
    case missingIndex(path: String)
    /// A file could not be read or is not UTF-8.
    case unreadableFile(path: String)
    /// `docs sync` could not download a file; the cache was left as it was.
    case fetchFailed(url: String, reason: String)
    /// The downloaded index links to no pages under its own folder.
    case emptyIndex(url: String)
    /// `docs sync` could not write its cache folder; the previous cache was left as it was.
    case cacheWriteFailed(path: String, reason: String)

    /// Stable identifier, e.g. `Docs.DirectoryNotFound`.
    public var code: String {
        switch self {
        case .directoryNotFound: return "Docs.DirectoryNotFound"
        case .missingIndex: return "Docs.MissingIndex"
        case .unreadableFile: return "Docs.UnreadableFile"
        case .fetchFailed: return "Docs.FetchFailed"
        case .emptyIndex: return "Docs.EmptyIndex"
        case .cacheWriteFailed: return "Docs.CacheWriteFailed"
        }
    }

    /// One line naming the problem and the fix.
    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            return
                "Docs folder \(path) does not exist or is not a folder; pass the path of an llms/ checkout to --docs-dir."
        case .missingIndex(let path):
            return
                "Docs folder \(path) has no llms.txt; point --docs-dir at the llms/ folder itself, which holds llms.txt."
        case .unreadableFile(let path):
            return "Docs file \(path) could not be read as UTF-8 text; check its permissions and encoding."
        case .fetchFailed(let url, let reason):
            return "Could not download \(url) (\(reason)); the docs cache was not changed. Check the network and retry."
        case .emptyIndex(let url):
            return "The index \(url) links to no .md pages under its folder; the docs cache was not changed."
        case .cacheWriteFailed(let path, let reason):
            return
                "Could not write the docs cache at \(path) (\(reason)); the previous cache was kept. Check the folder's permissions."
        }
    }
}
