import MCPCore
import Testing
import VODCatalog

@testable import VODServer

/// Helper tools are declared once: the listed inputSchema and the argument checks come from the same description.
@Suite struct HelperToolTests {
    static let tool = HelperTool(
        name: "demo_tool", title: "Demo", description: "A tool for the tests of helper-tool validation.",
        parameters: [
            HelperParameter("Path", .string, required: true, "Where."),
            HelperParameter("Count", .integer, "How many.", minimum: 1, maximum: 5),
            HelperParameter("Kind", .string, "Which.", enumValues: ["a", "b"]),
            HelperParameter("Names", .stringList, "Some names.", minItems: 1, maxItems: 2),
            HelperParameter("Body", .objectText, "An object."),
            HelperParameter("Flag", .boolean, "A flag."),
            HelperParameter("Secret", .string, "A key.", maxLength: 4),
        ],
        annotations: ["readOnlyHint": true], outputSchema: ["type": "object"])

    private func failure(_ arguments: [String: JSONValue]) -> ToolFailure? {
        do throws(ToolFailure) {
            _ = try Self.tool.validate(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func definitionComesFromTheParameters() throws {
        let definition = Self.tool.definition
        let input = try #require(definition["inputSchema"])
        #expect(input["required"] == ["Path"])
        let count: JSONValue = ["type": "integer", "minimum": 1, "maximum": 5, "description": "How many."]
        #expect(input["properties"]?["Count"] == count)
        #expect(input["properties"]?["Names"]?["items"] == ["type": "string"])
        #expect(input["properties"]?["Body"]?["type"] == "string")
        #expect(input["additionalProperties"] == nil)
        #expect(definition["outputSchema"] == ["type": "object"])
    }

    @Test func emptyFillersOfOptionalParametersAreLeftOutAndNoted() throws {
        let call = try Self.tool.validate([
            "Path": "p", "Count": .null, "Kind": "", "Names": .null, "Body": "", "Flag": .null, "Secret": "",
        ])
        #expect(call.arguments == ["Path": "p"])
        let note = "Count, Kind, Names, Body, Flag, Secret: empty value (null or \"\") ignored; left out as not given."
        #expect(call.notes == [note])
    }

    @Test func emptyRequiredParameterIsMissing() throws {
        let error = try #require(failure(["Path": ""]))
        #expect(error.code == "Validation.MissingParameter")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let error = try #require(failure(["Count": 9, "Kind": "c", "Names": [1], "Body": "[1]", "Flag": 3]))
        #expect(error.code == "Validation.InvalidArguments")
        let kinds = error.details["problems"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
        #expect(Set(kinds) == ["missingRequired", "outOfRange", "notInEnum", "wrongType", "malformedJSON"])
        #expect(kinds.count == 6)
    }

    @Test func unknownNamesAreRefusedFirstWithASuggestion() throws {
        let error = try #require(failure(["path": "p", "Cuont": 1]))
        #expect(error.code == "Validation.UnknownParameter")
        #expect(error.message.contains("use 'Path'"))
        #expect(error.message.contains("did you mean Count"))
    }

    @Test func valuesAreNeverEchoedForLengthOrType() throws {
        let error = try #require(failure(["Path": "p", "Secret": "hunter2hunter2"]))
        #expect(error.code == "Validation.TooLong")
        #expect(!error.message.contains("hunter2"))
    }

    @Test func friendlyReadingsAreNoted() throws {
        let call = try Self.tool.validate(["Path": "p", "Count": "3", "Flag": "TRUE", "Body": "{\"a\": 1}"])
        #expect(call.int("Count") == 3)
        #expect(call.bool("Flag") == true)
        #expect(call.object("Body") == ["a": 1])
        #expect(call.notes.count == 2)
    }

    @Test func notesJoinTheResultsNotesBlock() {
        let result = ToolResults.success(text: "done", structured: ["a": 1], notes: ["first"])
        guard case .complete(let noted) = ToolResults.noting(["second"], in: .complete(result)) else {
            Issue.record("not complete")
            return
        }
        #expect(noted["content"]?.arrayValue?.last?["text"] == "Notes: first | second")
        #expect(noted["content"]?.arrayValue?.count == 2)
    }
}
