import Foundation
import Testing
import VODDocs

@Suite struct SearchTests {
    @Test func exactErrorCodeRanksItsSectionFirst() throws {
        let hits = try FixtureDocs.library().search("InvalidVideo.NotFound", limit: 5)
        let first = try #require(hits.first)
        #expect(first.uri == "vod://docs/Error%20Codes/Media%20Errors.md#invalidvideonotfound")
        #expect(first.heading == "InvalidVideo.NotFound")
        #expect(first.title == "Media Errors")
        // GetVideoInfo's page mentions the code too, but below the code's own section.
        #expect(hits.contains { $0.uri.hasPrefix("vod://docs/API%20Reference/GetVideoInfo.md") })
    }

    @Test func exactActionNameRanksItsPageFirst() throws {
        let library = try FixtureDocs.library()
        for query in ["GetVideoInfo", "getvideoinfo", "how do I call `UploadMediaByURL`?"] {
            let first = try #require(library.search(query, limit: 3).first)
            let expected = query.contains("Upload") ? "UploadMediaByURL" : "GetVideoInfo"
            #expect(first.uri == "vod://docs/API%20Reference/\(expected).md", "query: \(query)")
            #expect(first.heading == nil)
        }
    }

    @Test func headingMatchBeatsPassingMention() throws {
        let hits = try FixtureDocs.library().search("wrong region", limit: 3)
        let first = try #require(hits.first)
        #expect(first.uri == "vod://docs/Common%20Mistakes/Common%20Mistakes%20to%20Avoid.md#calling-the-wrong-region")
        #expect(first.snippet == "Media lives in the region it was uploaded to; query it there.")
    }

    @Test func plainWordsFindCamelCaseNames() throws {
        // "upload media by url" shares no whole word with "UploadMediaByURL", only its CamelCase parts.
        let hits = try FixtureDocs.library().search("media url", limit: 10)
        #expect(hits.contains { $0.uri == "vod://docs/API%20Reference/UploadMediaByURL.md" })
    }

    @Test func resultsAreRankedDeterministicAndLimited() throws {
        let library = try FixtureDocs.library()
        let hits = library.search("upload url", limit: 4)
        #expect(hits.count == 4)
        #expect(
            zip(hits, hits.dropFirst()).allSatisfy { $0.score > $1.score || ($0.score == $1.score && $0.uri < $1.uri) })
        #expect(library.search("upload url", limit: 4) == hits)
        #expect(hits.allSatisfy { library.resolves($0.uri) })
        #expect(library.search("upload url", limit: 0).isEmpty)
        #expect(library.search("", limit: 5).isEmpty)
        #expect(library.search("the of and", limit: 5).isEmpty)
        #expect(library.search("zzzqqq", limit: 5).isEmpty)
    }

    @Test func snippetIsTheBestMatchingLineWithoutMarkdown() throws {
        let hits = try FixtureDocs.library().search("UploadURLs encoded commas", limit: 1)
        let first = try #require(hits.first)
        #expect(first.heading == "Forgetting to URL-encode UploadURLs")
        #expect(first.snippet == "Each URL in UploadURLs must be URL-encoded before the list is joined with commas.")
    }

    @Test func snippetDropsLinkTargetsAndInlineMarkup() throws {
        let library = DocLibrary(
            files: [
                ("llms.txt", "# Index"),
                (
                    "a.md",
                    "# A\n\nIntro.\n\n## Related\n\n- See **[DeleteVideo](API%20Reference/DeleteVideo.md)** and `vod:DeleteVideo`.\n"
                ),
            ], source: "test")
        let hit = try #require(library.search("related DeleteVideo", limit: 5).first { $0.heading == "Related" })
        #expect(hit.snippet == "See DeleteVideo and vod:DeleteVideo.")
    }

    @Test func titleCoveringTheQueryLiftsThePage() throws {
        let library = DocLibrary(
            files: [
                ("llms.txt", "# Index"),
                (
                    "List.md",
                    "# Operations\n\nDelete video, delete video streams, delete video covers, delete video now.\n"
                ),
                ("API Reference/DeleteVideo.md", "# DeleteVideo\n\nRemoves videos for good.\n"),
            ], source: "test")
        #expect(library.search("delete video", limit: 1).first?.uri == "vod://docs/API%20Reference/DeleteVideo.md")
    }

    @Test func emptyLibrarySearchesToNothing() {
        #expect(DocLibrary(files: [], source: "test").search("anything", limit: 5).isEmpty)
    }

    /// ~230 pages, ~1.5 MB: the size of the real set. Reports the timings on stderr for a reader; speed itself is a
    /// benchmark's business (the team's rule: no timed assertions in tests, they fail on a loaded machine).
    @Test func searchAnswersOnARealisticallySizedSet() throws {
        let library = SyntheticDocs.library(pages: 230, bytesPerPage: 6_500)
        let built = ContinuousClock().measure { library.warmUp() }
        let queries = [
            "GetVideoInfo", "InvalidVideo.NotFound", "upload video from url", "transcode template group",
            "domain certificate https", "callback event", "Action7 parameter", "region storage bucket",
        ]
        var hits = 0
        let elapsed = ContinuousClock().measure {
            for _ in 0..<10 { for query in queries { hits += library.search(query, limit: 10).count } }
        }
        let perQuery = elapsed / (10 * queries.count)
        FileHandle.standardError.write(
            Data("search: index built in \(built), \(perQuery) per query over \(library.pages.count) pages\n".utf8))
        #expect(hits > 0)
        #expect(library.search("GetVideoInfo", limit: 10).count == 10)
    }
}

/// A deterministic stand-in for the real docs set, for timing.
enum SyntheticDocs {
    static func library(pages: Int, bytesPerPage: Int) -> DocLibrary {
        let words = [
            "video", "upload", "transcode", "template", "group", "storage", "region", "play", "auth", "domain",
            "certificate", "callback", "event", "media", "image", "audit", "workflow", "snapshot", "watermark",
            "category", "bucket", "endpoint", "credential", "signature", "request", "parameter", "value",
            "default", "maximum", "the", "of", "to", "and", "in", "for", "with",
        ]
        var generator = SplitMix(seed: 42)
        func sentence(_ count: Int) -> String {
            (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ") + "."
        }
        var files: [(path: String, text: String)] = [("llms.txt", "# Index\n\n> Synthetic.\n")]
        for page in 0..<pages {
            var text = "# Action\(page)\n\n\(sentence(30))\n"
            var section = 0
            while text.utf8.count < bytesPerPage {
                text +=
                    "\n## \(sentence(3))\n\n| Name | Type |\n|---|---|\n| Param\(section) | String |\n\n\(sentence(120))\n"
                section += 1
            }
            files.append(("API Reference/Action\(page).md", text))
        }
        return DocLibrary(files: files, source: "synthetic")
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
