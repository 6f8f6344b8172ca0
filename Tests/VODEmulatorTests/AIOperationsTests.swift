import Foundation
import Testing
import VODEmulator

/// The AI family on a hand-moved clock: jobs stay processing for one transcode delay (10 s here), then show results
/// derived from the media; thumbnails and fingerprints go when deleted; refusals carry the documented codes.
@Suite(.timeLimit(.minutes(2)))
struct AIOperationsTests {
    private static let auditConfig =
        "{\"AuditItem\":[\"porn\"],\"AuditRange\":[\"video\"],\"AuditContent\":[\"screen\"],\"AuditAutoBlock\":\"no\"}"

    private func uploadedVideo(_ harness: Harness, title: String, extra: [String: String] = [:]) throws -> String {
        let upload = try #require(try harness.createUpload(title: title, extra: extra))
        _ = try harness.oss("PUT", upload: upload, body: randomData(4096))
        harness.clock.advance(seconds: 30)
        return upload.videoId
    }

    private func aiTemplate(_ harness: Harness, type: String, config: String) throws -> String {
        let added = try harness.v3(
            "AddAITemplate", ["TemplateName": type.lowercased(), "TemplateType": type, "TemplateConfig": config])
        return try #require(added.json["TemplateId"] as? String, "\(added.text)")
    }

    private func aiJobs(_ result: CurlResult) -> [[String: Any]] {
        (result.json["AIJobList"] as? [String: Any])?["AIJob"] as? [[String: Any]] ?? []
    }

    @Test func taggingJobProcessesThenTagsTheVideosOwnWords() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let video = try uploadedVideo(harness, title: "mountain lake", extra: ["Tags": "hiking"])
        #expect(try harness.v3("SubmitAIJob", ["MediaId": video]).code == "MissingParameter")
        #expect(try harness.v3("SubmitAIJob", ["MediaId": video, "Types": "AIFaces"]).code == "InvalidParameter")
        let unknown = try harness.v3(
            "SubmitAIJob", ["MediaId": String(repeating: "0", count: 32), "Types": "AIVideoTag"])
        #expect(unknown.status == 404 && unknown.code == "InvalidVideo.NotFound")

        let submitted = aiJobs(try harness.v3("SubmitAIJob", ["MediaId": video, "Types": "AIVideoTag"]))
        let job = try #require(submitted.first?["JobId"] as? String)
        let missing = String(repeating: "f", count: 32)
        let running = try harness.v3("ListAIJob", ["JobIds": job + "," + missing])
        #expect(aiJobs(running).map { $0["Status"] as? String } == ["processing"])
        #expect((running.json["NonExistAIJobIds"] as? [String: Any])?["String"] as? [String] == [missing])
        let early = try harness.v3("GetAIVideoTagResult", ["MediaId": video])
        #expect(early.status == 404 && early.code == "NoSuchResource")
        #expect(early.json["Message"] as? String ?? "" != "")

        harness.clock.advance(seconds: 10)
        let done = aiJobs(try harness.v3("ListAIJob", ["JobIds": job]))
        #expect(done.first?["Status"] as? String == "success")
        let tags = try harness.v3("GetAIVideoTagResult", ["MediaId": video])
        let keywords = ((tags.json["VideoTagResult"] as? [String: Any])?["Keyword"] as? [[String: Any]])?.map {
            $0["Tag"] as? String
        }
        #expect(keywords == ["hiking", "mountain", "lake"])
        let data = try #require((done.first?["Data"] as? String)?.data(using: .utf8))
        let fromJob = (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["Keyword"] as? [[String: Any]]
        #expect(fromJob?.map { $0["Tag"] as? String } == keywords)
        let window = ["StartTime": "2026-01-01T00:00:00Z", "EndTime": "2026-01-02T00:00:00Z", "AIType": "AIVideoTag"]
        let usage = try harness.v3("DescribeVodAIData", window)
        let days = (usage.json["AIData"] as? [String: Any])?["AIDataItem"] as? [[String: Any]] ?? []
        let names = days.flatMap { ((($0["Data"] as? [String: Any])?["DataItem"]) as? [[String: Any]]) ?? [] }
        #expect(names.map { $0["Name"] as? String } == ["AIVideoTag"], "DescribeVodAIData counts the tagging job")
    }

