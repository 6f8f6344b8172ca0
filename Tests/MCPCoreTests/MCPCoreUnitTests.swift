import Foundation
import Testing

@testable import MCPCore

@Suite struct JSONValueTests {
    @Test func integersAndDoublesStayApart() throws {
        let value = try JSONValue.parse(#"{"a":1,"b":1.5,"c":[true,null,"x"],"d":-9007199254740993}"#)
        #expect(value["a"] == .int(1))
        #expect(value["b"] == .double(1.5))
        #expect(value["c"] == [true, nil, "x"])
        #expect(value["d"] == .int(-9_007_199_254_740_993))
        #expect(try JSONValue.parse(value.encoded()) == value)
    }

    @Test func encodingIsCompactSortedAndNeverInvalid() {
        let value: JSONValue = ["b": 1, "a": "/x", "n": .double(.nan)]
        #expect(value.encodedString() == #"{"a":"/x","b":1,"n":null}"#)
    }
}

@Suite struct FramingTests {
    @Test func structuralChecksCatchDepthAndEncodingBeforeDecoding() {
        #expect(MCPServer.structuralProblem(Array("[[[1]]]".utf8)) == nil)
        #expect(MCPServer.structuralProblem(Array(String(repeating: "[", count: 65).utf8))?.contains("nesting") == true)
        // Brackets inside strings do not count.
        #expect(MCPServer.structuralProblem(Array(("\"" + String(repeating: "[", count: 100) + "\"").utf8)) == nil)
        #expect(MCPServer.structuralProblem([0x7B, 0xFF, 0x7D])?.contains("UTF-8") == true)
    }

    @Test func handshakeVersionNegotiation() {
        for version in ProtocolEra.handshakeVersions { #expect(ProtocolEra.negotiateHandshake(version) == version) }
        #expect(ProtocolEra.negotiateHandshake("1999-01-01") == "2025-11-25")
        #expect(ProtocolEra.negotiateHandshake(nil) == "2025-11-25")
        #expect(ProtocolEra.negotiateHandshake("2026-07-28") == "2025-11-25")
    }

    @Test func logLevelsAreOrdered() {
        #expect(LogLevel.debug < .info)
        #expect(LogLevel.warning < .emergency)
        #expect(!(LogLevel.error < .error))
    }
}

@Suite struct PaginationTests {
    @Test func pagesFollowCursorsToTheEnd() throws {
        let items = (0..<250).map { JSONValue.int(Int64($0)) }
        var cursor: JSONValue? = nil
        var seen: [JSONValue] = []
        var pages = 0
        repeat {
            let page = try Pagination.page(items, kind: "tools", cursor: cursor, size: 100)
            seen += page.items
            cursor = page.nextCursor.map(JSONValue.string)
            pages += 1
        } while cursor != nil
        #expect(seen == items)
        #expect(pages == 3)
    }

    @Test func foreignOrGarbageCursorsAreRejected() throws {
        let items: [JSONValue] = [1, 2, 3]
        let other = Pagination.encode(kind: "prompts", offset: 1)
        #expect(throws: JSONRPCError.self) {
            try Pagination.page(items, kind: "tools", cursor: .string(other), size: 1)
        }
        #expect(throws: JSONRPCError.self) { try Pagination.page(items, kind: "tools", cursor: "garbage", size: 1) }
        #expect(throws: JSONRPCError.self) {
            try Pagination.page(
                items, kind: "tools", cursor: .string(Pagination.encode(kind: "tools", offset: 99)), size: 1)
        }
        #expect(try Pagination.page(items, kind: "tools", cursor: "", size: 10).items == items)
    }
}

@Suite struct ScriptReferenceTests {
    let results: [String: JSONValue] = ["2": ["structuredContent": ["VideoId": "abc", "Parts": [["N": 1]]]]]

    @Test func wholeStringReferencesKeepTheirType() throws {
        let resolved = try ScriptReferences.resolve(
            ["id": "${2.structuredContent.VideoId}", "n": "${2.structuredContent.Parts.0.N}"], results: results)
        #expect(resolved["id"] == "abc")
        #expect(resolved["n"] == 1)
    }

    @Test func embeddedReferencesBecomeText() throws {
        let resolved = try ScriptReferences.resolve("video ${2.structuredContent.VideoId}!", results: results)
        #expect(resolved == "video abc!")
    }

    @Test func unknownReferencesAreErrorsThatSayWhy() {
        #expect(throws: JSONRPCError.self) { try ScriptReferences.resolve("${9.x}", results: results) }
        #expect(throws: JSONRPCError.self) {
            try ScriptReferences.resolve("${2.structuredContent.Nope}", results: results)
        }
    }
}

@Suite struct RequestIDLexemeTests {
    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1.0,"method":"ping"}"#, true),
        (#"{"jsonrpc":"2.0","id":1e2,"method":"ping"}"#, true),
        (#"{"jsonrpc":"2.0", "id" : -0.0 ,"method":"ping"}"#, true),
        (#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#, false),
        (#"{"jsonrpc":"2.0","id":"1.0","method":"ping"}"#, false),
        (#"{"params":{"id":1.5},"id":3}"#, false),
        (#"{"x":"\"id\":1.5","id":3}"#, false),
    ])
    func spellingDecides(_ line: String, _ expected: Bool) {
        #expect(RequestIDLexeme.hasNonIntegralNumericID(Array(line.utf8)) == expected)
    }
}
