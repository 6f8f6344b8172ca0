import Foundation
import MCPCore
import Testing
import VODDocs

/// Replays every `Transcripts/*.jsonl` against the built binary over real pipes.
///
/// Each line is one step:
/// - `{"args": [...], "env": {...}}` (first line, optional): how to start `vod-mcp`;
/// - `{"send": <message>}`, `{"sendRaw": "<text>"}` (a line as-is), `{"sendBase64": "<bytes>"}` (no newline added);
/// - `{"expect": <message>}`: the next stdout line, compared as JSON; `{"expectUnordered": [<message>, ...]}`;
/// - `{"expectNoOutput": <ms>}`, `{"sleep": <ms>}`, `{"close": true}` (end of input), `{"expectExit": <code>, "withinMs": <ms>}`.
/// In expectations an object with the key `"<partial>"` checks only the other keys it lists; the string `"<any>"` matches any value and `"<capture:NAME>"` matches any value and remembers it;
/// `"${NAME}"` inside a sent message is replaced by what was captured. The files are written by `tools/write-transcripts`
/// (their one source; `tools/write-transcripts --check` in tools/test holds them to it): change a scenario there.
@Suite struct TranscriptTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Transcripts")

    static var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".jsonl") }.sorted()
    }

    @Test func transcriptsExist() {
        #expect(Self.names.count >= 20)
    }

    @Test(.timeLimit(.minutes(2)), arguments: names)
    func replay(_ name: String) throws {
        let url = Self.directory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        var rawLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if rawLines.last == "" { rawLines.removeLast() }
        var steps: [(index: Int, value: JSONValue)] = []
        for (index, line) in rawLines.enumerated() where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            steps.append((index, try JSONValue.parse(line)))
        }
        var arguments: [String] = []
        var environment: [String: String] = [:]
        var workingDirectory: URL?
        if let first = steps.first?.value, let args = first["args"]?.arrayValue {
            arguments = args.compactMap(\.stringValue)
            for (key, value) in first["env"]?.objectValue ?? [:] { environment[key] = value.stringValue }
            if first["cwd"] == "tmp" {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
                    "vod-mcp-transcript-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                for (file, content) in first["files"]?.objectValue ?? [:] {
                    try Data((content.stringValue ?? "").utf8).write(to: directory.appendingPathComponent(file))
                }
                workingDirectory = directory
            }
            steps.removeFirst()
        }
        let server = try ServerProcess(arguments: arguments, environment: environment, directory: workingDirectory)
        defer { server.terminate() }
        var captures: [String: JSONValue] = [:]
        var failures: [String] = []

        func readMessage(_ lineNumber: Int) -> JSONValue? {
            guard let line = server.nextLine(timeout: 15) else {
                failures.append("line \(lineNumber + 1): no output (timeout or end of output)")
                return nil
            }
            guard let value = try? JSONValue.parse(line) else {
                failures.append("line \(lineNumber + 1): stdout carried a non-JSON line: \(line.prefix(200))")
                return nil
            }
            failures += Transcript.remediationProblems(in: value).map { "line \(lineNumber + 1): \($0)" }
            return value
        }

        for (index, step) in steps {
            if let message = step["send"] {
                server.send(Transcript.substitute(message, captures).encodedString())
            } else if let raw = step["sendRaw"]?.stringValue {
                server.send(raw)
            } else if let encoded = step["sendBase64"]?.stringValue, let bytes = Data(base64Encoded: encoded) {
                server.sendBytes(bytes)
            } else if let expected = step["expect"] {
                guard let actual = readMessage(index) else { break }
                if !Transcript.matches(expected, actual, &captures) {
                    failures.append(
                        "line \(index + 1): expected \(expected.encodedString())\n   got \(actual.encodedString())")
                }
            } else if let expectedSet = step["expectUnordered"]?.arrayValue {
                var remaining = expectedSet
                for _ in expectedSet.indices {
                    guard let actual = readMessage(index) else { break }
                    if let position = remaining.firstIndex(where: { Transcript.matches($0, actual, &captures) }) {
                        remaining.remove(at: position)
                    } else {
                        failures.append("line \(index + 1): unexpected \(actual.encodedString())")
                    }
                }
            } else if let milliseconds = step["expectNoOutput"]?.intValue {
                if let line = server.nextLine(timeout: Double(milliseconds) / 1000) {
                    failures.append("line \(index + 1): expected no output, got \(line.prefix(300))")
                }
            } else if let milliseconds = step["sleep"]?.intValue {
                Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
            } else if step["close"] == true {
                server.closeInput()
            } else if let code = step["expectExit"]?.intValue {
                let within = Double(step["withinMs"]?.intValue ?? 3000) / 1000
                if let status = server.waitForExit(timeout: within) {
                    if status != Int32(code) {
                        failures.append("line \(index + 1): exit status \(status), expected \(code)")
                    }
                } else {
                    failures.append("line \(index + 1): still running \(within)s after the step")
                }
            } else {
                failures.append("line \(index + 1): unknown step \(step.encodedString())")
            }
        }
        server.closeInput()
        if server.waitForExit(timeout: 5) == nil { failures.append("server did not exit within 5 s of end of input") }
        while let extra = server.nextLine(timeout: 0.2) {
            failures.append("unexpected trailing output: \(extra.prefix(300))")
        }
        #expect(
            failures.isEmpty, "\(name):\n\(failures.joined(separator: "\n"))\nstderr:\n\(server.stderr.suffix(2000))")
    }
}