    @Test func fingerprintsMatchIdenticalBytesUntilRemoved() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let bytes = randomData(4096)
        var videos: [String] = []
        for title in ["original", "copy", "other"] {
            let upload = try #require(try harness.createUpload(title: title))
            _ = try harness.oss("PUT", upload: upload, body: title == "other" ? randomData(4096) : bytes)
            videos.append(upload.videoId)
        }
        harness.clock.advance(seconds: 30)
        #expect(try harness.v3("SubmitMediaDNADeleteJob", ["MediaId": videos[0]]).code == "NoSuchResource")
        for video in videos { _ = try harness.v3("SubmitAIJob", ["MediaId": video, "Types": "AIMediaDNA"]) }
        harness.clock.advance(seconds: 10)
        func matches(_ video: String) throws -> [String] {
            let result = try harness.v3("GetMediaDNAResult", ["MediaId": video])
            let list = (result.json["DNAResult"] as? [String: Any])?["VideoDNA"] as? [[String: Any]] ?? []
            return list.compactMap { $0["PrimaryKey"] as? String }
        }
        #expect(try matches(videos[1]) == [videos[0]])
        #expect(try matches(videos[2]).isEmpty)
        let removed = try harness.v3("SubmitMediaDNADeleteJob", ["MediaId": videos[0]])
        #expect(removed.status == 200 && removed.json["JobId"] is String)
        #expect(try matches(videos[1]).isEmpty)
        #expect(try harness.v3("GetMediaDNAResult", ["MediaId": videos[0]]).code == "NoSuchResource")
    }

    @Test func smartThumbnailsAreServedUntilDeleted() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let video = try uploadedVideo(harness, title: "thumbs")
        let auditId = try aiTemplate(harness, type: "AIMediaAudit", config: Self.auditConfig)
        let imageId = try aiTemplate(harness, type: "AIImage", config: "{\"Format\":\"gif\"}")
        let wrong = try harness.v3("SubmitAIImageJob", ["VideoId": video, "AITemplateId": auditId])
        #expect(wrong.code == "InvalidParameter")
        let job = try #require(
            try harness.v3("SubmitAIImageJob", ["VideoId": video, "AITemplateId": imageId]).json["JobId"] as? String)
        func listed() throws -> [[String: Any]] {
            try harness.v3("ListAIImageInfo", ["VideoId": video]).json["AIImageInfoList"] as? [[String: Any]] ?? []
        }
        #expect(try listed().isEmpty)
        harness.clock.advance(seconds: 10)
        let jobs = try harness.v3("GetAIImageJobs", ["JobIds": job]).json["AIImageJobList"] as? [[String: Any]]
        #expect(jobs?.first?["Status"] as? String == "success")
        let images = try listed()
        #expect(images.count == 1 && images.first?["Format"] as? String == "gif")
        let url = try #require(images.first?["FileURL"] as? String)
        let served = try harness.curl(method: "GET", url: url)
        #expect(served.status == 200 && served.body.prefix(4) == Data("GIF8".utf8))
        let id = try #require(images.first?["AIImageInfoId"] as? String)
        #expect(try harness.v3("DeleteAIImageInfos", ["AIImageInfoIds": id]).status == 200)
        #expect(try listed().isEmpty)
        #expect(try harness.curl(method: "GET", url: url).status == 404)
    }

    @Test func traceMarkExtractionFindsTheTextPlaysCarried() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let video = try uploadedVideo(harness, title: "marked")
        func extract(_ kind: String) throws -> [String: Any]? {
            let job = try harness.v3("SubmitDigitalWatermarkExtractJob", ["MediaId": video, "ExtractType": kind])
            let id = try #require(job.json["JobId"] as? String)
            let before = try harness.v3(
                "GetDigitalWatermarkExtractResult", ["MediaId": video, "ExtractType": kind, "JobId": id])
            let first = (before.json["AiExtractResultList"] as? [[String: Any]])?.first
            #expect(first?["Status"] as? String == "Processing")
            harness.clock.advance(seconds: 10)
            let after = try harness.v3(
                "GetDigitalWatermarkExtractResult", ["MediaId": video, "ExtractType": kind, "JobId": id])
            return (after.json["AiExtractResultList"] as? [[String: Any]])?.first
        }
        let unmarked = try extract("TraceMark")
        #expect(unmarked?["Status"] as? String == "Failed" && unmarked?["ErrorMessage"] is String)
        let play = try harness.v3(
            "GetPlayInfo", ["VideoId": video, "DigitalWatermarkType": "TraceMark", "Trace": "viewer-42"])
        #expect(play.status == 200)
        let traced = try extract("TraceMark")
        #expect(traced?["Status"] as? String == "Success" && traced?["WaterMarkText"] as? String == "viewer-42")
        #expect(try extract("CopyrightMark")?["Status"] as? String == "Failed")
        let bad = try harness.v3("SubmitDigitalWatermarkExtractJob", ["MediaId": video, "ExtractType": "Logo"])
        #expect(bad.code == "InvalidParameter")
    }

    @Test func imageAuditIsAnAuditJobOfTheImage() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let video = try uploadedVideo(harness, title: "audited")
        let templateId = try aiTemplate(harness, type: "AIMediaAudit", config: Self.auditConfig)
        let notImage = try harness.v3("SubmitAIImageAuditJob", ["MediaId": video, "TemplateId": templateId])
        #expect(notImage.status == 404 && notImage.code == "InvalidImage.NotFound")
        let before = try harness.v3("GetMediaAuditAudioResultDetail", ["MediaId": video])
        #expect(before.code == "InvalidMedia.NoAuditResult")
        _ = try harness.v3("SubmitAIMediaAuditJob", ["MediaId": video, "TemplateId": templateId])
        let detail = try harness.v3("GetMediaAuditAudioResultDetail", ["MediaId": video, "PageNo": "1"])
        let body = detail.json["MediaAuditAudioResultDetail"] as? [String: Any]
        #expect(body?["Total"] as? Int == 0 && (body?["List"] as? [Any])?.isEmpty == true)
    }
}
