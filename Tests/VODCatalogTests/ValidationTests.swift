import MCPCore
import Testing
import VODCatalog

/// Runs `validate` and returns the problems it threw (empty when it passed).
func problems(_ action: String, _ arguments: JSONValue?) throws -> [ArgumentProblem] {
    let operation = try #require(Catalog.vod.operation(action))
    do {
        _ = try operation.validate(arguments)
        return []
    } catch {
        guard case .invalidArguments(let reported, let problems) = error else {
            Issue.record("unexpected error \(error)")
            return []
        }
        #expect(reported == action)
        return problems
    }
}

/// Runs `validate` and requires success.
func validated(_ action: String, _ arguments: JSONValue?) throws -> ValidatedCall {
    let operation = try #require(Catalog.vod.operation(action))
    return try operation.validate(arguments)
}

@Suite struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let action: String
        let arguments: JSONValue
        let kind: ArgumentProblem.Kind
        let parameter: String?
        let messageFragment: String
        var testDescription: String { "\(action) \(kind)" }
    }

    static let cases: [Case] = [
        Case(
            action: "CreateUploadVideo", arguments: ["Title": "t"], kind: .missingRequired, parameter: "FileName",
            messageFragment: "Missing required parameter 'FileName'"),
        Case(
            action: "CreateUploadVideo", arguments: ["Title": "t", "FileName": ""], kind: .missingRequired,
            parameter: "FileName", messageFragment: "FileName"),
        Case(
            action: "GetVideoInfo", arguments: [:], kind: .missingRequired, parameter: "VideoId or ReferenceId",
            messageFragment: "pass VideoId or ReferenceId"),
        Case(
            action: "GetVideoList", arguments: ["CateId": "music"], kind: .wrongType, parameter: "CateId",
            messageFragment: "must be an integer; got string \"music\""),
        Case(
            action: "GetVideoList", arguments: ["PageSize": 500], kind: .outOfRange, parameter: "PageSize",
            messageFragment: "between 1 and 100; got 500"),
        Case(
            action: "GetVideoList", arguments: ["PageNo": 0], kind: .outOfRange, parameter: "PageNo",
            messageFragment: "at least 1"),
        Case(
            action: "UpdateVideoInfo",
            arguments: ["VideoId": "v", "Title": .string(String(repeating: "x", count: 129))],
            kind: .tooLong, parameter: "Title", messageFragment: "129 characters; at most 128"),
        Case(
            action: "UpdateVideoInfo", arguments: ["VideoId": "v", "Tags": .string(String(repeating: "x", count: 33))],
            kind: .tooLong, parameter: "Tags", messageFragment: "at most 32"),
        Case(
            action: "UpdateVideoInfo",
            arguments: ["VideoId": "v", "Tags": .string((1...17).map { "t\($0)" }.joined(separator: ","))],
            kind: .tooManyItems, parameter: "Tags", messageFragment: "17 items; at most 16"),
        Case(
            action: "AddVodTemplate",
            arguments: ["Name": "n", "TemplateConfig": "{}", "TemplateType": "snapshot"],
            kind: .notInEnum, parameter: "TemplateType", messageFragment: "Did you mean 'Snapshot'?"),
        Case(
            action: "GetVideoList", arguments: ["PageNumber": 2], kind: .unknownParameter, parameter: "PageNumber",
            messageFragment: "Unknown parameter 'PageNumber'. Did you mean 'PageNo'?"),
        Case(
            action: "GetVideoInfo", arguments: ["VideoId": "v", "videoid": "v"], kind: .unknownParameter,
            parameter: "videoid", messageFragment: "case-sensitive: use 'VideoId'"),
        Case(
            action: "CreateUploadVideo", arguments: ["Title": "t", "FileName": "a.mp4", "UserData": "{oops"],
            kind: .malformedJSON, parameter: "UserData", messageFragment: "must be JSON text"),
        Case(
            action: "GetVideoList", arguments: ["StartTime": "2024-05-01 08:00:00"], kind: .badTimestamp,
            parameter: "StartTime", messageFragment: "UTC time like 2024-05-01T08:00:00Z"),
        Case(
            action: "GetVideoList", arguments: ["EndTime": "2024-05-01T08:00:00+08:00"], kind: .badTimestamp,
            parameter: "EndTime", messageFragment: "Convert local times to UTC"),
        Case(
            action: "GetVideoList", arguments: ["StartTime": "2024-13-01T08:00:00Z"], kind: .badTimestamp,
            parameter: "StartTime", messageFragment: "2024-13-01"),
        Case(
            action: "GetVideoInfo", arguments: ["VideoId", "v"], kind: .notAnObject, parameter: nil,
            messageFragment: "must be a JSON object"),
        Case(
            action: "GetVideoInfo", arguments: ["VideoId": "v", "DryRun": "maybe"], kind: .wrongType,
            parameter: "DryRun", messageFragment: "must be a boolean"),
        Case(
            action: "GetVideoPlayAuth", arguments: ["VideoId": "v", "AuthInfoTimeout": 50], kind: .outOfRange,
            parameter: "AuthInfoTimeout", messageFragment: "between 100 and 3000"),
        Case(
            action: "SubmitSnapshotJob",
            arguments: ["VideoId": "v", "SpecifiedOffsetTimes": .array((1...31).map { .int($0) })],
            kind: .tooManyItems, parameter: "SpecifiedOffsetTimes", messageFragment: "at most 30"),
        Case(
            action: "SubmitSnapshotJob", arguments: ["VideoId": "v", "SpecifiedOffsetTimes": ["a"]],
            kind: .wrongType, parameter: "SpecifiedOffsetTimes", messageFragment: "integers only"),
        Case(
            action: "DescribeVodUserDomains", arguments: ["Tag": [["Value": "x"]]], kind: .missingRequired,
            parameter: "Tag", messageFragment: "needs a non-empty Key"),
        Case(
            action: "DescribeVodUserDomains", arguments: ["Tag": [["Key": "a", "Colour": "x"]]],
            kind: .unknownParameter,
            parameter: "Tag", messageFragment: "unknown member 'Colour'"),
        Case(
            action: "GetVideoInfo", arguments: ["VideoId": ["a": 1]], kind: .wrongType, parameter: "VideoId",
            messageFragment: "must be a string; got object"),
        Case(
            action: "SearchMedia", arguments: ["SearchType": "videos"], kind: .notInEnum, parameter: "SearchType",
            messageFragment: "must be one of video, audio, image, attached"),
        Case(
            action: "CreateUploadAttachedMedia", arguments: ["BusinessType": "logo"], kind: .notInEnum,
            parameter: "BusinessType", messageFragment: "watermark"),
        Case(
            action: "CreateUploadVideo", arguments: ["Title": "t", "FileName": "a.mp4", "GenerateThumbnail": 1],
            kind: .wrongType, parameter: "GenerateThumbnail", messageFragment: "must be a boolean"),
    ]

    @Test(arguments: cases)
    func rejects(_ testCase: Case) throws {
        let found = try problems(testCase.action, testCase.arguments)
        let match = found.first { $0.kind == testCase.kind && $0.parameter == testCase.parameter }
        let problem = try #require(match, "no \(testCase.kind) for \(testCase.parameter ?? "-") in \(found)")
        #expect(problem.message.contains(testCase.messageFragment), "message was: \(problem.message)")
    }

    @Test func everyProblemKindIsCovered() {
        #expect(Set(Self.cases.map(\.kind)) == Set(ArgumentProblem.Kind.allCases))
    }

    @Test func allProblemsAreReportedTogether() throws {
        let operation = try #require(Catalog.vod.operation("CreateUploadVideo"))
        do {
            _ = try operation.validate(["Title": .string(String(repeating: "x", count: 200)), "CateId": "x", "Foo": 1])
            Issue.record("expected a throw")
        } catch {
            guard case .invalidArguments(_, let problems) = error else { throw error }
            #expect(Set(problems.map(\.kind)) == [.missingRequired, .tooLong, .wrongType, .unknownParameter])
            #expect(error.code == "Validation.InvalidArguments")
            #expect(error.description.hasPrefix("CreateUploadVideo: 4 problems"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func singleKindErrorsUseTheKindCode() throws {
        let operation = try #require(Catalog.vod.operation("CreateUploadVideo"))
        #expect(throws: CatalogError.self) { try operation.validate(["Title": "t"]) }
        do {
            _ = try operation.validate(["Title": "t"])
        } catch {
            #expect(error.code == "Validation.MissingParameter")
            #expect(error.description.hasPrefix("CreateUploadVideo: Missing required parameter 'FileName'"))
        }
        let kinds = ArgumentProblem.Kind.allCases.map(\.code)
        #expect(Set(kinds).count == kinds.count)
        #expect(kinds.allSatisfy { $0.hasPrefix("Validation.") })
    }

    @Test func unknownParameterWithoutCloseNameListsAcceptedOnes() throws {
        let found = try problems("DeleteAttachedMedia", ["MediaIds": "m", "Wibble": 1])
        #expect(found.count == 1)
        #expect(found.first?.message.contains("DeleteAttachedMedia accepts: MediaIds") == true)
        #expect(found.first?.suggestion == nil)
    }

    @Test func nonStrictEnumsAreNotEnforced() throws {
        let call = try validated(
            "GetPlayInfo", ["VideoId": "v", "Formats": "mp4,webm", "DigitalWatermarkType": "Other"])
        #expect(call.wireParameters["Formats"] == "mp4,webm")
        #expect(call.wireParameters["DigitalWatermarkType"] == "Other")
    }

    @Test func minuteTimesAcceptedOnlyWhereDocumented() throws {
        let call = try validated(
            "DescribeVodEditingUsageData", ["StartTime": "2024-05-01T08:00Z", "EndTime": "2024-05-02T08:00Z"])
        #expect(call.wireParameters["StartTime"] == "2024-05-01T08:00Z")
        let found = try problems("GetVideoList", ["StartTime": "2024-05-01T08:00Z"])
        #expect(found.first?.suggestion == "2024-05-01T08:00:00Z")
        let dateOnly = try problems("GetVideoList", ["StartTime": "2024-05-01"])
        #expect(dateOnly.first?.suggestion == "2024-05-01T00:00:00Z")
    }

    @Test func validCallPassesWithoutNotes() throws {
        let call = try validated("GetVideoInfo", ["VideoId": "abc"])
        #expect(call.wireParameters == ["VideoId": "abc"])
        #expect(call.coercions.isEmpty)
        #expect(!call.dryRun && !call.confirm)
        #expect(call.operation.action == "GetVideoInfo")
        #expect(try validated("GetVideoList", nil).wireParameters.isEmpty)
        #expect(try validated("GetVideoList", .null).wireParameters.isEmpty)
    }
}

