import Foundation
import Testing
import VODDocs

@Suite struct DocLibraryTests {
    @Test func listsIndexFirstThenPagesSortedByPath() throws {
        let library = try FixtureDocs.library()
        #expect(
            library.pages.map(\.path) == [
                "llms.txt",
                "API Reference/DeleteVideo.md",
                "API Reference/GetVideoInfo.md",
                "API Reference/UploadMediaByURL.md",
                "Common Mistakes/Common Mistakes to Avoid.md",
                "Error Codes/Gateway Errors.md",
                "Error Codes/Media Errors.md",
                "Media Upload/Upload from URL.md",
            ])
        #expect(library.source == "directory:\(FixtureDocs.llms.path)")
    }

    @Test func pageCarriesEncodedURITitleAndSummary() throws {
        let library = try FixtureDocs.library()
        let page = try #require(library.pages.first { $0.path == "Media Upload/Upload from URL.md" })
        #expect(page.uri == "vod://docs/Media%20Upload/Upload%20from%20URL.md")
        #expect(page.title == "Upload from URL")
        #expect(page.summary.hasPrefix("Pull media into VOD from a public URL"))
        let index = try #require(library.pages.first)
        #expect(index.uri == "vod://docs/llms.txt")
        #expect(index.title == "Alibaba Cloud VOD for agents")
        #expect(index.summary == "Index of the VOD documentation set used by the vod-mcp tests.")
    }

    @Test func readsWholePagesByEncodedOrPlainURI() throws {
        let library = try FixtureDocs.library()
        let text = try #require(library.read(uri: "vod://docs/Media%20Upload/Upload%20from%20URL.md"))
        #expect(text.hasPrefix("# Upload from URL\n"))
        #expect(library.read(uri: "vod://docs/Media Upload/Upload from URL.md") == text)
        #expect(library.page(uri: "vod://docs/llms.txt")?.title == "Alibaba Cloud VOD for agents")
    }

    @Test func fragmentSelectsOneSectionByGitHubSlug() throws {
        let library = try FixtureDocs.library()
        let base = "vod://docs/Media%20Upload/Upload%20from%20URL.md"
        let first = try #require(library.read(uri: base + "#step-2-call-the-api"))
        #expect(first == "## Step 2: Call the API\n\nCall UploadMediaByURL with the URL-encoded source in UploadURLs.")
        let second = try #require(library.read(uri: base + "#step-2-call-the-api-1"))
        #expect(second.contains("numbered anchor"))
        #expect(library.read(uri: base + "#no-such-heading") == nil)
        // A heading inside a code fence is not a section.
        #expect(library.read(uri: base + "#not-a-heading-inside-a-code-fence") == nil)
    }

    @Test func sectionIncludesSubheadingsUpToNextSibling() throws {
        let library = try FixtureDocs.library()
        let section = try #require(
            library.section(uri: "vod://docs/Error%20Codes/Gateway%20Errors.md#signaturedoesnotmatch"))
        #expect(section.heading == "SignatureDoesNotMatch")
        #expect(section.pageTitle == "Gateway Errors")
        #expect(section.text.contains("### Debugging"))
        #expect(!section.text.contains("Forbidden.RAM"))
    }

    @Test func apiTemplateReadsTheOperationPage() throws {
        let library = try FixtureDocs.library()
        let text = try #require(library.read(uri: "vod://docs/api/GetVideoInfo"))
        #expect(text.hasPrefix("# GetVideoInfo\n"))
        #expect(library.page(uri: "vod://docs/api/GetVideoInfo")?.path == "API Reference/GetVideoInfo.md")
        #expect(library.read(uri: "vod://docs/api/getvideoinfo") == text)
        #expect(library.read(uri: "vod://docs/api/NoSuchAction") == nil)
    }

    @Test func errorTemplateReadsJustThatCodesSection() throws {
        let library = try FixtureDocs.library()
        let text = try #require(library.read(uri: "vod://docs/errors/InvalidVideo.NotFound"))
        #expect(text.hasPrefix("## InvalidVideo.NotFound\n"))
        #expect(!text.contains("Forbidden.IllegalStatus"))
        #expect(library.read(uri: "vod://docs/errors/Throttling")?.contains("back off") == true)
        #expect(
            library.section(uri: "vod://docs/errors/Forbidden.RAM")?.uri
                == "vod://docs/Error%20Codes/Gateway%20Errors.md#forbiddenram")
        #expect(library.page(uri: "vod://docs/errors/Throttling")?.title == "Gateway Errors")
        #expect(library.read(uri: "vod://docs/errors/NoSuch.Code") == nil)
        #expect(
            library.errorCodes == [
                "Forbidden.IllegalStatus", "Forbidden.RAM", "InvalidVideo.NotFound", "SignatureDoesNotMatch",
                "Throttling",
            ])
        #expect(library.actionNames == ["DeleteVideo", "GetVideoInfo", "UploadMediaByURL"])
    }

    @Test(arguments: [
        "vod://docs/Nope.md", "vod://docs/", "vod://docs/notes.json", "vod://docs/.hidden.md", "docs://llms.txt",
        "https://example.com/llms.txt", "vod://docs/errors/", "vod://docs/api/", "",
    ])
    func unknownURIsResolveToNothing(_ uri: String) throws {
        let library = try FixtureDocs.library()
        #expect(library.read(uri: uri) == nil)
        #expect(!library.resolves(uri))
        #expect(library.page(uri: uri) == nil)
    }

    @Test func sectionsOfPageAreTheSecondLevelHeadings() throws {
        let library = try FixtureDocs.library()
        let sections = library.sections(ofPage: "vod://docs/Error%20Codes/Gateway%20Errors.md")
        #expect(sections.map(\.heading) == ["Throttling", "SignatureDoesNotMatch", "Forbidden.RAM"])
        #expect(sections.allSatisfy { library.resolves($0.uri) })
    }

    @Test func everyListedPageAndSectionResolves() throws {
        let library = try FixtureDocs.library()
        for page in library.pages {
            #expect(library.read(uri: page.uri) == page.text)
            for section in library.sections(ofPage: page.uri) {
                #expect(library.read(uri: section.uri) == section.text)
            }
        }
    }

    @Test func templatesNameApiAndErrors() {
        #expect(DocLibrary.templates.map(\.uriTemplate) == ["vod://docs/api/{action}", "vod://docs/errors/{code}"])
        #expect(DocLibrary.errorURI("InvalidVideo.NotFound") == "vod://docs/errors/InvalidVideo.NotFound")
        #expect(
            DocLibrary.uri(forPath: "Media Upload/Upload (URL) & more.md")
                == "vod://docs/Media%20Upload/Upload%20%28URL%29%20%26%20more.md")
    }

    @Test func libraryFromFilesNeedsNoDisk() {
        let library = DocLibrary(
            files: [("b.md", "# B\n\nSecond."), ("llms.txt", "# Index"), ("a.md", "no title here\n")], source: "test")
        #expect(library.pages.map(\.path) == ["llms.txt", "a.md", "b.md"])
        #expect(library.pages[1].title == "a")
        #expect(library.pages[1].summary == "no title here")
        #expect(library.pages[2].summary == "Second.")
    }
}

