public import FoundationEssentials
import TextSupport

/// `vod-mcp docs sync`: downloads the public llms.txt and the pages it links to into a cache folder.
///
/// The network is a closure, so this module stays free of HTTP code (the server passes a libcurl-based one). A sync is
/// all or nothing: files go to a temporary folder next to the cache, which replaces the cache only when every download
/// succeeded; on any failure the previous cache is left untouched.
public struct DocsSync: Sendable {
    /// Downloads one URL; throws on any transport failure or non-2xx status.
    public typealias Fetch = @Sendable (URL) async throws -> Data

    /// The published index of the VOD docs for LLMs.
    public static let defaultIndexURL =
        URL(
            string: "https://ice-document-materials.oss-cn-shanghai.aliyuncs.com/vod/llms/llms.txt")
        ?? URL(fileURLWithPath: "/")

    /// The index to start from; pages are fetched only from its folder and below.
    public let indexURL: URL
    /// Where the synced files live (`llms.txt` at its top); `DocLibrary.cached(at:)` loads it.
    public let cacheDirectory: URL
    /// How many downloads run at once.
    public let maxConcurrentFetches: Int
    private let fetch: Fetch

    /// Creates a sync job; nothing happens until ``run()``.
    public init(
        cacheDirectory: URL, indexURL: URL = DocsSync.defaultIndexURL, maxConcurrentFetches: Int = 8,
        fetch: @escaping Fetch
    ) {
        self.cacheDirectory = cacheDirectory
        self.indexURL = indexURL
        self.maxConcurrentFetches = max(1, maxConcurrentFetches)
        self.fetch = fetch
    }

    /// `$XDG_CACHE_HOME/vod-mcp/llms`, else `$HOME/.cache/vod-mcp/llms`.
    public static func defaultCacheDirectory(environment: [String: String]) -> URL {
        let base =
            environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? (environment["HOME"].map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory)
            .appendingPathComponent(".cache")
        return base.appendingPathComponent("vod-mcp").appendingPathComponent("llms")
    }

    /// Downloads everything, replaces the cache, and reports what changed.
    public func run() async throws(DocsError) -> DocsSyncReport {
        let indexData = try await download(indexURL)
        guard let index = String(data: indexData, encoding: .utf8) else {
            throw .fetchFailed(url: indexURL.absoluteString, reason: "the index is not UTF-8 text")
        }
        var frontier = Self.linkedPages(in: index, indexURL: indexURL)
        guard !frontier.isEmpty else { throw .emptyIndex(url: indexURL.absoluteString) }
        // Pages link to further pages (the API overview to every operation): follow links breadth-first, within the
        // index's folder, up to a bound.
        var known = Set(frontier.map(\.path))
        var files: [String: Data] = [:]
        while !frontier.isEmpty {
            guard files.count + frontier.count <= Self.maxPages else {
                throw .fetchFailed(
                    url: indexURL.absoluteString, reason: "the index links to more than \(Self.maxPages) pages")
            }
            let batch = try await downloadAll(frontier)
            var next: [(path: String, url: URL)] = []
            for (path, _) in frontier {
                guard let data = batch[path] else { continue }
                files[path] = data
                guard let text = String(data: data, encoding: .utf8) else { continue }
                // Links in these pages are relative to the index's folder (llms.txt's convention), not to the page.
                for link in Self.linkedPages(in: text, indexURL: indexURL)
                where known.insert(link.path).inserted {
                    next.append(link)
                }
            }
            frontier = next
        }
        files["llms.txt"] = indexData
        let previous = Self.readCache(cacheDirectory)
        try writeCache(files)
        return DocsSyncReport(
            previous: previous.mapValues(Array.init), current: files.mapValues(Array.init),
            cacheDirectory: cacheDirectory.path)
    }

    // MARK: Links

    /// `(path relative to the index folder, absolute URL)` of every `.md` page the index links to under its folder.
    static let maxPages = 5000