@Suite struct CoercionTests {
    @Test func arrayJoinedForCommaList() throws {
        let call = try validated("UpdateVideoInfo", ["VideoId": "v", "Tags": ["a", "b", 3]])
        #expect(call.wireParameters["Tags"] == "a,b,3")
        #expect(call.coercions == ["Tags: array joined to comma-separated string \"a,b,3\"."])
    }

    @Test func spacesAroundCommasRemoved() throws {
        let call = try validated("GetVideoInfos", ["VideoIds": "a, b ,c"])
        #expect(call.wireParameters["VideoIds"] == "a,b,c")
        #expect(call.coercions.count == 1)
    }

    @Test func objectSerializedForJSONText() throws {
        let call = try validated(
            "CreateUploadVideo", ["Title": "t", "FileName": "a.mp4", "UserData": ["Extend": ["k": "v"]]])
        #expect(call.wireParameters["UserData"] == #"{"Extend":{"k":"v"}}"#)
        #expect(call.coercions.first?.hasPrefix("UserData: object serialized to JSON text") == true)
    }

    @Test func jsonTextPassesThroughUnchanged() throws {
        let text = #"{ "Extend": {"k": "v"} }"#
        let call = try validated("CreateUploadVideo", ["Title": "t", "FileName": "a.mp4", "UserData": .string(text)])
        #expect(call.wireParameters["UserData"] == text)
        #expect(call.coercions.isEmpty)
    }

