import MCPCore
import Testing
import VODCatalog

@Suite struct WireEncodingTests {
    @Test func booleansAreLowercase() throws {
        let call = try validated(
            "CreateUploadVideo",
            ["Title": "t", "FileName": "a.mp4", "GenerateThumbnail": true, "EnableFirstFrameCover": false])
        #expect(call.wireParameters["GenerateThumbnail"] == "true")
        #expect(call.wireParameters["EnableFirstFrameCover"] == "false")
    }

    @Test func integersInDecimal() throws {
        let call = try validated("SubmitTranscodeJobs", ["VideoId": "v", "TemplateGroupId": "g", "Priority": 10])
        #expect(call.wireParameters["Priority"] == "10")
    }

    @Test func repeatListFlattensToTagNKey() throws {
        let call = try validated(
            "DescribeVodUserDomains",
            ["Tag": [["Key": "env", "Value": "prod"], ["Key": "team"]], "PageSize": 50])
        #expect(
            call.wireParameters == [
                "Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.2.Key": "team", "PageSize": "50",
            ])
        #expect(call.coercions.isEmpty)
    }

    @Test func repeatListAcceptsAPlainMap() throws {
        let call = try validated("DescribeVodUserDomains", ["Tag": ["b": "2", "a": "1"]])
        #expect(
            call.wireParameters == ["Tag.1.Key": "a", "Tag.1.Value": "1", "Tag.2.Key": "b", "Tag.2.Value": "2"])
        #expect(call.coercions.count == 1)
    }

    @Test func repeatListLimitIsTwenty() throws {
        let tags = JSONValue.array((1...21).map { ["Key": .string("k\($0)")] })
        let found = try problems("DescribeVodUserDomains", ["Tag": tags])
        #expect(found.map(\.kind) == [.tooManyItems])
    }

    @Test func specifiedOffsetTimesIsJSONArrayText() throws {
        let call = try validated("SubmitSnapshotJob", ["VideoId": "v", "SpecifiedOffsetTimes": [1000, 2000]])
        #expect(call.wireParameters["SpecifiedOffsetTimes"] == "[1000,2000]")
        let fromText = try validated("SubmitSnapshotJob", ["VideoId": "v", "SpecifiedOffsetTimes": "[ 5, 6 ]"])
        #expect(fromText.wireParameters["SpecifiedOffsetTimes"] == "[5,6]")
    }

    @Test func jsonParametersAreCompactText() throws {
        let call = try validated(
            "AddVodDomain",
            ["DomainName": "v.example.com", "Sources": [["content": "1.2.3.4", "type": "ipaddr", "port": 80]]])
        #expect(call.wireParameters["Sources"] == #"[{"content":"1.2.3.4","port":80,"type":"ipaddr"}]"#)
    }

    @Test func noInternalOrReservedNamesReachTheWire() throws {
        let call = try validated("DeleteVideo", ["VideoIds": ["a", "b"], "DryRun": true, "Confirm": true])
        #expect(call.wireParameters == ["VideoIds": "a,b"])
        #expect(call.dryRun && call.confirm)
    }
}
