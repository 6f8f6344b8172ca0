import Foundation
import VODDocs

/// Paths to the test fixtures and the repository's llms/ folder, found from this file's location.
enum FixtureDocs {
    static let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let llms = testsFolder.appendingPathComponent("Fixtures/llms")
    static let repoRoot = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
    static let repoLLMs = repoRoot.appendingPathComponent("llms")

    /// The fixture library; loading it is part of what the tests check, so failures surface as thrown errors.
    static func library() throws -> DocLibrary {
        try DocLibrary(directory: llms)
    }
}
