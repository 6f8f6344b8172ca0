import CurlHTTP
import Foundation
import Testing
import VODAPI
import VODCredentials

/// Operations Alibaba Cloud serves from one region only go to that region's endpoint, whatever `--region` says.
@Suite struct RegionRoutingTests {
    static let credential = Credential(accessKeyId: "LTAIroutingtest", accessKeySecret: "routing-secret")

    func client(region: String, endpoint: String? = nil, transport: ScriptedTransport) -> VODClient {
        VODClient(
            configuration: .init(region: region, endpoint: endpoint, backoffBase: .milliseconds(1)),
            credentials: StaticCredentialProvider(Self.credential), transport: transport)
    }

    @Test(arguments: [
        "AddVodDomain", "BatchSetVodDomainConfigs", "BatchStartVodDomain", "DescribeVodStorageData",
        "DescribeVodTieringStorageData", "DescribeVodTieringStorageRetrievalData",
    ])
    func shanghaiOnlyOperationsLeaveSingapore(_ action: String) async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, ["RequestId": "r"])])
        let vod = client(region: "ap-southeast-1", transport: transport)
        let route = vod.routing(for: action)
        #expect(route.region == "cn-shanghai")
        #expect(route.note?.contains("ap-southeast-1") == true)
        #expect(route.note?.contains("vod.cn-shanghai.aliyuncs.com") == true)
        _ = try await vod.call(action: action, httpMethod: "POST", parameters: [:], idempotent: true)
        let sent = try #require(transport.requests.first)
        #expect(sent.url.hasPrefix("https://vod.cn-shanghai.aliyuncs.com/?"))
        let preview = vod.preview(action: action, httpMethod: "POST", parameters: [:])
        #expect(preview.url.hasPrefix("https://vod.cn-shanghai.aliyuncs.com/?"))
        #expect(preview.cliCommand.hasSuffix("--region cn-shanghai"))
    }

    @Test func otherOperationsStayInTheConfiguredRegion() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, ["RequestId": "r"])])
        let vod = client(region: "ap-southeast-1", transport: transport)
        #expect(vod.routing(for: "GetVideoInfo").region == "ap-southeast-1")
        #expect(vod.routing(for: "GetVideoInfo").note == nil)
        _ = try await vod.call(
            action: "GetVideoInfo", httpMethod: "POST", parameters: ["VideoId": "v"], idempotent: true)
        #expect(transport.requests.first?.url.hasPrefix("https://vod.ap-southeast-1.aliyuncs.com/?") == true)
    }

    @Test func shanghaiAndItsAliasNeedNoNote() {
        for region in ["cn-shanghai", "cn-hangzhou"] {
            let route = RegionRouting.route(action: "AddVodDomain", configuredRegion: region, endpointOverride: nil)
            #expect(route.note == nil)
            #expect(route.region == region)
        }
    }

    @Test func anExplicitEndpointIsNeverOverridden() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, ["RequestId": "r"])])
        let vod = client(region: "ap-southeast-1", endpoint: "http://127.0.0.1:9", transport: transport)
        #expect(vod.routing(for: "AddVodDomain").note == nil)
        _ = try await vod.call(action: "AddVodDomain", httpMethod: "POST", parameters: [:], idempotent: false)
        #expect(transport.requests.first?.url.hasPrefix("http://127.0.0.1:9/?") == true)
    }

    @Test func mumbaiIsMarkedDeactivated() {
        #expect(RegionRouting.isDeactivated("ap-south-1"))
        #expect(!RegionRouting.isDeactivated("ap-southeast-1"))
        #expect(RegionRouting.pinnedRegion(for: "DeleteVodDomain") == "cn-shanghai")
        #expect(RegionRouting.pinnedRegion(for: "GetPlayInfo") == nil)
    }
}
