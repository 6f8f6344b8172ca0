import MCPCore
import Testing
import VODCatalog

@testable import VODServer

/// The one gate every tool result passes: structuredContent that does not fit the outputSchema never leaves.
@Suite struct ResultContractTests {
    static let schema = Catalog.vod.operations.first { $0.action == "GetVideoInfo" }?.publishedOutputSchema ?? .null
    static let definition: JSONValue = ["name": "GetVideoInfo", "outputSchema": schema]

    @Test func nullMembersAndExtrasFitThePublishedSchema() {
        let body: JSONValue = ["RequestId": "r", "Video": ["VideoId": "v", "CoverURL": .null, "Unlisted": 3]]
        #expect(ResultContract.problems(body, schema: Self.schema).isEmpty)
    }

    @Test func dryRunResultFitsThePublishedSchema() {
        let dryRun: JSONValue = [
            "dryRun": true, "action": "GetVideoInfo", "cli": "aliyun vod GetVideoInfo",
            "request": ["method": "POST", "url": "https://vod", "headers": [:], "parameters": ["VideoId": "v"]],
            "python": "p", "typescript": "t",
        ]
        #expect(ResultContract.problems(dryRun, schema: Self.schema).isEmpty)
    }

    @Test func mismatchingMemberIsRemovedAndNoted() throws {
        let body: JSONValue = ["RequestId": 42, "Video": ["VideoId": "v", "Title": ["not": "a string"]]]
        #expect(!ResultContract.problems(body, schema: Self.schema).isEmpty)
        let outcome = ResultContract.enforce(
            .complete(ToolResults.success(texts: [body.encodedString()], structured: body)), tool: "GetVideoInfo",
            definition: Self.definition)
        guard case .complete(let result) = outcome else {
            Issue.record("not complete")
            return
        }
        let structured = try #require(result["structuredContent"])
        #expect(ResultContract.problems(structured, schema: Self.schema).isEmpty)
        #expect(structured["RequestId"] == nil)
        #expect(structured["Video"]?["VideoId"] == "v")
        #expect(structured["Video"]?["Title"] == nil)
        let texts = result["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue } ?? []
        #expect(texts.first == body.encodedString())
        #expect(
            texts.last?.contains("$.RequestId") == true || texts.last?.contains("structuredContent.RequestId") == true)
    }

    @Test func missingStructuredContentBecomesAnEmptyObject() {
        let outcome = ResultContract.enforce(
            .complete(ToolResults.success(text: "preview")), tool: "GetVideoInfo", definition: Self.definition)
        guard case .complete(let result) = outcome else {
            Issue.record("not complete")
            return
        }
        #expect(result["structuredContent"] == .object([:]))
    }

    @Test func errorResultsAndToolsWithoutSchemaPassUntouched() {
        let failure: JSONValue = ["content": [], "isError": true, "structuredContent": ["code": 1]]
        guard
            case .complete(let same) = ResultContract.enforce(
                .complete(failure), tool: "x", definition: Self.definition)
        else {
            Issue.record("not complete")
            return
        }
        #expect(same == failure)
    }
}
