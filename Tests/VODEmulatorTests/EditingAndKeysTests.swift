import Foundation
import Testing
import VODEmulator

/// Editing projects, KMS data keys, dynamic images and storage classes: effects seen through the reads.
@Suite(.timeLimit(.minutes(2)))
struct EditingAndKeysTests {
    @Test func dataKeyDecryptsOnlyWhatTheSandboxIssued() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let issued = try harness.v3("GenerateKMSDataKey")
        let blob = try #require(issued.json["CiphertextBlob"] as? String)
        let plaintext = try #require(issued.json["Plaintext"] as? String)
        #expect(Data(base64Encoded: plaintext)?.count == 32)
        let back = try harness.v3("DecryptKMSDataKey", ["CipherText": blob])
        #expect(back.json["Plaintext"] as? String == plaintext)
        #expect(back.json["KeyId"] as? String == issued.json["KeyId"] as? String)
        let other = try harness.v3("DecryptKMSDataKey", ["CipherText": "c2Fua2JveA=="])
        #expect(other.status == 400)
        #expect(other.code == "InvalidCipherText")
        let garbage = try harness.v3("DecryptKMSDataKey", ["CipherText": "not base64!"])
        #expect(garbage.code == "InvalidParameter")
    }

    @Test func projectProducesAPlayableVideo() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        _ = try harness.oss("PUT", upload: upload, body: randomData(2048))
        let timeline =
            "{\"VideoTracks\":[{\"VideoTrackClips\":[{\"MediaId\":\"\(upload.videoId)\",\"In\":0,\"Out\":3}]}]}"
        let added = try harness.v3("AddEditingProject", ["Title": "cut", "Timeline": timeline])
        let projectId = try #require((added.json["Project"] as? [String: Any])?["ProjectId"] as? String)
        let materials = try harness.v3("GetEditingProjectMaterials", ["ProjectId": projectId])
        let listed = (materials.json["MaterialList"] as? [String: Any])?["Material"] as? [[String: Any]]
        #expect(listed?.map { $0["MaterialId"] as? String } == [upload.videoId])
        let badTimeline = try harness.v3("UpdateEditingProject", ["ProjectId": projectId, "Timeline": "[1"])
        #expect(badTimeline.code == "InvalidParameter")
        _ = try harness.v3("UpdateEditingProject", ["ProjectId": projectId, "Title": "final cut"])
        let search = try harness.v3("SearchEditingProject", ["Title": "final"])
        #expect(search.json["Total"] as? Int == 1)
        let project = (search.json["ProjectList"] as? [String: Any])?["Project"] as? [[String: Any]]
        #expect(project?.first?["Duration"] as? Double == 3)

        let produced = try harness.v3("ProduceEditingProjectVideo", ["ProjectId": projectId])
        let mediaId = try #require(produced.json["MediaId"] as? String)
        #expect(mediaId != upload.videoId)
        harness.clock.advance(seconds: 30)
        #expect(harness.sandbox.videoStatus(mediaId) == "Normal")
        let play = try harness.v3("GetPlayInfo", ["VideoId": mediaId])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let fetched = try harness.curl(method: "GET", url: try #require(list.first?["PlayURL"] as? String))
        #expect(fetched.body.count == 2048)
        // Deleting the produced video leaves the source's file alone.
        _ = try harness.v3("DeleteVideo", ["VideoIds": mediaId])
        let source = try harness.v3("GetPlayInfo", ["VideoId": upload.videoId])
        let sourceList = (source.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]]
        let original = try harness.curl(method: "GET", url: try #require(sourceList?.first?["PlayURL"] as? String))
        #expect(original.body.count == 2048)

        _ = try harness.v3("DeleteEditingProject", ["ProjectIds": projectId])
        #expect(try harness.v3("GetEditingProject", ["ProjectId": projectId]).status == 404)
    }

    @Test func dynamicImageIsServedAndStorageClassShows() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        _ = try harness.oss("PUT", upload: upload, body: randomData(1024))
        harness.clock.advance(seconds: 30)
        let config = "{\"Format\":\"gif\",\"Fps\":\"5\",\"Width\":\"320\",\"Height\":\"180\",\"TimeRange\":\"0:4\"}"
        let template = try harness.v3(
            "AddVodTemplate", ["Name": "gif", "TemplateType": "DynamicImage", "TemplateConfig": config])
        let templateId = try #require(template.json["VodTemplateId"] as? String)
        let job = try harness.v3(
            "SubmitDynamicImageJob", ["VideoId": upload.videoId, "DynamicImageTemplateId": templateId])
        #expect(job.status == 200)
        let list = try harness.v3("ListDynamicImage", ["VideoId": upload.videoId])
        let image = try #require((list.json["DynamicImageList"] as? [[String: Any]])?.first)
        #expect(image["Width"] as? String == "320")
        #expect(image["Duration"] as? String == "4.0")
        let gif = try harness.curl(method: "GET", url: try #require(image["FileURL"] as? String))
        #expect(gif.status == 200)
        #expect(Array(gif.body.prefix(6)) == Array("GIF89a".utf8))
        _ = try harness.v3("DeleteDynamicImage", ["VideoId": upload.videoId])
        let empty = try harness.v3("ListDynamicImage", ["VideoId": upload.videoId])
        #expect((empty.json["DynamicImageList"] as? [Any])?.isEmpty == true)

        let archive = try harness.v3(
            "UpdateMediaStorageClass", ["MediaIds": upload.videoId, "StorageClass": "Archive"])
        #expect(archive.json["Status"] as? String == "Processing")
        let info = try harness.v3("GetVideoInfo", ["VideoId": upload.videoId])
        #expect((info.json["Video"] as? [String: Any])?["StorageClass"] as? String == "Archive")
        let bad = try harness.v3("UpdateMediaStorageClass", ["MediaIds": upload.videoId, "StorageClass": "Frozen"])
        #expect(bad.code == "InvalidParameter")
    }
}
