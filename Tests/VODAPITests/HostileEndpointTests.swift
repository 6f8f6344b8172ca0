import CurlHTTP
import Foundation
import Testing
import VODAPI
import VODCredentials

/// VODClient against a loopback endpoint that misbehaves on purpose: echoes the caller's secrets back in success
/// and error answers, or sends bodies too large to hold.
@Suite(.serialized, .timeLimit(.minutes(2)))
final class HostileEndpointTests {
    let server: PopServer
    let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/test"))
    static let sts = Credential(
        accessKeyId: "STS.testid", accessKeySecret: "stssecret", securityToken: "STS.tok/en+abc=SECRETTOKEN")
    static let leaks = ["SECRETTOKEN", "stssecret", "STS.tok", "tok%2Fen", "tok\\/en"]

    init() throws { server = try PopServer() }

    func client(_ version: SignatureVersion, maxAttempts: Int = 4) -> VODClient {
        VODClient(
            configuration: .init(
                endpoint: server.baseURL, signatureVersion: version, timeout: .seconds(30), maxAttempts: maxAttempts,
                deadline: .seconds(60), backoffBase: .milliseconds(20), maxBackoff: .milliseconds(100)),
            credentials: StaticCredentialProvider(Self.sts), transport: transport)
    }

    func call(_ version: SignatureVersion, fault: String) async -> Result<VODResponse, VODAPIError> {
        do {
            return .success(
                try await client(version).call(
                    action: "GetVideoInfo", httpMethod: "POST", parameters: ["Fault": fault], idempotent: true))
        } catch {
            return .failure(error)
        }
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func successBodiesEchoingSecretsAreRedacted(_ version: SignatureVersion) async throws {
        let response = try await call(version, fault: "echook").get()
        let text = String(decoding: response.body, as: UTF8.self)
        for secret in Self.leaks {
            #expect(!text.contains(secret), "\(secret) leaked in the body")
            #expect(response.requestId?.contains(secret) != true, "\(secret) leaked in the RequestId")
        }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
        let echo = try #require(object["Echo"] as? [String: Any])
        // Our own signature came back and is masked; a signed URL the API legitimately returns is left intact.
        #expect(echo["Signature"] as? String == "<redacted>")
        #expect(echo["Token"] as? String == "<redacted>")
        #expect(object["Escaped"] as? String == "<redacted>")
        #expect((object["FileURL"] as? String)?.hasSuffix("Signature=LegitSig%3D") == true)
        #expect(response.requestId == "<redacted>")
    }

    @Test(arguments: [SignatureVersion.v1, .v3])
    func errorFieldsEchoingTheTokenAreRedacted(_ version: SignatureVersion) async throws {
        guard case .failure(let error) = await call(version, fault: "echoid") else {
            Issue.record("the echoing error was answered as a success")
            return
        }
        let texts = [
            error.code, error.description, error.requestId ?? "", error.hostId ?? "", String(reflecting: error),
        ]
        for text in texts {
            for secret in Self.leaks { #expect(!text.contains(secret), "\(secret) leaked: \(text)") }
        }
        #expect(error.requestId == "<redacted>")
    }

    @Test(arguments: ["huge", "endless"])
    func oversizedBodiesAreCutAtTheCapAndNotRetried(_ fault: String) async throws {
        let started = ContinuousClock.now
        guard case .failure(let error) = await call(.v1, fault: fault) else {
            Issue.record("an oversized body was accepted")
            return
        }
        #expect(error.code == "Network.ResponseTooLarge")
        #expect(error.attempts == 1)
        #expect(!error.retryable)
        #expect(error.message.contains(String(CurlTransport.Configuration.defaultMaxResponseBytes)))
        // Cut at the cap, long before the 500 MB (or the never-ending stream) could arrive.
        #expect(ContinuousClock.now - started < .seconds(60))
    }
}
