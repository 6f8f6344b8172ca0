import CurlHTTP
import Foundation
import Testing
import VODAPI
import VODCredentials
import VODSigning

/// The requests VODClient builds carry exactly the signatures of the official SDK vectors.
@Suite struct SigningVectorRequestTests {
    nonisolated(unsafe) static let vectors: [String: Any] = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/signing-vectors.json")  // Tests/Fixtures, shared
        guard let data = FileManager.default.contents(atPath: path.path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()
    static var rpcNames: [String] { ((vectors["rpc_v1"] as? [String: Any]) ?? [:]).keys.sorted() }
    static var acs3Names: [String] { ((vectors["acs3_hmac_sha256"] as? [String: Any]) ?? [:]).keys.sorted() }

    static let fixedClock = RequestClock(
        now: { RequestClock.parseISO8601("2026-01-01T00:00:00Z") ?? Date(timeIntervalSince1970: 0) },
        nonce: { "3ee8c9f0-0001" })
    static let common = [
        "AccessKeyId", "Action", "Format", "SignatureMethod", "SignatureNonce", "SignatureVersion",
        "Timestamp", "Version", "SecurityToken",
    ]

    @Test func vectorsAreLoaded() {
        #expect(Self.rpcNames.count == 3)
        #expect(Self.acs3Names.count >= 1)
    }

    @Test(arguments: rpcNames) func rpcV1RequestMatchesVector(_ name: String) async throws {
        let vector = try #require((Self.vectors["rpc_v1"] as? [String: Any])?[name] as? [String: Any])
        let params = try #require(vector["params"] as? [String: String])
        let method = try #require(vector["method"] as? String)
        let transport = ScriptedTransport([ScriptedTransport.json(200, ["RequestId": "r1"])])
        let credential = Credential(
            accessKeyId: "testid", accessKeySecret: "testsecret", securityToken: params["SecurityToken"])
        let client = VODClient(
            configuration: .init(), credentials: StaticCredentialProvider(credential), transport: transport,
            clock: Self.fixedClock)
        let business = params.filter { !Self.common.contains($0.key) }
        let response = try await client.call(
            action: try #require(params["Action"]), httpMethod: method, parameters: business, idempotent: true)
        #expect(response.requestId == "r1")
        let request = try #require(transport.requests.first)
        #expect(request.method == method)
        #expect(request.url.hasPrefix("https://vod.cn-shanghai.aliyuncs.com/?"))
        let sent = queryItems(request.url)
        #expect(sent["Signature"] == vector["signature"] as? String)
        var withoutSignature = sent
        withoutSignature.removeValue(forKey: "Signature")
        #expect(withoutSignature == params)
        #expect(RPCSignatureV1.canonicalQuery(params) == vector["canonicalized_query_string"] as? String)
    }

    @Test(arguments: acs3Names) func acs3RequestMatchesVector(_ name: String) async throws {
        let vector = try #require((Self.vectors["acs3_hmac_sha256"] as? [String: Any])?[name] as? [String: Any])
        let query = try #require(vector["query"] as? [String: String])
        let headers = try #require(vector["headers"] as? [String: String])
        let transport = ScriptedTransport([ScriptedTransport.json(200, ["RequestId": "r1"])])
        let client = VODClient(
            configuration: .init(signatureVersion: .v3),
            credentials: StaticCredentialProvider(Credential(accessKeyId: "testid", accessKeySecret: "testsecret")),
            transport: transport, clock: Self.fixedClock)
        _ = try await client.call(
            action: try #require(headers["x-acs-action"]), httpMethod: "POST", parameters: query, idempotent: true)
        let request = try #require(transport.requests.first)
        let sent = Dictionary(request.headers.map { ($0.name.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        #expect(sent["authorization"] == vector["authorization"] as? String)
        for (name, value) in headers { #expect(sent[name] == value, "header \(name)") }
        #expect(queryItems(request.url) == query)
    }

    @Test func eachAttemptGetsAFreshNonce() async throws {
        let counter = Counter()
        let clock = RequestClock(now: { Date() }, nonce: { "nonce-\(counter.next())" })
        let transport = ScriptedTransport([
            ScriptedTransport.json(503, ["Code": "ServiceUnavailable", "Message": "busy"]),
            ScriptedTransport.json(200, ["RequestId": "ok"]),
        ])
        let client = VODClient(
            configuration: .init(backoffBase: .milliseconds(1)),
            credentials: StaticCredentialProvider(Credential(accessKeyId: "testid", accessKeySecret: "testsecret")),
            transport: transport, clock: clock)
        let response = try await client.call(
            action: "GetVideoInfo", httpMethod: "POST", parameters: [:], idempotent: true)
        #expect(response.attempts == 2)
        let nonces = transport.requests.map { queryItems($0.url)["SignatureNonce"] }
        #expect(nonces == ["nonce-1", "nonce-2"])
        let signatures = Set(transport.requests.map { queryItems($0.url)["Signature"] })
        #expect(signatures.count == 2)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
