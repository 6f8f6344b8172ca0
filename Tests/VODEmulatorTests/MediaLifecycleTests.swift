import Foundation
import Testing
import VODEmulator
import VODSigning

@Suite(.timeLimit(.minutes(2)))
struct MediaLifecycleTests {
    @Test func uploadMovesTheVideoThroughItsStatuses() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        #expect(upload.expiration == "3000")
        #expect(upload.endpoint == harness.endpoint.absoluteString)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Uploading")
        let notYet = try harness.v1("GetPlayInfo", ["VideoId": upload.videoId])
        #expect(notYet.code == "Forbidden.IllegalStatus")

        let put = try harness.oss("PUT", upload: upload, body: randomData(4096))
        #expect(put.status == 200)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "UploadSucc")
        harness.clock.advance(seconds: 10)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Transcoding")
        harness.clock.advance(seconds: 10)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Normal")

        let play = try harness.v3("GetPlayInfo", ["VideoId": upload.videoId])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let url = try #require(list.first?["PlayURL"] as? String)
        let fetched = try harness.curl(method: "GET", url: url)
        #expect(fetched.status == 200)
        #expect(fetched.body.count == 4096)

        let auth = try harness.v1("GetVideoPlayAuth", ["VideoId": upload.videoId])
        #expect((auth.json["PlayAuth"] as? String)?.isEmpty == false)
    }

    @Test func noTranscodeGroupSkipsTranscoding() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload(extra: ["TemplateGroupId": "VOD_NO_TRANSCODE"]))
        _ = try harness.oss("PUT", upload: upload, body: randomData(10))
        harness.clock.advance(seconds: 10)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Normal")
        let resubmit = try harness.v1(
            "SubmitTranscodeJobs", ["VideoId": upload.videoId, "TemplateGroupId": "sandbox-default-group"])
        #expect(resubmit.status == 200)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Transcoding")
        let taskId = try #require(resubmit.json["TranscodeTaskId"] as? String)
        harness.clock.advance(seconds: 10)
        let task = try harness.v1("GetTranscodeTask", ["TranscodeTaskId": taskId])
        #expect((task.json["TranscodeTask"] as? [String: Any])?["TaskStatus"] as? String == "CompleteAllSucc")
    }

    @Test func updateSearchListAndDelete() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let category = try harness.v1("AddCategory", ["CateName": "news"])
        let cateId = try #require((category.json["Category"] as? [String: Any])?["CateId"] as? Int)
        var ids: [String] = []
        for title in ["red", "green", "blue"] {
            let upload = try #require(try harness.createUpload(title: title, extra: ["CateId": String(cateId)]))
            ids.append(upload.videoId)
            harness.clock.advance(seconds: 1)
        }
        #expect(try harness.v1("UpdateVideoInfo", ["VideoId": ids[0], "Title": "dark red"]).status == 200)
        let search = try harness.v1("SearchMedia", ["Match": "Title in ('dark red','blue') and CateId = \(cateId)"])
        #expect(search.json["Total"] as? Int == 2)
        let fuzzy = try harness.v1("SearchMedia", ["Match": "Title = 'RED'"])
        #expect(fuzzy.json["Total"] as? Int == 1)
        let bad = try harness.v1("SearchMedia", ["Match": "Title in ('a'"])
        #expect(bad.code == "ErrorMatchSyntax")
        let page = try harness.v1("GetVideoList", ["CateId": String(cateId), "PageSize": "2", "PageNo": "2"])
        #expect(page.json["Total"] as? Int == 3)
        let videos = (page.json["VideoList"] as? [String: Any])?["Video"] as? [[String: Any]]
        #expect(videos?.count == 1)
        #expect(videos?.first?["VideoId"] as? String == ids[0])  // newest first, so the oldest is on page 2
        let statusFilter = try harness.v1("GetVideoList", ["Status": "Normal"])
        #expect(statusFilter.json["Total"] as? Int == 0)
        let infos = try harness.v1("GetVideoInfos", ["VideoIds": ids[1] + ",missing"])
        #expect((infos.json["NonExistVideoIds"] as? [String]) == ["missing"])
        let deleted = try harness.v1("DeleteVideo", ["VideoIds": ids[1]])
        #expect(deleted.status == 200)
        #expect(try harness.v1("GetVideoInfo", ["VideoId": ids[1]]).code == "InvalidVideo.NotFound")
    }

    /// Values as the docs show them (the catalog's value-shape examples); the sandbox checks shapes as VOD does.
    static let templateList =
        #"[{"TemplateName":"h264-720p","Definition":"HD","Container":{"Format":"m3u8"},"#
        + #""Video":{"Codec":"H.264","Bitrate":1500,"Height":720,"Fps":30},"#
        + #""Audio":{"Codec":"AAC","Bitrate":128,"Samplerate":44100,"Channels":2}}]"#
    static let snapshotConfig =
        #"{"SnapshotType":"NormalSnapshot","SnapshotConfig":{"FrameType":"normal","Count":10,"Interval":1,"#
        + #""SpecifiedOffsetTime":0}}"#
    static let auditConfig =
        #"{"AuditItem":["terrorism","porn"],"AuditRange":["text-title","video"],"AuditContent":["screen"],"#
        + #""AuditAutoBlock":"yes"}"#
    static let sources = #"[{"content":"origin.example.com","type":"domain","port":443,"priority":"20"}]"#

    @Test func templatesDomainsImagesAndAttachedMedia() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        // Placeholders the service refuses are refused here too, naming the parameter.
        let empty = try harness.v1("AddTranscodeTemplateGroup", ["Name": "hd", "TranscodeTemplateList": "[]"])
        #expect(empty.status == 400, "\(empty.json)")
        #expect(empty.json["Message"] as? String ?? "" != "")
        let audit = try harness.v1(
            "AddAITemplate", ["TemplateName": "a", "TemplateType": "AIMediaAudit", "TemplateConfig": "{}"])
        #expect(audit.status == 400, "\(audit.json)")
        let snapshot = try harness.v1(
            "AddVodTemplate", ["Name": "s", "TemplateType": "Snapshot", "TemplateConfig": Self.snapshotConfig])
        #expect(snapshot.status == 200, "\(snapshot.json)")
        let group = try harness.v1(
            "AddTranscodeTemplateGroup", ["Name": "hd", "TranscodeTemplateList": Self.templateList])
        let groupId = try #require(group.json["TranscodeTemplateGroupId"] as? String)
        let groups = try harness.v1("ListTranscodeTemplateGroup")
        #expect(
            (groups.json["TranscodeTemplateGroupList"] as? [[String: Any]])?.contains {
                $0["TranscodeTemplateGroupId"] as? String == groupId
            } == true)
        #expect(
            try harness.v1(
                "AddVodTemplate", ["Name": "s", "TemplateType": "Snapshot", "TemplateConfig": Self.snapshotConfig]
            ).json["VodTemplateId"] != nil)
        #expect(
            try harness.v1(
                "AddAITemplate",
                ["TemplateName": "a", "TemplateType": "AIMediaAudit", "TemplateConfig": Self.auditConfig]
            ).json["TemplateId"] != nil)
        #expect(
            try harness.v1("AddVodDomain", ["DomainName": "cdn.example.com", "Sources": Self.sources]).status == 200)
        #expect(
            try harness.v1("AddVodDomain", ["DomainName": "cdn.example.com", "Sources": Self.sources]).code
                == "DomainAlreadyExist")
        #expect(try harness.v1("BatchStopVodDomain", ["DomainNames": "cdn.example.com"]).status == 200)
        #expect(
            try harness.v1("BatchStartVodDomain", ["DomainNames": "nope.example.com"]).code == "InvalidDomain.NotFound")
        let image = try harness.v1("CreateUploadImage", ["ImageType": "cover", "ImageExt": "jpg"])
        let imageId = try #require(image.json["ImageId"] as? String)
        #expect(
            try harness.v1("UpdateImageInfos", ["UpdateContent": "[{\"ImageId\":\"\(imageId)\",\"Title\":\"t\"}]"])
                .status == 200)
        let imageInfo = try harness.v1("GetImageInfo", ["ImageId": imageId])
        #expect((imageInfo.json["ImageInfo"] as? [String: Any])?["Title"] as? String == "t")
        let attached = try harness.v1("CreateUploadAttachedMedia", ["BusinessType": "subtitle", "MediaExt": "vtt"])
        let mediaId = try #require(attached.json["MediaId"] as? String)
        let attachedUpload = try #require(Harness.upload(from: attached, videoId: mediaId))
        #expect(try harness.oss("PUT", upload: attachedUpload, body: Data("WEBVTT".utf8)).status == 200)
        let media = try harness.v1("GetAttachedMediaInfo", ["MediaIds": mediaId])
        #expect(((media.json["AttachedMediaList"] as? [[String: Any]])?.first?["Status"] as? String) == "Normal")
        #expect(try harness.v1("DeleteAttachedMedia", ["MediaIds": mediaId]).status == 200)
        let upload = try #require(try harness.createUpload())
        #expect(
            try harness.v1(
                "CreateAudit", ["AuditContent": "[{\"VideoId\":\"\(upload.videoId)\",\"Status\":\"Blocked\"}]"]
            ).status == 200)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "Blocked")
    }

    @Test func uploadMediaByURLPullsALoopbackURL() async throws {
        let harness = try await Harness.start { $0.transcodeDelay = .zero }
        defer { Task { try? await harness.sandbox.shutdown() } }
        // The source is the sandbox's own signed play URL: http on loopback.
        let upload = try #require(try harness.createUpload())
        #expect(try harness.oss("PUT", upload: upload, body: randomData(2048)).status == 200)
        let play = try harness.v1("GetPlayInfo", ["VideoId": upload.videoId])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let source = try #require(list.first?["PlayURL"] as? String)
        let result = try harness.v1("UploadMediaByURL", ["UploadURLs": PercentEncoding.encode(source)])
        let jobId = try #require((result.json["UploadJobs"] as? [[String: Any]])?.first?["JobId"] as? String)
        var info: [String: Any] = [:]
        for _ in 0..<100 {
            let answer = try harness.v1("GetURLUploadInfos", ["JobIds": jobId])
            info = (answer.json["URLUploadInfoList"] as? [[String: Any]])?.first ?? [:]
            if info["Status"] as? String != "PENDING" { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(info["Status"] as? String == "UPLOAD_SUCCESS")
        #expect(info["FileSize"] as? String == "2048")
    }

    @Test func uploadMediaByURLRefusesAnythingButLoopbackHTTP() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        for url in [
            "file:///proc/self/environ", "file:///dev/zero", "ftp://127.0.0.1/a.mp4", "http://127.example.com/a.mp4",
            "http://127.0.0.1.nip.io/a.mp4", "http://10.0.0.1/a.mp4", "http://[::2]/a.mp4",
            "http://127.0.0.1@example.com/",
            "gopher://localhost/",
        ] {
            let result = try harness.v1("UploadMediaByURL", ["UploadURLs": PercentEncoding.encode(url)])
            #expect(result.status == 400, "\(url)")
            #expect(result.code == "InvalidParameter", "\(url)")
        }
    }

    @Test func playURLsNeedAValidAuthKey() async throws {
        let harness = try await Harness.start { $0.transcodeDelay = .zero }
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        #expect(try harness.oss("PUT", upload: upload, body: randomData(64)).status == 200)
        let play = try harness.v1("GetPlayInfo", ["VideoId": upload.videoId, "AuthTimeout": "600"])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let signed = try #require(list.first?["PlayURL"] as? String)
        #expect(try harness.curl(method: "GET", url: signed).status == 200)
        let bare = try #require(signed.split(separator: "?").first.map(String.init))
        #expect(try harness.curl(method: "GET", url: bare).status == 403)
        #expect(try harness.curl(method: "HEAD", url: bare, extra: ["--head"]).status == 403)
        let tampered = String(signed.dropLast()) + (signed.hasSuffix("0") ? "1" : "0")
        #expect(try harness.curl(method: "GET", url: tampered).status == 403)
        harness.clock.advance(seconds: 601)
        #expect(try harness.curl(method: "GET", url: signed).status == 403)
    }

    @Test func statePersistsAcrossRuns() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("persist-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = try await Harness.start {
            $0.stateDirectory = directory
            $0.accessKeyId = "LTAIpersist"
            $0.accessKeySecret = "secret"
        }
        let upload = try #require(try first.createUpload())
        try await first.sandbox.shutdown()
        let second = try await Harness.start {
            $0.stateDirectory = directory
            $0.accessKeyId = "LTAIpersist"
            $0.accessKeySecret = "secret"
        }
        defer { Task { try? await second.sandbox.shutdown() } }
        #expect(try second.v1("GetVideoInfo", ["VideoId": upload.videoId]).status == 200)
    }
}
