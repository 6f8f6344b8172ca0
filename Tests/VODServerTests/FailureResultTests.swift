import Foundation
import MCPCore
import Testing
import VODCatalog
import VODDocs
import VODHints

@testable import VODServer

/// Every failure an agent can see carries a specific hint and docs links that resolve to real resources.
@Suite struct FailureResultTests {
    static let docs = DocLibrary.embedded
    static let generic = VODHints.hint(for: "Totally.UnknownCode.\(UUID().uuidString)", action: nil, httpStatus: nil)

    @Test(arguments: VODHints.knownCodes)
    func knownCodeHasSpecificHintAndResolvableDocs(_ code: String) throws {
        let result = ToolFailure(code: code, message: "test", action: "GetVideoInfo").result(docs: Self.docs)
        let structured = try #require(result["structuredContent"])
        let hint = try #require(structured["hint"]?.stringValue)
        #expect(!hint.isEmpty)
        #expect(hint != Self.generic.hint, "\(code) falls back to the generic hint")
        let links = try #require(structured["docs"]?.arrayValue).compactMap(\.stringValue)
        #expect(!links.isEmpty, "\(code) has no docs link")
        for link in links { #expect(Self.docs.resolves(link), "\(code): \(link) does not resolve") }
        let resourceLinks = (result["content"]?.arrayValue ?? []).filter { $0["type"] == "resource_link" }
        #expect(!resourceLinks.isEmpty)
        #expect(result["isError"] == true)
    }

    @Test(arguments: ArgumentProblem.Kind.allCases)
    func everyValidationKindHasAHint(_ kind: ArgumentProblem.Kind) throws {
        let failure = ToolFailure(
            CatalogError.invalidArguments(
                action: "GetVideoList", problems: [ArgumentProblem(kind: kind, parameter: "PageNo", message: "bad")]),
            action: "GetVideoList")
        #expect(failure.code == kind.code)
        let structured = try #require(failure.result(docs: Self.docs)["structuredContent"])
        #expect(structured["hint"]?.stringValue != Self.generic.hint, "\(kind.code) falls back to the generic hint")
        let links = try #require(structured["docs"]?.arrayValue).compactMap(\.stringValue)
        #expect(links.contains("vod://docs/errors/\(kind.code)"))
        #expect(links.contains("vod://docs/api/GetVideoList"))
    }

    @Test func unknownCodeGetsGeneralHintAndRecommendLink() throws {
        var failure = ToolFailure(code: "Some.NewCode", message: "new", action: "GetPlayInfo")
        failure.recommend = "https://api.aliyun.com/troubleshoot?q=Some.NewCode"
        let structured = try #require(failure.result(docs: Self.docs)["structuredContent"])
        #expect((structured["hint"]?.stringValue ?? "").isEmpty == false)
        #expect(structured["recommend"]?.stringValue == failure.recommend)
        #expect(structured["docs"]?.arrayValue?.contains("vod://docs/api/GetPlayInfo") == true)
    }

    @Test func forbiddenRAMNamesTheExactPermission() throws {
        let result = ToolFailure(code: "Forbidden.RAM", message: "denied", action: "GetPlayInfo").result(
            docs: Self.docs)
        let hint = try #require(result["structuredContent"]?["hint"]?.stringValue)
        #expect(hint.contains("vod:GetPlayInfo"))
    }

    @Test func everyHintTopicPageResolves() {
        for uri in VODHints.topicPages { #expect(Self.docs.resolves(uri), "\(uri)") }
    }
}

@Suite struct DryRunSnippetTests {
    @Test func pythonNamesFollowTheSDK() {
        #expect(DryRun.snakeCase("UploadMediaByURL") == "upload_media_by_url")
        #expect(DryRun.snakeCase("GetURLUploadInfos") == "get_urlupload_infos")
        #expect(DryRun.snakeCase("VideoId") == "video_id")
        #expect(DryRun.snakeCase("UploadURLs") == "upload_urls")
        #expect(DryRun.lowerCamel("VideoId") == "videoId")
    }
}

@Suite struct ConfirmationStateTests {
    @Test func sealedStateVerifiesOnceAndOnlyForItsArguments() throws {
        let gate = ConfirmationGate()
        let arguments: [String: JSONValue] = ["VideoIds": "a,b"]
        let state = gate.seal(toolName: "DeleteVideo", arguments: arguments)
        #expect(throws: JSONRPCError.self) {
            try gate.verify(state, toolName: "DeleteVideo", arguments: ["VideoIds": "c"])
        }
        #expect(throws: JSONRPCError.self) { try gate.verify(state, toolName: "DeleteImage", arguments: arguments) }
        #expect(throws: JSONRPCError.self) {
            try gate.verify(state + "x", toolName: "DeleteVideo", arguments: arguments)
        }
        try gate.verify(state, toolName: "DeleteVideo", arguments: arguments)
        #expect(throws: JSONRPCError.self) { try gate.verify(state, toolName: "DeleteVideo", arguments: arguments) }
    }
}

@Suite struct HostileEchoTests {
    @Test func hugeValuesAreClippedInFailureResults() throws {
        let huge = String(repeating: "x", count: 2_000_000)
        let failure = ToolFailure(
            CatalogError.invalidArguments(
                action: "SearchMedia",
                problems: [
                    ArgumentProblem(kind: .notInEnum, parameter: "SearchType", message: "'\(huge)' is not allowed")
                ]),
            action: "SearchMedia")
        let encoded = failure.result(docs: .embedded).encoded()
        #expect(encoded.count < 10_000)
        #expect(failure.message.contains("more bytes cut"))
    }
}
