import Foundation
import Testing

@testable import VODUpload

@Suite struct PlanTests {
    @Test(arguments: [
        (Int64(5) << 30, Int64(10) << 20), (Int64(200) << 30, Int64(40) << 20), (Int64(5) << 20, Int64(10) << 20),
    ])
    func partSizeDoublesUntilTenThousandParts(size: Int64, expected: Int64) {
        #expect(PartPlan(fileSize: size).partSize == expected)
    }

    @Test func largestObjectFitsInTenThousandParts() {
        let plan = PartPlan(fileSize: PartPlan.maxObjectSize)
        #expect(plan.partCount <= 10_000)
        #expect(plan.range(of: plan.partCount).length > 0)
        #expect(PartPlan(fileSize: 1000, preferred: 10).partSize == PartPlan.minPartSize)
    }

    @Test func lastPartHoldsTheRemainder() {
        let plan = PartPlan(fileSize: 1_000_000, preferred: 300_000)
        #expect(plan.partCount == 4)
        #expect(plan.range(of: 4) == (900_000, 100_000))
    }

    @Test(arguments: [
        ("127.0.0.1", true), ("localhost", true), ("::1", true), ("oss-cn-shanghai.aliyuncs.com", false),
        ("10.0.0", false),
    ])
    func pathStyleOnlyForAddressesAndLocalhost(host: String, pathStyle: Bool) {
        #expect(OSSClient.usesPathStyle(host: host) == pathStyle)
    }

    @Test func kindFollowsTheExtension() {
        #expect(MediaKind.detect(fileExtension: "MP4") == .video)
        #expect(MediaKind.detect(fileExtension: "mp3") == .video)
        #expect(MediaKind.detect(fileExtension: "jpeg") == .image)
        #expect(MediaKind.detect(fileExtension: "srt") == .attached)
    }

    @Test func uploadAuthExpirationIsALifetimeInSeconds() throws {
        let json = #"{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"3000"}"#
        let now = Date(timeIntervalSince1970: 1_000_000)
        let auth = try #require(UploadAuth.decode(Data(json.utf8).base64EncodedString(), now: now))
        #expect(auth.expires == now.addingTimeInterval(3000))
        #expect(auth.refreshAt == now.addingTimeInterval(2400))
        #expect(!auth.description.contains("\"s\"") && !auth.description.contains("t,"))
    }
}
