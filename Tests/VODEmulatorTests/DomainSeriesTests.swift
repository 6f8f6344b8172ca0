import Foundation
import Testing
import VODEmulator

/// The CDN series agree with each other and with the fetches that made them.
@Suite(.timeLimit(.minutes(2)))
struct DomainSeriesTests {
    private func points(_ result: CurlResult, _ wrapper: String, _ item: String) -> [[String: Any]] {
        (result.json[wrapper] as? [String: Any])?[item] as? [[String: Any]] ?? []
    }

    @Test func seriesCountTheFetchesOfSignedURLs() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        _ = try harness.oss("PUT", upload: upload, body: randomData(1000))
        harness.clock.advance(seconds: 30)
        let play = try harness.v3("GetPlayInfo", ["VideoId": upload.videoId])
        let list = try #require((play.json["PlayInfoList"] as? [String: Any])?["PlayInfo"] as? [[String: Any]])
        let url = try #require(list.first?["PlayURL"] as? String)
        for _ in 0..<3 { #expect(try harness.curl(method: "GET", url: url).body.count == 1000) }
        harness.clock.advance(seconds: 1)
        let window = ["DomainName": "a.example.com"]

        let traffic = try harness.v3("DescribeVodDomainTrafficData", window)
        let source = try harness.v3("DescribeVodDomainSrcTrafficData", window)
        #expect(traffic.json["TotalTraffic"] as? String == "3000")
        #expect(source.json["TotalTraffic"] as? String == "3000")
        #expect(source.json["DomainName"] as? String == "a.example.com")

        let qps = points(try harness.v3("DescribeVodDomainQpsData", window), "QpsDataInterval", "DataModule")
        #expect(qps.compactMap { Int($0["AccValue"] as? String ?? "") }.reduce(0, +) == 3)
        let layer = points(try harness.v3("DescribeVodDomainBpsDataByLayer", window), "BpsDataInterval", "DataModule")
        #expect(layer.compactMap { $0["TrafficValue"] as? Int }.reduce(0, +) == 3000)
        let realTime = points(try harness.v3("DescribeVodDomainRealTimeQpsData", window), "Data", "QpsModel")
        #expect(realTime.compactMap { $0["Qps"] as? Double }.reduce(0, +) * 60 == 3)
        let codes = points(
            try harness.v3("DescribeVodDomainRealTimeHttpCodeData", window), "RealTimeHttpCodeData", "UsageData")
        let counted = codes.flatMap {
            ($0["Value"] as? [String: Any])?["RealTimeCodeProportionData"] as? [[String: Any]] ?? []
        }
        #expect(counted.map { $0["Count"] as? String } == ["3"])
        // Over a day, one busy 5-minute point is above the 95th percentile; over ten minutes it is the peak.
        let day = try harness.v3("DescribeVodDomainMax95BpsData", window)
        #expect(day.json["Max95Bps"] as? String == "0")
        let format = ISO8601DateFormatter()
        let short = try harness.v3(
            "DescribeVodDomainMax95BpsData",
            [
                "DomainName": "a.example.com", "StartTime": format.string(from: harness.clock.now - 300),
                "EndTime": format.string(from: harness.clock.now + 300),
            ])
        #expect(short.json["Max95Bps"] as? String == "80")

        let backwards = try harness.v3(
            "DescribeVodDomainQpsData",
            ["DomainName": "a.example.com", "StartTime": "2026-01-02T00:00:00Z", "EndTime": "2026-01-01T00:00:00Z"])
        #expect(backwards.code == "InvalidParameter")
    }
}