    @Test func numberSentAsString() throws {
        let call = try validated("GetVideoInfo", ["VideoId": 12345])
        #expect(call.wireParameters["VideoId"] == "12345")
        #expect(call.coercions == ["VideoId: integer 12345 sent as the string \"12345\"."])
    }

    @Test func numericStringReadAsInteger() throws {
        let call = try validated("GetVideoList", ["PageSize": "50", "CateId": 7.0])
        #expect(call.wireParameters["PageSize"] == "50")
        #expect(call.wireParameters["CateId"] == "7")
        #expect(call.coercions == ["PageSize: string \"50\" read as the integer 50."])
    }

    @Test func booleanStringsAccepted() throws {
        let call = try validated("CreateUploadVideo", ["Title": "t", "FileName": "a.mp4", "GenerateThumbnail": "TRUE"])
        #expect(call.wireParameters["GenerateThumbnail"] == "true")
        #expect(call.coercions.count == 1)
    }

    @Test func timesNormalizedToUTCZ() throws {
        let call = try validated(
            "GetVideoList", ["StartTime": "2024-05-01T08:00:00.123Z", "EndTime": "2024-05-02T08:00:00+00:00"])
        #expect(call.wireParameters["StartTime"] == "2024-05-01T08:00:00Z")
        #expect(call.wireParameters["EndTime"] == "2024-05-02T08:00:00Z")
        #expect(call.coercions.count == 2)
    }

    @Test func nullOptionalIsLeftOut() throws {
        let call = try validated("GetVideoList", ["CateId": nil])
        #expect(call.wireParameters["CateId"] == nil)
        #expect(call.coercions == ["CateId: empty value (null or \"\") ignored; left out as not given."])
    }

    @Test func reservedFlags() throws {
        let dry = try validated("GetVideoInfo", ["VideoId": "v", "DryRun": true])
        #expect(dry.dryRun && dry.wireParameters["DryRun"] == nil)
        let confirmed = try validated("DeleteVideo", ["VideoIds": "v", "Confirm": "true"])
        #expect(confirmed.confirm && confirmed.wireParameters == ["VideoIds": "v"])
        let ignored = try validated("GetVideoInfo", ["VideoId": "v", "Confirm": true])
        #expect(!ignored.confirm)
        #expect(ignored.coercions.first?.hasPrefix("Confirm ignored") == true)
    }
}
