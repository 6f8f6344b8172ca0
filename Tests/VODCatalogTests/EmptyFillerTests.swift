import MCPCore
import Testing

@testable import VODCatalog

/// Strict-mode models send every property; `null` and `""` in an optional one mean "not given".
@Suite struct EmptyFillerTests {
    @Test func emptyOptionalsAreLeftOutAndNoted() throws {
        let call = try validated(
            "GetVideoList", ["StartTime": "", "EndTime": nil, "CateId": nil, "Status": "Normal", "DryRun": ""])
        #expect(call.wireParameters == ["Status": "Normal"])
        #expect(call.dryRun == false)
        #expect(
            call.coercions == [
                "CateId, DryRun, EndTime, StartTime: empty value (null or \"\") ignored; left out as not given."
            ])
    }

    @Test func jsonTextFillerIsNotMalformed() throws {
        let call = try validated("CreateUploadVideo", ["Title": "t", "FileName": "a.mp4", "UserData": "", "Tags": ""])
        #expect(call.wireParameters["UserData"] == nil)
        #expect(call.wireParameters["Tags"] == nil)
        #expect(call.wireParameters["Title"] == "t")
    }

    @Test func requiredParametersAreNotExcused() throws {
        let found = try problems("GetVideoInfo", ["VideoId": ""])
        #expect(!found.isEmpty)
        let missing = try problems("GetVideoInfo", ["VideoId": nil])
        #expect(missing.map(\.kind) == [.missingRequired])
    }

    @Test func otherValuesKeepTheirMeaning() throws {
        let call = try validated("GetVideoList", ["CateId": 0])
        #expect(call.wireParameters["CateId"] == "0")
        #expect(!call.coercions.contains { $0.contains("empty value") })
    }
}
