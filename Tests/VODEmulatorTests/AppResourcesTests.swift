import Foundation
import Testing
import VODEmulator

/// Media move between applications, and applications between resource groups.
@Suite(.timeLimit(.minutes(2)))
struct AppResourcesTests {
    @Test func moveAndRegroupShowInTheReads() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let app = try harness.v3("CreateAppInfo", ["AppName": "second"])
        let appId = try #require(app.json["AppId"] as? String)
        let upload = try #require(try harness.createUpload())
        let moved = try harness.v3(
            "MoveAppResource",
            ["TargetAppId": appId, "ResourceType": "video", "ResourceIds": upload.videoId + ",nosuchvideo"])
        #expect(moved.json["NonExistResourceIds"] as? [String] == ["nosuchvideo"])
        let info = try harness.v3("GetVideoInfo", ["VideoId": upload.videoId])
        #expect((info.json["Video"] as? [String: Any])?["AppId"] as? String == appId)
        let noApp = try harness.v3(
            "MoveAppResource", ["TargetAppId": "app-nope", "ResourceType": "video", "ResourceIds": upload.videoId])
        #expect(noApp.code == "AppNotExist")

        let regroup = try harness.v3(
            "ChangeResourceGroup",
            ["ResourceId": appId, "ResourceGroupId": "rg-acfmtest", "ResourceRegionId": harness.sandbox.region])
        #expect(regroup.status == 200)
        let apps = try harness.v3("GetAppInfos", ["AppIds": appId])
        #expect((apps.json["AppInfoList"] as? [[String: Any]])?.first?["ResourceGroupId"] as? String == "rg-acfmtest")
        let badGroup = try harness.v3(
            "ChangeResourceGroup",
            ["ResourceId": appId, "ResourceGroupId": "group", "ResourceRegionId": harness.sandbox.region])
        #expect(badGroup.code == "InvalidParameter")
    }
}
