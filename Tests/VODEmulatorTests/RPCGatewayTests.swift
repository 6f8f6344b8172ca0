import Foundation
import Testing
import VODEmulator
import VODSigning

@Suite(.timeLimit(.minutes(2)))
struct RPCGatewayTests {
    @Test func v1AndV3CallsAreAccepted() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let created = try harness.v1("CreateUploadVideo", ["Title": "视频 one", "FileName": "a b.mp4"])
        #expect(created.status == 200)
        let videoId = try #require(created.json["VideoId"] as? String)
        #expect(created.json["RequestId"] as? String == created.headers["x-acs-request-id"])
        let info = try harness.v3("GetVideoInfo", ["VideoId": videoId])
        #expect(info.status == 200)
        let video = try #require(info.json["Video"] as? [String: Any])
        #expect(video["Title"] as? String == "视频 one")
        #expect(video["Status"] as? String == "Uploading")
    }

    @Test func wrongSecretGetsTheServerStringToSign() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let parameters = harness.v1Parameters("GetVideoInfo", ["VideoId": "abc"], secret: "wrong")
        let result = try harness.send(parameters: parameters)
        #expect(result.status == 400)
        #expect(result.code == "SignatureDoesNotMatch")
        var signed = parameters
        signed["Signature"] = nil
        let expected = RPCSignatureV1.stringToSign(method: "POST", parameters: signed)
        #expect((result.json["Message"] as? String)?.hasSuffix("server string to sign is:" + expected) == true)
        #expect(result.json["HostId"] as? String == harness.host)
        #expect((result.json["Recommend"] as? String)?.contains("SignatureDoesNotMatch") == true)

        let v3 = try harness.v3("GetVideoInfo", ["VideoId": "abc"], secret: "wrong")
        #expect(v3.code == "SignatureDoesNotMatch")
        #expect((v3.json["Message"] as? String)?.contains("ACS3-HMAC-SHA256\n") == true)
    }

    @Test func unknownAccessKeyIsNotFound() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let v1 = try harness.v1("GetVideoInfo", ["VideoId": "x"], accessKeyId: "LTAInobody")
        #expect(v1.status == 404)
        #expect(v1.code == "InvalidAccessKeyId.NotFound")
        let v3 = try harness.v3("GetVideoInfo", ["VideoId": "x"], accessKeyId: "LTAInobody")
        #expect(v3.code == "InvalidAccessKeyId.NotFound")
    }

    @Test func clockSkewOverFifteenMinutesIsRejected() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let late = try harness.v1("GetVideoList", [:], timestamp: harness.clock.now.addingTimeInterval(-901))
        #expect(late.status == 400)
        #expect(late.code == "InvalidTimeStamp.Expired")
        let edge = try harness.v1("GetVideoList", [:], timestamp: harness.clock.now.addingTimeInterval(899))
        #expect(edge.status == 200)
    }

    @Test func replayedNonceIsRejected() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let parameters = harness.v1Parameters("GetVideoList", [:], nonce: "fixed-nonce")
        #expect(try harness.send(parameters: parameters).status == 200)
        let replay = try harness.send(parameters: parameters)
        #expect(replay.status == 400)
        #expect(replay.code == "SignatureNonceUsed")
    }

    @Test func missingAndInvalidParameters() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let missing = try harness.v1("CreateUploadVideo", ["FileName": "a.mp4"])
        #expect(missing.status == 400)
        #expect(missing.code == "MissingParameter")
        #expect((missing.json["Message"] as? String)?.contains("\"Title\"") == true)
        let badPage = try harness.v1("GetVideoList", ["PageSize": "many"])
        #expect(badPage.code == "InvalidParameter")
        let noSignature = try harness.curl(
            method: "POST", url: harness.endpoint.absoluteString + "/?Action=GetVideoList")
        #expect(noSignature.code == "MissingParameter")
        let badEncoding = try harness.curl(method: "POST", url: harness.endpoint.absoluteString + "/?Action=%zz")
        #expect(badEncoding.status == 400)
        #expect(badEncoding.code == "InvalidParameter")
    }

    /// Every catalog operation has a handler (issue 14's bar): `Sandbox.Unsupported` remains only as the answer for an
    /// operation a future catalog adds before the sandbox learns it.
    @Test func everyCatalogOperationHasAHandler() {
        let missing = SandboxCoverage.entries().filter { $0.level == .unsupported }.map(\.action)
        #expect(missing.isEmpty, "no handler: \(missing)")
    }

    @Test func unknownOperation() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let unknown = try harness.v1("MakeCoffee", [:])
        #expect(unknown.status == 404)
        #expect(unknown.code == "InvalidAction.NotFound")
    }

    @Test func stsCredentialsAreCheckedForRPC() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let sts = harness.sandbox.issueSTSCredential(ttl: .seconds(60))
        let ok = try harness.v3(
            "GetVideoList", [:], secret: sts.accessKeySecret, token: sts.securityToken, accessKeyId: sts.accessKeyId)
        #expect(ok.status == 200)
        let wrongToken = try harness.v3(
            "GetVideoList", [:], secret: sts.accessKeySecret, token: "CAISnope", accessKeyId: sts.accessKeyId)
        #expect(wrongToken.code == "InvalidSecurityToken.MismatchWithAccessKey")
        harness.clock.advance(seconds: 61)
        let expired = try harness.v3(
            "GetVideoList", [:], secret: sts.accessKeySecret, token: sts.securityToken, accessKeyId: sts.accessKeyId)
        #expect(expired.code == "InvalidSecurityToken.Expired")
    }

    @Test func hostileRequestsGetShapedErrorsAndTheServerSurvives() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let headerFile = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString)")
        try Data(("X-Big: " + String(repeating: "x", count: 200_000) + "\n").utf8).write(to: headerFile)
        defer { try? FileManager.default.removeItem(at: headerFile) }
        let bigHeader = try harness.curl(
            method: "POST", url: harness.endpoint.absoluteString + "/", extra: ["-H", "@" + headerFile.path])
        #expect(bigHeader.status == 400 || bigHeader.exitCode != 0)
        let garbageBody = try harness.curl(
            method: "POST", url: harness.endpoint.absoluteString + "/",
            headers: ["Content-Type": "application/x-www-form-urlencoded"], extra: ["--data-binary", "%%%&&=="])
        #expect(garbageBody.status == 400)
        #expect(garbageBody.code == "InvalidParameter")
        let badPath = try harness.curl(method: "PUT", url: harness.endpoint.absoluteString + "/bucket/%zz")
        #expect(badPath.status == 400)
        #expect(badPath.xml("Code") == "InvalidObjectName")
        #expect(try harness.v1("GetVideoList").status == 200)
    }
}
