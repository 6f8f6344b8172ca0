import Foundation
import MCPCore
import Testing
import VODCatalog
import VODHints

@testable import VODServer

/// Issue 15 item 2: every tool a text names is one the agent can call as written: listed by default, or written as
/// `call_api <Name>`. Checked over every tool description and parameter description of `--toolsets all`, the
/// instructions, the prompts, every hint (with and without the failing operation) and every job follow-up note.
@Suite struct ToolNameReachabilityTests {
    static func server(_ toolsets: [String]) throws -> VODToolServer {
        var settings = ServerSettings(workdir: NSTemporaryDirectory())
        settings.toolsets = toolsets
        settings.sandboxEndpoint = "http://127.0.0.1:1"
        return try VODToolServer(
            settings: settings, environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"],
            homeDirectory: NSTemporaryDirectory(), version: "test")
    }

    /// Tool names in `text` that are neither in `listed` nor written as `call_api <Name>` (nor part of a URI, nor
    /// `own`, the operation the text is about).
    static func unreachable(in text: String, names: Set<String>, listed: Set<String>, own: String? = nil) -> [String] {
        var found: [String] = []
        let scalars = Array(text.unicodeScalars)
        func isWord(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "_" || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar)
        }
        var index = 0
        while index < scalars.count {
            guard isWord(scalars[index]) else {
                index += 1
                continue
            }
            let start = index
            while index < scalars.count, isWord(scalars[index]) { index += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<index]))
            guard names.contains(word), !listed.contains(word), word != own else { continue }
            if start > 0, scalars[start - 1] == "/" { continue }
            let before = String(String.UnicodeScalarView(scalars[max(0, start - 12)..<start]))
                .trimmingCharacters(in: CharacterSet(charactersIn: " `"))
            if before.hasSuffix("call_api") { continue }
            found.append("\(word) in \"\(String(text.prefix(100)))...\"")
        }
        return found
    }

    static func descriptions(_ value: JSONValue) -> [String] {
        switch value {
        case .object(let members):
            (members["description"]?.stringValue.map { [$0] } ?? [])
                + members.filter { $0.key != "description" }.values.flatMap(descriptions)
        case .array(let items): items.flatMap(descriptions)
        default: []
        }
    }

    @Test func everyNamedToolIsListedOrACallAPITarget() throws {
        let all = try Self.server(["all"])
        let listed = Set(try Self.server(["default"]).toolDefinitions.compactMap { $0["name"]?.stringValue })
        let names = Set(Catalog.vod.operations.map(\.action))
            .union(all.toolDefinitions.compactMap { $0["name"]?.stringValue })
        #expect(all.toolDefinitions.count >= 195)
        var problems: [String] = []
        for tool in all.toolDefinitions {
            let name = tool["name"]?.stringValue ?? ""
            // call_api and describe_api take any operation name: their examples are call_api targets by definition.
            if name == "call_api" || name == "describe_api" { continue }
            let texts = [tool["description"]?.stringValue ?? ""] + Self.descriptions(tool["inputSchema"] ?? .null)
            for text in texts {
                problems += Self.unreachable(in: text, names: names, listed: listed, own: name).map { "\(name): \($0)" }
            }
        }
        problems += Self.unreachable(in: all.instructions, names: names, listed: listed).map { "instructions: \($0)" }
        for prompt in Prompts.definitions {
            let name = prompt["name"]?.stringValue ?? ""
            let arguments = Dictionary(
                uniqueKeysWithValues: (prompt["arguments"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
                    .map { ($0, "x") })
            let rendered = (try? Prompts.get(name: name, arguments: arguments))?.encodedString() ?? ""
            problems += Self.unreachable(
                in: rendered + " " + (prompt["description"]?.stringValue ?? ""),
                names: names, listed: listed
            ).map { "prompt \(name): \($0)" }
        }
        for code in VODHints.knownCodes {
            for status in [nil, 400, 403, 404, 500] as [Int?] {
                let hint = VODHints.hint(for: code, action: nil, httpStatus: status).hint
                problems += Self.unreachable(in: hint, names: names, listed: listed).map { "hint \(code): \($0)" }
            }
            for operation in Catalog.vod.operations {
                let hint = VODHints.hint(for: code, action: operation.action, httpStatus: 400).hint
                problems += Self.unreachable(in: hint, names: names, listed: listed, own: operation.action)
                    .map { "hint \(code) (for an operation): \($0)" }
            }
        }
        for operation in Catalog.vod.operations where operation.startsJob {
            let note = JobFollowUp.note(action: operation.action, body: [:])
            #expect(note.contains("wait_for_media") || note.contains("call_api") || note.contains("GetVideoInfo"))
            problems += Self.unreachable(in: note, names: names, listed: listed)
                .map { "note \(operation.action): \($0)" }
        }
        let unique = Array(Set(problems)).sorted()
        #expect(unique.isEmpty, "\(unique.count) unreachable mentions:\n\(unique.prefix(60).joined(separator: "\n"))")
    }

    @Test func checkerFindsWhatItShould() {
        let names: Set<String> = ["GetCategories", "GetVideoInfo"]
        #expect(Self.unreachable(in: "see GetCategories", names: names, listed: ["GetVideoInfo"]).count == 1)
        #expect(Self.unreachable(in: "see call_api GetCategories", names: names, listed: []).isEmpty)
        #expect(Self.unreachable(in: "call_api `GetCategories`", names: names, listed: []).isEmpty)
        #expect(Self.unreachable(in: "vod://docs/api/GetCategories", names: names, listed: []).isEmpty)
        #expect(Self.unreachable(in: "GetVideoInfos and GetVideoInfo", names: names, listed: ["GetVideoInfo"]).isEmpty)
    }
}
