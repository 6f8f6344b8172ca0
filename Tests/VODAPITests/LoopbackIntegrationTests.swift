import CurlHTTP
import Foundation
import Testing
import VODAPI
import VODCredentials
import VODSigning

/// VODClient over real loopback HTTP against `pop_server.py`, which checks every signature on its own.
@Suite(.serialized, .timeLimit(.minutes(1)))
final class LoopbackIntegrationTests {
    let server: PopServer
    let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/test"))
    static let key = Credential(accessKeyId: "testid", accessKeySecret: "testsecret")
    static let sts = Credential(
        accessKeyId: "STS.testid", accessKeySecret: "stssecret", securityToken: "STS.tok/en+abc=SECRETTOKEN")

    init() throws {
        server = try PopServer()
    }

    func client(
        _ version: SignatureVersion = .v1, credential: Credential = key, maxAttempts: Int = 4,
        deadline: Duration = .seconds(20), timeout: Duration = .seconds(10), endpoint: String? = nil
    ) -> VODClient {
        VODClient(
            configuration: .init(
                endpoint: endpoint ?? server.baseURL, signatureVersion: version, timeout: timeout,
                maxAttempts: maxAttempts, deadline: deadline, backoffBase: .milliseconds(20),
                maxBackoff: .milliseconds(100), userAgent: "vod-mcp/test"),
            credentials: StaticCredentialProvider(credential), transport: transport)
    }

    func entries(key: String) async throws -> [PopServer.Entry] {
        try await server.log(transport: transport).filter { $0.faultKey == key }
    }

    func expectError(
        _ body: () async throws(VODAPIError) -> VODResponse, sourceLocation: SourceLocation = #_sourceLocation
    ) async -> VODAPIError? {
        do {
            let response = try await body()
            Issue.record("expected an error, got HTTP \(response.httpStatus)", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func signedCallsSucceed(_ version: SignatureVersion) async throws {
        for credential in [Self.key, Self.sts] {
            let response = try await client(version, credential: credential).call(
                action: "GetVideoInfo", httpMethod: "POST",
                parameters: ["VideoId": "abc 123", "Title": "My video *1~ 视频/+="], idempotent: true)
            #expect(response.httpStatus == 200)
            #expect(response.attempts == 1)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            let params = try #require(json["Params"] as? [String: String])
            #expect(params["Title"] == "My video *1~ 视频/+=")
            #expect(response.requestId?.hasPrefix("req-") == true)
        }
        let get = try await client(version).call(
            action: "GetMediaRefreshJobs", httpMethod: "GET", parameters: ["MediaId": "m"], idempotent: true)
        #expect(get.httpStatus == 200)
        let log = try await server.log(transport: transport)
        #expect(log.allSatisfy { $0.version == version.rawValue })
        #expect(log.allSatisfy { $0.userAgent == "vod-mcp/test" })
    }

    @Test func connectionsAreReused() async throws {
        let client = client()
        for _ in 0..<10 {
            _ = try await client.call(action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        }
        let ports = Set(try await server.log(transport: transport).filter { $0.action == "GetVideoInfo" }.map(\.port))
        #expect(ports.count == 1)
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func throttlingIsRetriedWithFreshSignaturesEvenWhenNotIdempotent(_ version: SignatureVersion) async throws {
        let key = "throttle-\(version)"
        let response = try await client(version).call(
            action: "DeleteVideo", httpMethod: "POST",
            parameters: ["Fault": "throttle", "FaultKey": key, "FaultTimes": "2", "RetryAfter": "50"], idempotent: false
        )
        #expect(response.attempts == 3)
        let seen = try await entries(key: key)
        #expect(seen.count == 3)
        #expect(Set(seen.map(\.nonce)).count == 3)
    }

    @Test(arguments: ["500", "503", "503raw"])
    func serverErrorsAreRetriedOnlyWhenIdempotent(_ fault: String) async throws {
        let ok = try await client().call(
            action: "GetVideoInfo", httpMethod: "POST",
            parameters: ["Fault": fault, "FaultKey": "idem-\(fault)", "FaultTimes": "1"], idempotent: true)
        #expect(ok.attempts == 2)

        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client().call(
                action: "DeleteVideo", httpMethod: "POST",
                parameters: ["Fault": fault, "FaultKey": "write-\(fault)", "FaultTimes": "1"], idempotent: false)
        }
        #expect(error?.attempts == 1)
        #expect(error?.retryable == false)
        #expect(error?.httpStatus == (fault == "500" ? 500 : 503))
        #expect(error?.code == ["500": "InternalError", "503": "ServiceUnavailable", "503raw": "HTTP.503"][fault])
        #expect(try await entries(key: "write-\(fault)").count == 1)
    }

    @Test func persistentFailuresStopAtMaxAttempts() async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(maxAttempts: 3).call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: ["Fault": "500", "FaultKey": "always"],
                idempotent: true)
        }
        #expect(error?.attempts == 3)
        #expect(error?.retryable == true)
        #expect(try await entries(key: "always").count == 3)
    }

    @Test func resetIsRetriedOnlyWhenIdempotent() async throws {
        let ok = try await client().call(
            action: "GetVideoInfo", httpMethod: "POST",
            parameters: ["Fault": "reset", "FaultKey": "reset-r", "FaultTimes": "1"], idempotent: true)
        #expect(ok.attempts == 2)
        // A fresh transport, so the request goes out on a new connection (see the next test for reused ones).
        let fresh = VODClient(
            configuration: .init(endpoint: server.baseURL, backoffBase: .milliseconds(20)),
            credentials: StaticCredentialProvider(Self.key), transport: CurlTransport())
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await fresh.call(
                action: "DeleteVideo", httpMethod: "POST",
                parameters: ["Fault": "reset", "FaultKey": "reset-w", "FaultTimes": "1"], idempotent: false)
        }
        #expect(error?.code == "Network.Reset")
        #expect(error?.attempts == 1)
        #expect(error?.retryable == false)
        #expect(try await entries(key: "reset-w").count == 1)
    }