    static func linkedPages(in index: String, indexURL: URL) -> [(path: String, url: URL)] {
        let base = indexURL.deletingLastPathComponent()
        let basePath = base.path.hasSuffix("/") ? base.path : base.path + "/"
        var seen: Set<String> = []
        var pages: [(path: String, url: URL)] = []
        for target in markdownLinkTargets(index) {
            let spaced = target.replacingLiterally(" ", with: "%20")
            guard
                var components = URL(string: spaced, relativeTo: indexURL).flatMap({
                    URLComponents(url: $0.absoluteURL, resolvingAgainstBaseURL: false)
                })
            else { continue }
            components.fragment = nil
            components.query = nil
            guard let url = components.url, url.scheme == base.scheme, url.host == base.host,
                url.path.hasPrefix(basePath), url.path.hasSuffix(".md")
            else { continue }
            let relative = String(url.path.dropFirst(basePath.count)).split(
                separator: "/", omittingEmptySubsequences: false)
            guard !relative.isEmpty, relative.allSatisfy({ !$0.isEmpty && !$0.hasPrefix(".") }) else { continue }
            let path = relative.joined(separator: "/")
            if seen.insert(path).inserted { pages.append((path, url)) }
        }
        return pages.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Targets of `[text](target)` and `[text](<target> "title")` links, in order.
    static func markdownLinkTargets(_ text: String) -> [String] {
        var targets: [String] = []
        var rest = Substring(text)
        while let open = rest.literalRange(of: "](") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { break }
            var target = rest[..<close].trimmingWhitespace()
            rest = rest[rest.index(after: close)...]
            if target.hasPrefix("<"), let end = target.firstIndex(of: ">") {
                target = target[target.index(after: target.startIndex)..<end]
            } else if let quote = target.literalRange(of: " \"") {
                target = target[..<quote.lowerBound]
            }
            if !target.isEmpty { targets.append(String(target)) }
        }
        return targets
    }

    // MARK: Downloads

    private func download(_ url: URL) async throws(DocsError) -> Data {
        do {
            return try await fetch(url)
        } catch {
            throw .fetchFailed(url: url.absoluteString, reason: String(describing: error))
        }
    }

    /// Fetches every page with at most `maxConcurrentFetches` in flight; the first failure fails the sync.
    private func downloadAll(_ links: [(path: String, url: URL)]) async throws(DocsError) -> [String: Data] {
        let fetch = self.fetch
        let results = await withTaskGroup(of: (String, URL, Result<Data, FetchFailure>).self) { group in
            var collected: [(String, URL, Result<Data, FetchFailure>)] = []
            var pending = links[...]
            func startNext() {
                guard let (path, url) = pending.popFirst() else { return }
                group.addTask {
                    do { return (path, url, .success(try await fetch(url))) } catch {
                        return (path, url, .failure(FetchFailure(reason: String(describing: error))))
                    }
                }
            }
            for _ in 0..<maxConcurrentFetches { startNext() }
            while let result = await group.next() {
                collected.append(result)
                if case .failure = result.2 {
                    group.cancelAll()
                    break
                }
                startNext()
            }
            return collected
        }
        var files: [String: Data] = [:]
        for (path, url, result) in results {
            switch result {
            case .success(let data): files[path] = data
            case .failure(let failure): throw .fetchFailed(url: url.absoluteString, reason: failure.reason)
            }
        }
        return files
    }

    // MARK: Cache

    /// The current cache's files, or nothing when there is no cache yet.
    static func readCache(_ directory: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in DocLibrary.relativeFilePaths(under: directory) {
            files[path] = FileManager.default.contents(atPath: directory.appendingPathComponent(path).path)
        }
        return files
    }

    /// Writes `files` to a sibling temporary folder, then swaps it in for the cache.
    private func writeCache(_ files: [String: Data]) throws(DocsError) {
        let manager = FileManager.default
        let parent = cacheDirectory.deletingLastPathComponent()
        let name = cacheDirectory.lastPathComponent
        let token = UUID().uuidString
        let staging = parent.appendingPathComponent(".\(name).sync-\(token)")
        let retired = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, data) in files {
                let url = staging.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw .cacheWriteFailed(path: cacheDirectory.path, reason: String(describing: error))
        }
        let hadCache = manager.fileExists(atPath: cacheDirectory.path)
        do {
            if hadCache { try manager.moveItem(at: cacheDirectory, to: retired) }
            do {
                try manager.moveItem(at: staging, to: cacheDirectory)
            } catch {
                if hadCache { try? manager.moveItem(at: retired, to: cacheDirectory) }
                throw error
            }
        } catch {
            try? manager.removeItem(at: staging)
            throw .cacheWriteFailed(path: cacheDirectory.path, reason: String(describing: error))
        }
        if hadCache { try? manager.removeItem(at: retired) }
    }
}

/// A failed page download inside the task group, carried as a value.
private struct FetchFailure: Error {
    let reason: String
}
