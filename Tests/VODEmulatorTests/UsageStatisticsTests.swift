import Foundation
import Testing
import VODEmulator

/// Daily usage statistics follow what happened in the sandbox.
@Suite(.timeLimit(.minutes(2)))
struct UsageStatisticsTests {
    @Test func playsStorageClassesAndRestoresShowUp() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        _ = try harness.oss("PUT", upload: upload, body: randomData(500))
        harness.clock.advance(seconds: 30)
        let play = try harness.v3("GetPlayInfo", ["VideoId": upload.videoId])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let url = try #require(list.first?["PlayURL"] as? String)
        for _ in 0..<2 { _ = try harness.curl(method: "GET", url: url) }
        let day = ["StartTime": "2026-01-01T00:00:00Z", "EndTime": "2026-01-01T23:59:59Z"]

        let total = try harness.v3("DescribePlayUserTotal", day)
        let days = (total.json["UserPlayStatisTotals"] as? [String: Any])?["UserPlayStatisTotal"] as? [[String: Any]]
        #expect(days?.count == 1)
        #expect((days?.first?["VV"] as? [String: Any])?["HTML5"] as? String == "2")
        #expect((days?.first?["UV"] as? [String: Any])?["HTML5"] as? String == "1")
        let media = try harness.v3("DescribeVodMediaPlayData", ["PageNo": "1", "PageSize": "10"])
        let row = (media.json["QoeInfoList"] as? [[String: Any]])?.first
        #expect(row?["MediaId"] as? String == upload.videoId)
        #expect(row?["PlaySuccessVv"] as? Double == 2)

        _ = try harness.v3("UpdateMediaStorageClass", ["MediaIds": upload.videoId, "StorageClass": "Archive"])
        let tiers = try harness.v3("DescribeVodTieringStorageData", day)
        let archive = (tiers.json["StorageData"] as? [[String: Any]])?.first {
            $0["StorageClass"] as? String == "Archive"
        }
        #expect(archive?["StorageUtilization"] as? Int == 500)
        let restore = try harness.v3("RestoreMedia", ["MediaIds": upload.videoId, "RestoreDays": "2"])
        #expect(restore.json["Success"] as? Bool == true)
        let retrieved = try harness.v3("DescribeVodTieringStorageRetrievalData", day)
        #expect((retrieved.json["RetrievalData"] as? [[String: Any]])?.first?["RetrievalData"] as? Int == 500)
        let distribution = try harness.v3("DescribeMediaDistribution", day.merging(["Interval": "day"]) { $1 })
        #expect(distribution.json["Total"] as? Int == 1)
    }
}
