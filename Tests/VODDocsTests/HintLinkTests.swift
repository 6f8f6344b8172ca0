import Foundation
import Testing
import VODDocs
import VODHints

/// Every `docs` URI a hint can give must open in the docs set that ships (or in `VOD_MCP_LINK_CHECK_DIR`).
@Suite struct HintLinkTests {
    static var library: DocLibrary? {
        if let directory = ProcessInfo.processInfo.environment["VOD_MCP_LINK_CHECK_DIR"] {
            return try? DocLibrary(directory: URL(fileURLWithPath: directory))
        }
        return DocLibrary.embedded.pages.first?.path == "llms.txt" ? DocLibrary.embedded : nil
    }

    @Test(.enabled(if: library != nil, "no llms/ embedded yet"))
    func everyHintLinkResolves() throws {
        let library = try #require(Self.library)
        var broken: Set<String> = []
        for code in VODHints.knownCodes {
            for action in [nil, "GetVideoInfo", "UploadMediaByURL"] {
                for uri in VODHints.hint(for: code, action: action, httpStatus: nil).docs where !library.resolves(uri) {
                    broken.insert(uri)
                }
            }
        }
        for uri in VODHints.topicPages where !library.resolves(uri) { broken.insert(uri) }
        #expect(broken.sorted() == [], "fix VODHints' Topic paths or errorDoc entries")
    }

    @Test(.enabled(if: library != nil, "no llms/ embedded yet"))
    func everyDocumentedErrorCodeHasASpecificHint() throws {
        let library = try #require(Self.library)
        let known = Set(VODHints.knownCodes)
        #expect(library.errorCodes.filter { !known.contains($0) } == [], "add these codes to VODHints")
    }

    @Test(.enabled(if: library != nil, "no llms/ embedded yet"))
    func everyMistakeQuotesAnItemOfTheCommonMistakesPage() throws {
        let library = try #require(Self.library)
        let page = try #require(library.read(uri: "vod://docs/Common%20Mistakes/Common%20Mistakes%20to%20Avoid.md"))
        let plainPage = page.replacingOccurrences(of: "`", with: "")
        var mistakes: Set<String> = []
        for code in VODHints.knownCodes {
            for action in [nil, "UploadMediaByURL"] {
                mistakes.formUnion(VODHints.hint(for: code, action: action, httpStatus: 403).mistakes)
            }
        }
        #expect(mistakes.count > 10)
        for mistake in mistakes.sorted() {
            let title = mistake.prefix { $0 != ":" }
            #expect(plainPage.contains("**\(title).**"), "not an item title on the Common Mistakes page: \(title)")
        }
    }
}
