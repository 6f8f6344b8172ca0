import MCPCore
import Testing
import VODDocs

@Suite struct ResourcesTests {
    @Test func resourceListDescribesEveryPage() throws {
        let library = try FixtureDocs.library()
        let list = library.resourceList()
        #expect(list.count == library.pages.count)
        let first = try #require(list.first)
        #expect(first["uri"]?.stringValue == "vod://docs/llms.txt")
        #expect(first["name"]?.stringValue == "llms.txt")
        #expect(first["title"]?.stringValue == "Alibaba Cloud VOD for agents")
        #expect(first["mimeType"]?.stringValue == "text/markdown")
        #expect(first["_meta"]?["source"]?.stringValue == library.source)
        #expect(first["size"]?.intValue == Int64(library.pages[0].text.utf8.count))
        #expect(first["description"]?.stringValue == library.pages[0].summary)
    }

    @Test func templateListMatchesTemplates() {
        let list = DocLibrary.templateList()
        #expect(list.compactMap { $0["uriTemplate"]?.stringValue } == DocLibrary.templates.map(\.uriTemplate))
        #expect(list.allSatisfy { $0["name"]?.stringValue?.isEmpty == false && $0["description"] != nil })
    }

    @Test func readContentsEchoesTheRequestedURI() throws {
        let library = try FixtureDocs.library()
        let contents = try #require(library.readContents(uri: "vod://docs/errors/Throttling"))
        #expect(contents["uri"]?.stringValue == "vod://docs/errors/Throttling")
        #expect(contents["text"]?.stringValue?.hasPrefix("## Throttling") == true)
        #expect(library.readContents(uri: "vod://docs/missing.md") == nil)
    }

    @Test func completionsOfferActionsAndCodesByPrefix() throws {
        let library = try FixtureDocs.library()
        #expect(library.completions(argument: "action", prefix: "get") == ["GetVideoInfo"])
        #expect(
            library.completions(argument: "code", prefix: "Forbidden.") == ["Forbidden.IllegalStatus", "Forbidden.RAM"])
        #expect(library.completions(argument: "code", prefix: "", limit: 2).count == 2)
        #expect(library.completions(argument: "other", prefix: "").isEmpty)
    }

    @Test func searchResultIsStructured() throws {
        let library = try FixtureDocs.library()
        let result = library.searchResult("InvalidVideo.NotFound", limit: 2)
        #expect(result["query"]?.stringValue == "InvalidVideo.NotFound")
        let hits = try #require(result["results"]?.arrayValue)
        #expect(hits.count == 2)
        #expect(hits.first?["heading"]?.stringValue == "InvalidVideo.NotFound")
        #expect(hits.first?["score"]?.doubleValue ?? 0 > 0)
    }
}