    @Test func droppedKeptAliveConnectionNeverResignsAWrite() async throws {
        let client = client()
        _ = try await client.call(action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        // libcurl resends once by itself when a reused connection dies before any response byte; the unchanged
        // nonce lets the server refuse the copy, and VODClient must not add a re-signed attempt on top.
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client.call(
                action: "DeleteVideo", httpMethod: "POST",
                parameters: ["Fault": "reset", "FaultKey": "reset-k", "FaultTimes": "1"], idempotent: false)
        }
        #expect(["Network.Reset", "SignatureNonceUsed"].contains(error?.code))
        #expect(error?.attempts == 1)
        #expect(error?.retryable == false)
        #expect(Set(try await entries(key: "reset-k").map(\.nonce)).count == 1)
        if error?.code == "SignatureNonceUsed" {
            #expect(error?.description.contains("may have been processed") == true)
        }
    }

    @Test func truncatedBodyIsReportedAndRetriedWhenIdempotent() async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client().call(
                action: "DeleteVideo", httpMethod: "POST",
                parameters: ["Fault": "truncate", "FaultKey": "trunc-w", "FaultTimes": "1"], idempotent: false)
        }
        #expect(error?.code == "Network.TruncatedBody")
        #expect(error?.attempts == 1)
        let ok = try await client().call(
            action: "GetVideoInfo", httpMethod: "POST",
            parameters: ["Fault": "truncate", "FaultKey": "trunc-r", "FaultTimes": "1"], idempotent: true)
        #expect(ok.attempts == 2)
    }

    @Test func connectFailuresAreRetriedEvenWhenNotIdempotent() async throws {
        // A port that was just free: nothing listens there.
        let closed = try PopServer()
        let url = closed.baseURL
        try await closed.stop()
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(maxAttempts: 3, endpoint: url).call(
                action: "DeleteVideo", httpMethod: "POST", parameters: [:], idempotent: false)
        }
        #expect(error?.code == "Network.ConnectFailed")
        #expect(error?.attempts == 3)
        #expect(error?.retryable == true)
    }

    @Test func deadlineBoundsAHangingCall() async throws {
        let start = ContinuousClock.now
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(deadline: .milliseconds(800), timeout: .seconds(30)).call(
                action: "GetVideoInfo", httpMethod: "POST",
                parameters: ["Fault": "hang", "FaultKey": "hang-d", "FaultSeconds": "5"], idempotent: true)
        }
        let elapsed = ContinuousClock.now - start
        #expect(error?.code == "Network.Timeout")
        #expect(elapsed < .milliseconds(1500))
    }

    @Test func cancellationAbortsPromptly() async throws {
        let client = client()
        let task = Task {
            try await client.call(
                action: "GetVideoInfo", httpMethod: "POST",
                parameters: ["Fault": "hang", "FaultKey": "hang-c", "FaultSeconds": "10"], idempotent: true)
        }
        // Let the request reach the server before cancelling.
        var waited = 0
        while try await entries(key: "hang-c").isEmpty && waited < 200 {
            try await Task.sleep(for: .milliseconds(10))
            waited += 1
        }
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .milliseconds(200))
        #expect((try? result.get()) == nil)
        if case .failure(let error) = result {
            #expect((error as? VODAPIError)?.code == "Network.Cancelled")
        }
    }

    @Test func xmlErrorBodiesAreDecoded() async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(.v3).call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: ["Fault": "xml"], idempotent: true)
        }
        #expect(error?.code == "InvalidVideo.NotFound")
        #expect(error?.httpStatus == 404)
        #expect(error?.hostId == "pop.test")
        #expect(error?.requestId?.hasPrefix("req-") == true)
        #expect(error?.message == "The video does not exist & never did.")
        #expect(error?.retryable == false)
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func wrongSecretIsDiagnosed(_ version: SignatureVersion) async throws {
        let wrong = Credential(accessKeyId: "testid", accessKeySecret: "not-the-secret")
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(version, credential: wrong).call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: ["VideoId": "v"], idempotent: true)
        }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.attempts == 1)
        #expect(error?.signatureDiff?.contains("secret is wrong") == true)
    }

    @Test func canonicalDifferenceNamesTheParameter() async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(.v1, credential: Self.sts).call(
                action: "GetVideoInfo", httpMethod: "POST",
                parameters: ["VideoId": "v", "Fault": "sigmismatch", "FaultAlter": "VideoId"], idempotent: true)
        }
        #expect(error?.code == "SignatureDoesNotMatch")
        #expect(error?.signatureDiff == "VideoId differs: server \"v-server\", ours \"v\".")
        let text = error.map { "\($0)" } ?? ""
        #expect(!text.contains("SECRETTOKEN"))
        #expect(!text.contains("stssecret"))

        let v3 = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(.v3).call(
                action: "GetVideoInfo", httpMethod: "POST",
                parameters: ["VideoId": "v", "Fault": "sigmismatch", "FaultAlter": "VideoId"], idempotent: true)
        }
        #expect(v3?.signatureDiff?.contains("different canonical request") == true)
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func noSecretSurvivesAnEchoingServer(_ version: SignatureVersion) async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(version, credential: Self.sts).call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: ["Fault": "echo"], idempotent: true)
        }
        let e = try #require(error)
        #expect(e.code == "InvalidSecurityToken.Expired")
        let texts = [e.description, e.message, e.recommend ?? "", String(describing: e), String(reflecting: e)]
        for text in texts {
            for secret in ["SECRETTOKEN", "stssecret", "STS.tok"] {
                #expect(!text.contains(secret), "\(secret) leaked")
            }
            #expect(!text.contains("Signature=") || text.contains("Signature=<redacted>"))
        }
        #expect(e.message.contains("<redacted>"))
    }

    @Test func plainHTTPToARemoteHostIsRefused() async throws {
        let error = await expectError { () async throws(VODAPIError) -> VODResponse in
            try await client(endpoint: "http://vod.cn-shanghai.aliyuncs.com").call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        }
        #expect(error?.code == "Network.InsecureURL")
        #expect(error?.attempts == 1)
        #expect(error?.description.contains("loopback") == true)
    }

    @Test func credentialChainAssumesARoleThroughSTS() async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("vodmcp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".aliyun"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = """
            {"current": "role", "profiles": [{"name": "role", "mode": "RamRoleArn", "access_key_id": "testid",
            "access_key_secret": "testsecret", "ram_role_arn": "acs:ram::1:role/x", "ram_session_name": "s"}]}
            """
        try config.write(to: home.appendingPathComponent(".aliyun/config.json"), atomically: true, encoding: .utf8)
        let chain = DefaultCredentialChain(
            profile: nil,
            environment: ["VOD_MCP_STS_ENDPOINT": server.baseURL, "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"],
            homeDirectory: home.path, transport: transport, clock: .system)
        let client = VODClient(
            configuration: .init(endpoint: server.baseURL), credentials: chain, transport: transport)
        let first = try await client.call(action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        let second = try await client.call(
            action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        #expect(first.httpStatus == 200 && second.httpStatus == 200)
        let log = try await server.log(transport: transport)
        #expect(log.filter { $0.action == "AssumeRole" }.count == 1)
        let credential = try await chain.credential()
        #expect(credential.accessKeyId.hasPrefix("STS.assumed"))
        #expect(credential.securityToken != nil)
        #expect(await chain.resolvedSourceName() == "cli profile 'role'")
    }

    @Test func credentialChainReadsECSMetadata() async throws {
        let chain = DefaultCredentialChain(
            profile: nil, environment: ["VOD_MCP_ECS_METADATA_ENDPOINT": server.baseURL],
            homeDirectory: "/nonexistent", transport: transport, clock: .system)
        let response = try await VODClient(
            configuration: .init(endpoint: server.baseURL), credentials: chain, transport: transport
        ).call(action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        #expect(response.httpStatus == 200)
        #expect(try await chain.credential().accessKeyId == "STS.ecs")
    }
}