@Suite struct DocLibraryLoadingTests {
    @Test func missingDirectoryIsDirectoryNotFound() {
        let path = FixtureDocs.testsFolder.appendingPathComponent("Fixtures/does-not-exist")
        #expect(throws: DocsError.directoryNotFound(path: path.path)) { try DocLibrary(directory: path) }
        #expect(DocsError.directoryNotFound(path: "x").code == "Docs.DirectoryNotFound")
    }

    @Test func fileInsteadOfDirectoryIsDirectoryNotFound() {
        let path = FixtureDocs.llms.appendingPathComponent("llms.txt")
        #expect(throws: DocsError.directoryNotFound(path: path.path)) { try DocLibrary(directory: path) }
    }

    @Test func directoryWithoutIndexIsMissingIndex() {
        let path = FixtureDocs.llms.appendingPathComponent("API Reference")
        #expect(throws: DocsError.missingIndex(path: path.path)) { try DocLibrary(directory: path) }
        #expect(DocsError.missingIndex(path: "x").description.contains("llms.txt"))
    }

    @Test func selectPrefersDirectoryThenCacheThenEmbedded() throws {
        let missing = FixtureDocs.testsFolder.appendingPathComponent("Fixtures/nope")
        #expect(try DocLibrary.select(directory: FixtureDocs.llms, cache: nil).source.hasPrefix("directory:"))
        #expect(try DocLibrary.select(directory: nil, cache: FixtureDocs.llms).source.hasPrefix("cache:"))
        #expect(try DocLibrary.select(directory: nil, cache: missing).source == "embedded")
        #expect(try DocLibrary.select(directory: nil, cache: nil).source == "embedded")
        #expect(throws: DocsError.directoryNotFound(path: missing.path)) {
            try DocLibrary.select(directory: missing, cache: FixtureDocs.llms)
        }
    }

    @Test func cachedReturnsNilWithoutIndex() throws {
        #expect(DocLibrary.cached(at: FixtureDocs.llms.appendingPathComponent("Error Codes")) == nil)
        let cached = try #require(DocLibrary.cached(at: FixtureDocs.llms))
        #expect(cached.source == "cache:\(FixtureDocs.llms.path)")
        #expect(cached.pages.count == 8)
    }
}
