import Foundation
import Testing
import VODDocs

@Suite struct DocsSyncTests {
    static let base = "https://docs.example.com/vod/llms/"
    static let index = """
        # VOD docs

        > Index for the sync tests.

        - [Upload from URL](Media%20Upload/Upload%20from%20URL.md): pull a file.
        - [Same page, a section](Media%20Upload/Upload%20from%20URL.md#step-1)
        - [GetVideoInfo](<API Reference/GetVideoInfo.md> "raw spaces in angle brackets")
        - [Absolute link](https://docs.example.com/vod/llms/Error%20Codes/Media.md)
        - [Outside the folder](../secrets.md), [another host](https://evil.example.com/vod/llms/x.md)
        - [Not markdown](https://docs.example.com/vod/llms/image.png), [dot dot](Media%20Upload/../../x.md)
        """

    /// A fake server: path under `base` → body. Anything else fails like a dropped connection.
    struct FakeServer: Sendable {
        var pages: [String: String]
        var offline = false

        var fetch: DocsSync.Fetch {
            let pages = self.pages
            let offline = self.offline
            return { url in
                struct Unreachable: Error, CustomStringConvertible {
                    let url: URL
                    var description: String { "could not connect to \(url.host ?? "?")" }
                }
                let key =
                    url.absoluteString.replacingOccurrences(of: DocsSyncTests.base, with: "")
                    .removingPercentEncoding ?? ""
                guard !offline, let body = pages[key] else { throw Unreachable(url: url) }
                return Data(body.utf8)
            }
        }
    }

    static let fullSite = FakeServer(pages: [
        "llms.txt": index,
        "Media Upload/Upload from URL.md": "# Upload from URL\n\nPull media from a URL.\n",
        "API Reference/GetVideoInfo.md": "# GetVideoInfo\n\nOne video's metadata.\n",
        "Error Codes/Media.md": "# Media\n\nMedia errors.\n\n## InvalidVideo.NotFound\n\nNo such video.\n",
    ])

    static func temporaryCache() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vod-docs-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        return root.appendingPathComponent("llms")
    }

    static func sync(_ server: FakeServer, into cache: URL) throws -> DocsSync {
        DocsSync(
            cacheDirectory: cache, indexURL: try #require(URL(string: base + "llms.txt")), maxConcurrentFetches: 2,
            fetch: server.fetch)
    }

    @Test func linksAreLimitedToMarkdownPagesUnderTheIndexFolder() async throws {
        let cache = try Self.temporaryCache()
        let report = try await Self.sync(Self.fullSite, into: cache).run()
        #expect(
            report.added == [
                "API Reference/GetVideoInfo.md", "Error Codes/Media.md", "Media Upload/Upload from URL.md", "llms.txt",
            ])
        #expect(report.changed == [] && report.removed == [] && report.unchangedCount == 0)
        let library = try #require(DocLibrary.cached(at: cache))
        #expect(library.source == "cache:\(cache.path)")
        #expect(library.pages.count == 4)
        #expect(library.read(uri: "vod://docs/errors/InvalidVideo.NotFound")?.contains("No such video") == true)
        #expect(report.summary.contains("4 added, 0 changed, 0 removed, 0 unchanged"))
    }

    @Test func secondSyncReportsAddedChangedRemovedAndUnchanged() async throws {
        let cache = try Self.temporaryCache()
        _ = try await Self.sync(Self.fullSite, into: cache).run()
        var next = Self.fullSite
        next.pages["llms.txt"] = """
            # VOD docs

            - [Upload from URL](Media%20Upload/Upload%20from%20URL.md)
            - [GetVideoInfo](API%20Reference/GetVideoInfo.md)
            - [DeleteVideo](API%20Reference/DeleteVideo.md)
            """
        next.pages["API Reference/GetVideoInfo.md"] = "# GetVideoInfo\n\nUpdated.\n"
        next.pages["API Reference/DeleteVideo.md"] = "# DeleteVideo\n\nRemoves videos.\n"
        let report = try await Self.sync(next, into: cache).run()
        #expect(report.added == ["API Reference/DeleteVideo.md"])
        #expect(report.changed == ["API Reference/GetVideoInfo.md", "llms.txt"])
        #expect(report.removed == ["Error Codes/Media.md"])
        #expect(report.unchangedCount == 1)
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("Error Codes/Media.md").path))
        #expect(Self.leftovers(next: cache).isEmpty)
    }

    @Test func offlineFailsClearlyAndKeepsTheCache() async throws {
        let cache = try Self.temporaryCache()
        _ = try await Self.sync(Self.fullSite, into: cache).run()
        let before = try Self.snapshot(cache)
        var offline = Self.fullSite
        offline.offline = true
        await #expect(
            throws: DocsError.fetchFailed(url: Self.base + "llms.txt", reason: "could not connect to docs.example.com")
        ) {
            try await Self.sync(offline, into: cache).run()
        }
        #expect(try Self.snapshot(cache) == before)
        #expect(Self.leftovers(next: cache).isEmpty)
    }

    @Test func oneFailedPageFailsTheWholeSync() async throws {
        let cache = try Self.temporaryCache()
        var broken = Self.fullSite
        broken.pages["Error Codes/Media.md"] = nil
        let sync = try Self.sync(broken, into: cache)
        do {
            _ = try await sync.run()
            Issue.record("sync should fail when a page cannot be fetched")
        } catch {
            #expect(error.code == "Docs.FetchFailed")
            #expect(error.description.contains("Error%20Codes/Media.md"))
            #expect(error.description.contains("cache was not changed"))
        }
        #expect(!FileManager.default.fileExists(atPath: cache.path))
        #expect(DocLibrary.cached(at: cache) == nil)
        #expect(Self.leftovers(next: cache).isEmpty)
    }

    @Test func indexWithoutPagesIsAnError() async throws {
        let cache = try Self.temporaryCache()
        let server = FakeServer(pages: [
            "llms.txt": "# Empty\n\nNo links here, only [one](https://elsewhere.example.com/a.md).\n"
        ])
        await #expect(throws: DocsError.emptyIndex(url: Self.base + "llms.txt")) {
            try await Self.sync(server, into: cache).run()
        }
    }

    @Test func defaultCacheFollowsXDGThenHome() {
        #expect(
            DocsSync.defaultCacheDirectory(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"]).path
                == "/x/vod-mcp/llms")
        #expect(DocsSync.defaultCacheDirectory(environment: ["HOME": "/h"]).path == "/h/.cache/vod-mcp/llms")
        #expect(DocsSync.defaultIndexURL.absoluteString.hasSuffix("/vod/llms/llms.txt"))
    }

    /// Every file under `directory` with its bytes.
    static func snapshot(_ directory: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[url.path] = try Data(contentsOf: url)
            }
        }
        return files
    }

    /// Temporary staging or retired folders left beside the cache.
    static func leftovers(next cache: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: cache.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(".") }
    }
}
