import Foundation
import Testing

@testable import MCPCore

@Suite struct RedactorTests {
    @Test func masksEveryEncodedFormAndLeavesOtherLinesAlone() {
        let redactor = Redactor()
        let secret = "S3cret+Value/With=="
        redactor.register(secret)
        redactor.register("short")  // under the minimum length: ignored
        let line = JSONValue.object([
            "raw": .string(secret), "percent": .string("a=S3cret%2BValue%2FWith%3D%3D&b"),
            "form": .string("x S3cret%2BValue%2FWith%3D%3D"), "twice": .string("S3cret%252BValue%252FWith%253D%253D"),
            "word": "short",
        ]).encoded()
        let scrubbed = String(decoding: redactor.scrub(line), as: UTF8.self)
        #expect(!scrubbed.contains("S3cret"))
        #expect(scrubbed.contains("short"))
        #expect((try? JSONValue.parse(scrubbed)) != nil, "masking keeps the line valid JSON")
        let clean = Data(#"{"a":"nothing to see"}"#.utf8)
        #expect(redactor.scrub(clean) == clean)
    }

    @Test func aMatchInsideAJSONEscapeIsNotASecret() {
        let redactor = Redactor()
        redactor.register("nABCDEFGHIJ")
        // The text holds a newline followed by ABCDEFGHIJ, not the secret.
        let line = JSONValue.string("line\nABCDEFGHIJ").encoded()
        #expect(redactor.scrub(line) == line)
        #expect(
            String(decoding: redactor.scrub(JSONValue.string("x nABCDEFGHIJ").encoded()), as: UTF8.self)
                == #""x <redacted>""#)
    }
}

@Suite struct ClipTests {
    @Test func longInputIsCutOnACharacterBoundaryAndSaysSo() {
        let text = String(repeating: "视", count: 1000)
        let clipped = Clip.text(text)
        #expect(clipped.utf8.count < 260)
        #expect(clipped.hasSuffix("(3000 bytes in all)"))
        #expect(Clip.text("short") == "short")
    }

    @Test func errorResponsesNeverCarryMegabytes() {
        let huge = String(repeating: "a", count: 1 << 20)
        let reply = Message.error(
            id: .int(1), JSONRPCError(code: -32602, message: "bad \(huge)", data: ["uri": .string(huge), "n": 1]))
        #expect(reply.encoded().count < 2048)
        #expect(reply["error"]?["data"]?["n"] == 1)
    }
}

@Suite struct ProgressTokenTests {
    @Test func onlyStringsAndIntegersAreTokens() throws {
        #expect(try MCPServer.progressToken(["progressToken": "p"]).get() == "p")
        #expect(try MCPServer.progressToken(["progressToken": 5]).get() == 5)
        #expect(try MCPServer.progressToken(["progressToken": nil]).get() == nil)
        #expect(try MCPServer.progressToken(nil).get() == nil)
        for bad: JSONValue in [1.5, true, [:], [1]] {
            #expect(throws: JSONRPCError.self) { try MCPServer.progressToken(["progressToken": bad]).get() }
        }
    }
}
