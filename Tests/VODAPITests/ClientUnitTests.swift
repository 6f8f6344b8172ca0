import CurlHTTP
import Foundation
import Testing
import VODAPI
import VODCredentials
import VODSigning

@Suite struct EndpointTests {
    @Test(arguments: [
        ("cn-shanghai", "vod.cn-shanghai.aliyuncs.com"), ("cn-hangzhou", "vod.cn-shanghai.aliyuncs.com"),
        ("ap-southeast-1", "vod.ap-southeast-1.aliyuncs.com"), ("eu-central-1", "vod.eu-central-1.aliyuncs.com"),
        ("cn-chengdu", "vod.aliyuncs.com"), ("us-east-1", "vod.aliyuncs.com"),
        ("ap-south-1", "vod.ap-south-1.aliyuncs.com"), ("xx-new-9", "vod.xx-new-9.aliyuncs.com"),
    ])
    func hostForRegion(_ region: String, _ host: String) {
        #expect(VODEndpoint.host(forRegion: region) == host)
    }

    @Test func overrideWins() {
        #expect(VODEndpoint.baseURL(region: "cn-beijing", override: nil) == "https://vod.cn-beijing.aliyuncs.com")
        #expect(
            VODEndpoint.baseURL(region: "cn-beijing", override: "http://127.0.0.1:8080/") == "http://127.0.0.1:8080")
        #expect(VODEndpoint.baseURL(region: "cn-beijing", override: "vod.example.com") == "https://vod.example.com")
    }
}

@Suite struct ClientUnitTests {
    static let sts = Credential(
        accessKeyId: "STS.NUabcdefgh1234", accessKeySecret: "Zsecret-value-XYZ", securityToken: "CAIS+tok/en=ZZTOKEN99")

    func client(_ transport: ScriptedTransport, version: SignatureVersion = .v1) -> VODClient {
        VODClient(
            configuration: .init(signatureVersion: version, backoffBase: .milliseconds(1)),
            credentials: StaticCredentialProvider(Self.sts), transport: transport)
    }

    func failure(_ client: VODClient, idempotent: Bool = true) async -> VODAPIError? {
        do {
            _ = try await client.call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: ["VideoId": "v"], idempotent: idempotent)
            return nil
        } catch { return error }
    }

    @Test func previewHidesCredentialsAndShowsTheCLILine() {
        let transport = ScriptedTransport([ScriptedTransport.json(200, [:])])
        for version in SignatureVersion.allCases {
            let preview = client(transport, version: version).preview(
                action: "UpdateVideoInfo", httpMethod: "POST", parameters: ["VideoId": "v1", "Title": "a b's"])
            let all = preview.url + preview.headers.map { "\($0.name): \($0.value)" }.joined() + preview.cliCommand
            #expect(!all.contains("STS.NU"))
            #expect(!all.contains("ZZTOKEN99"))
            #expect(all.contains("<AccessKeyId>"))
            #expect(all.contains("Signature=<redacted>"))
            #expect(
                preview.cliCommand == "aliyun vod UpdateVideoInfo --Title 'a b'\\''s' --VideoId v1 --region cn-shanghai"
            )
            #expect(preview.method == "POST")
        }
        #expect(transport.requests.isEmpty)
    }

    @Test func credentialFailuresPassThroughWithTheirCode() async {
        let chain = DefaultCredentialChain(
            profile: nil, environment: ["ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"], homeDirectory: "/nonexistent",
            transport: ScriptedTransport([ScriptedTransport.json(200, [:])]))
        let client = VODClient(
            configuration: .init(), credentials: chain, transport: ScriptedTransport([ScriptedTransport.json(200, [:])])
        )
        let error = await failure(client)
        #expect(error?.code == "Credentials.Missing")
        #expect(error?.description.contains("/nonexistent/.aliyun/config.json") == true)
    }

    @Test func throttlingHonoursRetryAfter() async {
        let transport = ScriptedTransport([
            ScriptedTransport.json(
                400, ["Code": "Throttling.User", "Message": "slow down"], headers: ["x-acs-retry-after": "150"]),
            ScriptedTransport.json(200, ["RequestId": "ok"]),
        ])
        let start = ContinuousClock.now
        let error = await failure(client(transport), idempotent: false)
        #expect(error == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        #expect(transport.requests.count == 2)
    }

    @Test func nonJSONSuccessIsMalformed() async {
        let transport = ScriptedTransport([
            .success(HTTPResponse(status: 200, headers: [:], body: Array("<html>".utf8)))
        ])
        #expect(await failure(client(transport))?.code == "Response.Malformed")
    }

    /// Distinctive secrets pushed through every error path never show up in any text.
    @Test func secretsNeverAppearInAnyErrorPath() async throws {
        let token = try #require(Self.sts.securityToken)
        let secret = Self.sts.accessKeySecret
        let encodedToken = PercentEncoding.encode(token)
        let twice = PercentEncoding.encode(encodedToken)
        let leakyMessage =
            "server string to sign is:POST&%2F&AccessKeyId%3DSTS.NUabcdefgh1234%26SecurityToken%3D\(twice)%26VideoId%3Dv "
            + "token \(token) secret \(secret) url ?SecurityToken=\(encodedToken)&Signature=abc%2Bdef%3D "
            + "header x-acs-security-token: \(token) Authorization: ACS3-HMAC-SHA256 Credential=x,Signature=deadbeef"
        let bodies: [Result<HTTPResponse, CurlError>] = [
            ScriptedTransport.json(
                400,
                ["Code": "SignatureDoesNotMatch", "Message": leakyMessage, "Recommend": "https://x?q=\(encodedToken)"]),
            ScriptedTransport.json(403, ["Code": "Forbidden.RAM", "Message": leakyMessage, "HostId": token]),
            .success(
                HTTPResponse(
                    status: 500, headers: [:],
                    body: Array("<Error><Code>InternalError</Code><Message>\(leakyMessage)</Message></Error>".utf8))),
            .success(HTTPResponse(status: 502, headers: [:], body: Array(leakyMessage.utf8))),
            .failure(.reset(reason: leakyMessage, mayHaveReachedServer: true)),
            .failure(.timeout(reason: leakyMessage, mayHaveReachedServer: false)),
            .failure(.other(curlCode: 99, reason: leakyMessage, mayHaveReachedServer: true)),
        ]
        for body in bodies {
            for version in SignatureVersion.allCases {
                let error = try #require(
                    await failure(client(ScriptedTransport([body]), version: version), idempotent: false))
                let texts = [
                    error.description, error.message, error.recommend ?? "", error.hostId ?? "",
                    error.signatureDiff ?? "",
                    String(reflecting: error),
                ]
                for text in texts {
                    for leak in [token, encodedToken, twice, secret, "abc%2Bdef", "deadbeef"] {
                        #expect(!text.contains(leak), "\(error.code) leaked \(leak)")
                    }
                }
            }
        }
    }

    @Test func signatureDiffForV1IsComputedFromOurOwnStringToSign() async throws {
        // The server reports a string to sign whose Timestamp differs from ours.
        let transport = ScriptedTransport([
            ScriptedTransport.json(
                400,
                [
                    "Code": "SignatureDoesNotMatch",
                    "Message":
                        "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&VideoId%3Dv",
                ])
        ])
        let error = try #require(await failure(client(transport)))
        let diff = try #require(error.signatureDiff)
        #expect(diff.contains("HTTP method: server GET, ours POST"))
        #expect(diff.contains("only we signed"))
        #expect(diff.contains("SecurityToken"))
        #expect(!diff.contains("ZZTOKEN99"))
    }
}
