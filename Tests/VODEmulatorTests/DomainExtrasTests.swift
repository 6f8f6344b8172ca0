import Foundation
import Testing
import VODEmulator

/// Certificates, preloads and crossdomain.xml: each write shows in its read.
@Suite(.timeLimit(.minutes(2)))
struct DomainExtrasTests {
    @Test func certificateLifecyclePreloadAndCrossdomain() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let sources = "[{\"content\":\"origin.example.com\",\"type\":\"domain\",\"priority\":\"20\",\"port\":80}]"
        #expect(try harness.v3("AddVodDomain", ["DomainName": "v.example.com", "Sources": sources]).status == 200)
        let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"
        let key = "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----"
        let notPem = try harness.v3(
            "SetVodDomainCertificate",
            ["DomainName": "v.example.com", "SSLProtocol": "on", "SSLPub": "hello", "SSLPri": key])
        #expect(notPem.code == "InvalidParameter")
        let set = try harness.v3(
            "SetVodDomainCertificate",
            ["DomainName": "v.example.com", "SSLProtocol": "on", "SSLPub": pem, "SSLPri": key, "CertName": "mine"])
        #expect(set.status == 200)
        let info = try harness.v3("DescribeVodDomainCertificateInfo", ["DomainName": "v.example.com"])
        let cert = ((info.json["CertInfos"] as? [String: Any])?["CertInfo"] as? [[String: Any]])?.first
        #expect(cert?["CertName"] as? String == "mine")
        #expect(cert?["ServerCertificate"] as? String == pem)
        #expect(info.text.contains("PRIVATE KEY") == false)
        _ = try harness.v3("SetVodDomainCertificate", ["DomainName": "v.example.com", "SSLProtocol": "off"])
        let list = try harness.v3("DescribeVodSSLCertificateList", ["DomainName": "v.example.com"])
        #expect((list.json["CertificateListModel"] as? [String: Any])?["Count"] as? Int == 0)

        let preload = try harness.v3("PreloadVodObjectCaches", ["ObjectPath": "http://v.example.com/a.mp4"])
        let taskId = try #require(preload.json["PreloadTaskId"] as? String)
        let tasks = try harness.v3("DescribeVodRefreshTasks", ["TaskId": taskId])
        let task = ((tasks.json["Tasks"] as? [String: Any])?["Task"] as? [[String: Any]])?.first
        #expect(task?["ObjectType"] as? String == "preload")
        let quota = try harness.v3("DescribeVodRefreshQuota")
        #expect(quota.json["PreloadRemain"] as? String == "499")

        let policy =
            "<?xml version=\"1.0\"?><cross-domain-policy><allow-access-from domain=\"*\"/></cross-domain-policy>"
        let crossdomain = try harness.v3(
            "SetCrossdomainContent", ["StorageLocation": harness.sandbox.bucket, "Content": policy])
        #expect(crossdomain.status == 200)
        let url = try #require(harness.sandbox.signedObjectURL(key: "crossdomain.xml"))
        #expect(try harness.curl(method: "GET", url: url).text == policy)
    }
}
