import Foundation
import Testing
import VODEmulator
import VODSigning

@Suite(.timeLimit(.minutes(2)))
struct FaultInjectionTests {
    @Test func throttlingHitsOnlyTheChosenOperationAndCount() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        harness.sandbox.inject(SandboxFault(.throttling, operations: ["GetVideoList"], count: 2))
        #expect(try harness.v1("GetCategories").status == 200)
        #expect(try harness.v1("GetVideoList").code == "Throttling.User")
        #expect(try harness.v3("GetVideoList").code == "Throttling.User")
        #expect(try harness.v1("GetVideoList").status == 200)
    }

    @Test func serverErrorsDropsAndTruncation() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        harness.sandbox.inject(SandboxFault(.serverError, operations: ["GetVideoList"]))
        let failed = try harness.v1("GetVideoList")
        #expect(failed.status == 500)
        #expect(failed.code == "InternalError")
        harness.sandbox.inject(SandboxFault(.dropConnection, operations: ["GetVideoList"]))
        let dropped = try harness.v1("GetVideoList")
        #expect(dropped.exitCode != 0)
        #expect(dropped.status == 0)
        harness.sandbox.inject(SandboxFault(.truncatedBody, operations: ["GetVideoList"]))
        let truncated = try harness.v1("GetVideoList")
        #expect(truncated.exitCode == 18)  // curl: partial file
        harness.sandbox.inject(SandboxFault(.latency, operations: ["GetVideoList"], latencyMilliseconds: 300))
        let started = Date()
        #expect(try harness.v1("GetVideoList").status == 200)
        #expect(Date().timeIntervalSince(started) >= 0.3)
    }

    @Test func ossFaults() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        harness.sandbox.inject(SandboxFault(.expiredToken, operations: ["PutObject"]))
        #expect(try harness.oss("PUT", upload: upload, body: Data("x".utf8)).xml("Code") == "SecurityTokenExpired")
        harness.sandbox.inject(SandboxFault(.throttling, operations: ["PutObject"]))
        let slow = try harness.oss("PUT", upload: upload, body: Data("x".utf8))
        #expect(slow.status == 503)
        #expect(try harness.oss("PUT", upload: upload, body: Data("x".utf8)).status == 200)
    }

    @Test func corruptPartBreaksTheCombinedCRC() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let uploadId = try #require(try harness.oss("POST", upload: upload, query: ["uploads": ""]).xml("UploadId"))
        harness.sandbox.inject(SandboxFault(.corruptPart, operations: ["UploadPart"]))
        let body = randomData(1000)
        let part = try harness.oss("PUT", upload: upload, query: ["partNumber": "1", "uploadId": uploadId], body: body)
        #expect(part.headers["x-oss-hash-crc64ecma"] == String(crc64(body)))  // the part looked fine on arrival
        let etag = try #require(part.headers["etag"])
        let xml =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\(etag)</ETag></Part></CompleteMultipartUpload>"
        let complete = try harness.oss("POST", upload: upload, query: ["uploadId": uploadId], body: Data(xml.utf8))
        #expect(complete.status == 200)
        #expect(complete.headers["x-oss-hash-crc64ecma"] != String(crc64(body)))
    }

    @Test func adminEndpointNeedsTheTokenAndControlsFaults() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let base = harness.endpoint.absoluteString
        let denied = try harness.curl(method: "GET", url: base + "/_sandbox/state")
        #expect(denied.status == 403)
        #expect(denied.code == "Sandbox.AdminDenied")
        let auth = ["Authorization": "Bearer \(harness.sandbox.adminToken)"]
        let fault = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString).json")
        try Data("{\"kind\":\"serverError\",\"operations\":[\"GetCategories\"]}".utf8).write(to: fault)
        defer { try? FileManager.default.removeItem(at: fault) }
        let added = try harness.curl(method: "POST", url: base + "/_sandbox/faults", headers: auth, bodyFile: fault)
        #expect(added.status == 200)
        #expect((added.json["Faults"] as? [Any])?.count == 1)
        #expect(try harness.v1("GetCategories").status == 500)
        _ = try harness.createUpload()
        let state = try harness.curl(
            method: "GET", url: base + "/_sandbox/state",
            headers: ["Authorization": "Bearer \(harness.sandbox.accessKeySecret)"])
        #expect((state.json["Counts"] as? [String: Any])?["Videos"] as? Int == 1)
        #expect((state.json["Faults"] as? [Any])?.isEmpty == true)
    }
}