enum Transcript {
    /// Every `isError` tool result must teach the fix: a code, a hint, and docs links that resolve to real resources.
    static func remediationProblems(in message: JSONValue) -> [String] {
        guard let result = message["result"], result["isError"] == true else { return [] }
        guard let structured = result["structuredContent"] else { return ["isError result without structuredContent"] }
        var problems: [String] = []
        let code = structured["code"]?.stringValue ?? "?"
        if structured["code"]?.stringValue == nil { problems.append("isError result without a code") }
        if (structured["hint"]?.stringValue ?? "").isEmpty { problems.append("\(code): isError result without a hint") }
        let links = structured["docs"]?.arrayValue?.compactMap(\.stringValue) ?? []
        if links.isEmpty { problems.append("\(code): isError result without docs links") }
        for link in links where !DocLibrary.embedded.resolves(link) {
            problems.append("\(code): docs link \(link) does not resolve")
        }
        return problems
    }

    static func matches(_ expected: JSONValue, _ actual: JSONValue, _ captures: inout [String: JSONValue]) -> Bool {
        if case .string(let text) = expected {
            if text == "<any>" { return true }
            if text.hasPrefix("<capture:"), text.hasSuffix(">") {
                captures[String(text.dropFirst(9).dropLast())] = actual
                return true
            }
        }
        switch (expected, actual) {
        case (.object(var left), .object(let right)):
            if left.removeValue(forKey: "<partial>") != nil {
                return left.allSatisfy { key, value in right[key].map { matches(value, $0, &captures) } ?? false }
            }
            guard Set(left.keys) == Set(right.keys) else { return false }
            return left.allSatisfy { key, value in right[key].map { matches(value, $0, &captures) } ?? false }
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            return zip(left, right).allSatisfy { matches($0, $1, &captures) }
        case (.int, .double), (.double, .int), (.double, .double):
            return expected.doubleValue == actual.doubleValue
        default:
            return expected == actual
        }
    }

    static func substitute(_ value: JSONValue, _ captures: [String: JSONValue]) -> JSONValue {
        switch value {
        case .string(let text):
            if text.hasPrefix("${"), text.hasSuffix("}"), let captured = captures[String(text.dropFirst(2).dropLast())]
            {
                return captured
            }
            var result = text
            for (name, captured) in captures {
                if let string = captured.stringValue {
                    result = result.replacingOccurrences(of: "${\(name)}", with: string)
                }
            }
            return .string(result)
        case .array(let items): return .array(items.map { substitute($0, captures) })
        case .object(let members): return .object(members.mapValues { substitute($0, captures) })
        default: return value
        }
    }
}
