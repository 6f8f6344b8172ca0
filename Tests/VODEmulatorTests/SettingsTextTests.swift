import Foundation
import Testing
import VODEmulator

/// Settings the sandbox reads from JSON parameters and answers again: nested template settings written back as
/// JSON text (sorted keys, `\/`, numbers as JSONSerialization wrote them) and numbers printed as NSNumber printed
/// them. The sandbox no longer uses Foundation for either (issue 16); the expected text here still comes from it.
@Suite struct SettingsTextTests {
    private func foundationText(_ json: String) throws -> String {
        let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static let video =
        #"{"Width":1280,"Height":720,"Bitrate":900,"Codec":"H.264","Fps":30.0,"MaxFps":60,"Maxrate":1.5e3,"#
        + #""Gop":250,"Bufsize":2000,"Profile":"main","PixFmt":"yuv420p","Preset":"medium"}"#

    @Test func nestedTemplateSettingsAreWrittenAsJSONSerializationWroteThem() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let list =
            #"[{"TranscodeTemplateId":"t-1","TemplateName":"hd","Definition":"HD","Video":"# + Self.video
            + #","Container":{"Format":"mp4"},"Rotate":90},"#
            + #"{"TranscodeTemplateId":"t-2","TemplateName":"sd","Definition":"SD","Video":{"Width":640}}]"#
        let group = try harness.v1("AddTranscodeTemplateGroup", ["Name": "g", "TranscodeTemplateList": list])
        let groupId = try #require(group.json["TranscodeTemplateGroupId"] as? String, "\(group.json)")
        // Removing one template re-serializes the rest of the group's configuration.
        let deleted = try harness.v1(
            "DeleteTranscodeTemplateGroup", ["TranscodeTemplateGroupId": groupId, "TranscodeTemplateIds": "t-2"])
        #expect(deleted.status == 200, "\(deleted.json)")
        let read = try harness.v1("GetTranscodeTemplateGroup", ["TranscodeTemplateGroupId": groupId])
        let body = String(decoding: read.body, as: UTF8.self)
        let templates =
            (read.json["TranscodeTemplateGroup"] as? [String: Any])?["TranscodeTemplateList"] as? [[String: Any]]
        let template = try #require(templates?.first, "\(body)")
        #expect(templates?.count == 1, "\(body)")
        #expect(template["Video"] as? String == (try foundationText(Self.video)))
        #expect(template["Container"] as? String == #"{"Format":"mp4"}"#)
        // A number where JSON text is expected was no valid JSON object for JSONSerialization: it showed as "".
        #expect(template["Rotate"] as? String == "")
    }

    @Test func dynamicImageSettingsRoundTripAsBefore() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        _ = try harness.oss("PUT", upload: upload, body: Data(repeating: 7, count: 1024))
        harness.clock.advance(seconds: 30)
        let config = #"{"Format":"gif","Fps":10,"Width":320,"Height":180.0,"TimeRange":"0:4"}"#
        let template = try harness.v3(
            "AddVodTemplate", ["Name": "gif", "TemplateType": "DynamicImage", "TemplateConfig": config])
        let templateId = try #require(template.json["VodTemplateId"] as? String, "\(template.json)")
        let job = try harness.v3(
            "SubmitDynamicImageJob",
            [
                "VideoId": upload.videoId, "DynamicImageTemplateId": templateId,
                "OverrideParams": #"{"Format":"gif","Fps":1.0,"Width":640}"#,
            ])
        #expect(job.status == 200, "\(job.json)")
        let list = try harness.v3("ListDynamicImage", ["VideoId": upload.videoId])
        let image = try #require((list.json["DynamicImageList"] as? [[String: Any]])?.first, "\(list.json)")
        // The merged settings are stored as JSONSerialization wrote them (1.0 as `1`, 180.0 as `180`) and read back
        // as integers, which print without a point.
        #expect(image["Fps"] as? String == "1")
        #expect(image["Width"] as? String == "640")
        #expect(image["Height"] as? String == "180")
    }
}
