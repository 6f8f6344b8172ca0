import Foundation
import MCPCore
import Testing
import VODCatalog

@Suite struct SearchMatchGrammarTests {
    static let accepted: [String] = [
        "Title = 'keynote'",
        "Title = \"keynote\" and Status in ('Normal','Checking')",
        "(Tags = 'a' or Tags = 'b') and CreationTime = ('2026-01-01T00:00:00Z','2026-02-01T00:00:00Z')",
        "CreationTime = ('2026-01-01T00:00:00Z','')",
        "CreationTime = (,'2026-01-01T00:00:00Z')",
        "CateId = 1000123456 OR VideoId in ('a1','b2')",
        "Duration = (10, 600)",
    ]

    @Test(arguments: accepted)
    func validExpressionsPass(match: String) {
        #expect(SearchMatchGrammar.problems(match: match, searchType: "video") == [])
    }

    struct Refusal: Sendable, CustomTestStringConvertible {
        let match: String
        let fragment: String
        var testDescription: String { match }
    }

    static let refused: [Refusal] = [
        Refusal(match: "Title like '%x%'", fragment: "write Title = 'text'"),
        Refusal(match: "Title = '%x%'", fragment: "drop the % wildcards: Title = 'x'"),
        Refusal(match: "Status = Normal", fragment: "must be quoted: Status = 'Normal'"),
        Refusal(match: "title = 'x'", fragment: "case-sensitive: use Title"),
        Refusal(match: "Titel = 'x'", fragment: "Did you mean Title?"),
        Refusal(match: "Title = 'x", fragment: "never closed"),
        Refusal(match: "CreationTime > '2026-01-01T00:00:00Z'", fragment: "operator > is not supported"),
        Refusal(match: "CreationTime = ('2026-01-01','')", fragment: "UTC like 2024-05-01T08:00:00Z"),
        Refusal(match: "CreationTime = '2026-01-01T00:00:00Z'", fragment: "takes a range"),
        Refusal(match: "Title = ('a','b')", fragment: "has no range query"),
        Refusal(match: "(Title = 'a'", fragment: "missing )"),
        Refusal(match: "Title = 'a' Status = 'b'", fragment: "join conditions with and / or"),
        Refusal(match: "CateId = 'abc'", fragment: "takes a number"),
        Refusal(match: "Status in 'Normal'", fragment: "parenthesised list"),
    ]

    @Test(arguments: refused)
    func invalidExpressionsAreNamedWithTheFix(refusal: Refusal) {
        let problems = SearchMatchGrammar.problems(match: refusal.match, searchType: "video")
        #expect(problems.contains { $0.contains(refusal.fragment) }, "\(problems)")
    }

    @Test func fieldsDependOnSearchType() {
        #expect(SearchMatchGrammar.problems(match: "ImageId = 'x'", searchType: "image") == [])
        let problems = SearchMatchGrammar.problems(match: "ImageId = 'x'", searchType: "video")
        #expect(problems.first?.contains("unknown field 'ImageId' for SearchType video") == true)
    }

