import Foundation
import Testing
import VODDocs

/// `tools/gen-docs` round trip: the compiled-in set equals the llms/ folder it was generated from.
@Suite struct EmbeddedDocsTests {
    /// The folder the committed EmbeddedDocs.swift must match: the repository's llms/, or `VOD_MCP_EMBED_SOURCE`
    /// when a test run generated the file from elsewhere (used to check tricky content once).
    static var source: URL {
        ProcessInfo.processInfo.environment["VOD_MCP_EMBED_SOURCE"].map { URL(fileURLWithPath: $0) }
            ?? FixtureDocs.repoLLMs
    }

    static var sourceHasIndex: Bool {
        FileManager.default.fileExists(atPath: source.appendingPathComponent("llms.txt").path)
    }

    @Test func embeddedSourceIsNamed() {
        #expect(DocLibrary.embedded.source == "embedded")
    }

    @Test(.enabled(if: !sourceHasIndex, "llms/ has an index; the round-trip test covers it"))
    func withoutLLMsTheEmbeddedSetHoldsNoIndex() {
        // gen-docs embeds whatever llms/ holds; without an llms.txt there is at most a partial set and no index page.
        #expect(!DocLibrary.embedded.pages.contains { $0.path == "llms.txt" })
    }

    @Test(.enabled(if: sourceHasIndex, "llms/ has no llms.txt yet"))
    func embeddedPagesEqualTheFilesInLLMs() throws {
        let onDisk = try DocLibrary(directory: Self.source)
        let embedded = DocLibrary.embedded
        #expect(embedded.pages.count == onDisk.pages.count, "run tools/gen-docs")
        #expect(embedded.pages.map(\.path) == onDisk.pages.map(\.path))
        for (compiled, file) in zip(embedded.pages, onDisk.pages) where compiled.text != file.text {
            Issue.record("\(file.path) differs from its embedded copy; run tools/gen-docs")
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func generatedFileIsNotStale() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        var arguments = [FixtureDocs.repoRoot.appendingPathComponent("tools/gen-docs").path, "--check"]
        if let source = ProcessInfo.processInfo.environment["VOD_MCP_EMBED_SOURCE"] { arguments += ["--llms", source] }
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0, "Sources/VODDocs/Generated/EmbeddedDocs.swift is stale; run tools/gen-docs")
    }
}