    /// The field lists are only partly confirmed: a name we do not list is sent unchecked, while a likely mistake
    /// (case, another SearchType's field, a near-miss spelling) is still refused.
    @Test func unlistedFieldsPassButLikelyMistakesAreRefused() {
        #expect(SearchMatchGrammar.problems(match: "CateName = 'news' and Size = 10", searchType: "video") == [])
        #expect(SearchMatchGrammar.problems(match: "TemplateGroupId in ('a','b')", searchType: "audio") == [])
        #expect(
            SearchMatchGrammar.problems(match: "title = 'x'", searchType: "video").first?
                .contains("case-sensitive: use Title") == true)
        #expect(
            SearchMatchGrammar.problems(match: "Statsu = 'Normal'", searchType: "video").first?
                .contains("Did you mean Status?") == true)
        #expect(
            SearchMatchGrammar.problems(match: "ImageType = 'cover'", searchType: "video").first?
                .contains("set SearchType to image") == true)
        // Syntax is still checked around an unlisted field.
        #expect(!SearchMatchGrammar.problems(match: "CateName like '%x%'", searchType: "video").isEmpty)
    }

    @Test func sortByListForm() throws {
        #expect(SearchMatchGrammar.problems(sortBy: "CreationTime:Desc,Duration:Asc", searchType: "video") == [])
        #expect(
            SearchMatchGrammar.problems(sortBy: "CreationTime:desc", searchType: nil).first?
                .contains("write CreationTime:Desc") == true)
        #expect(
            SearchMatchGrammar.problems(sortBy: "CreationTime desc", searchType: nil).first?
                .contains("Field:Asc or Field:Desc") == true)
        #expect(!SearchMatchGrammar.problems(sortBy: "A:Asc,B:Asc,C:Asc,D:Asc", searchType: nil).isEmpty)
        #expect(
            SearchMatchGrammar.problems(sortBy: "CreationTime:Desc,Duration:Asc", searchType: "video", scrolling: true)
                .contains { $0.contains("with ScrollToken only one") })
        // Through validation: an array is joined; four fields are too many.
        let call = try validated("SearchMedia", ["SortBy": ["CreationTime:Desc", "Duration:Asc"]])
        #expect(call.wireParameters["SortBy"] == "CreationTime:Desc,Duration:Asc")
        #expect(!(try problems("SearchMedia", ["SortBy": "CreationTime:Desc,CreationTime:Asc"])).isEmpty)
    }

    @Test func matchIsCheckedBeforeSending() throws {
        let found = try problems("SearchMedia", ["Match": "Title like '%launch%'"])
        #expect(found.count == 1)
        #expect(found[0].parameter == "Match")
        #expect(found[0].message.contains("write Title = 'text'"))
        #expect(found[0].message.contains("Search%20Syntax.md"))
        let image = try problems("SearchMedia", ["SearchType": "image", "Match": "Duration = (1,2)"])
        #expect(image.first?.message.contains("unknown field 'Duration' for SearchType image") == true)
    }

    @Test func sandboxEntryPointChecksShapesAndGrammar() throws {
        let search = try #require(Catalog.vod.operation("SearchMedia"))
        let found = search.requestProblems(wireParameters: ["Match": "Title like 'x'", "SortBy": "CreationTime desc"])
        #expect(Set(found.map(\.parameter)) == ["Match", "SortBy"])
        let template = try #require(Catalog.vod.operation("AddAITemplate"))
        #expect(
            template.requestProblems(
                wireParameters: ["TemplateType": "AIMediaAudit", "TemplateConfig": "{\"Bogus\":1}"]).count == 5)
    }

    @Test func hostileExpressionsAreBounded() {
        let deep = String(repeating: "(", count: 10_000) + "Title = 'x'" + String(repeating: ")", count: 10_000)
        let problems = SearchMatchGrammar.problems(match: deep, searchType: nil)
        #expect(problems.count == 1 && problems[0].contains("nested too deeply"))
        let long = Array(repeating: "Title = 'x'", count: 5_000).joined(separator: " and ")
        #expect(SearchMatchGrammar.problems(match: long, searchType: nil).isEmpty)
    }

    /// Every example call written in the docs (```json blocks starting with {"name":) validates, when it names a
    /// catalogued operation.
    @Test func everyDocumentedExampleCallValidates() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("llms")
        let files =
            FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") } ?? []
        var checked = 0
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            for (index, line) in lines.enumerated() where line == "```json" && index + 1 < lines.count {
                let body = lines[index + 1]
                guard body.hasPrefix("{\"name\""), let call = try? JSONValue.parse(body),
                    let name = call["name"]?.stringValue, let operation = Catalog.vod.operation(name)
                else { continue }
                do {
                    _ = try operation.validate(call["arguments"])
                } catch {
                    Issue.record("\(file): example \(name) does not validate: \(error)")
                }
                checked += 1
            }
        }
        #expect(checked > 200)
    }
}
