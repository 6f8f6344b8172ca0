import Foundation
import Testing
import VODSigning

/// Every vector in signing-vectors.json (computed with the official Python SDKs) must reproduce exactly.
@Suite struct SigningVectorTests {
    nonisolated(unsafe) static let vectors: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Fixtures/signing-vectors.json")  // Tests/Fixtures, shared
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()

    static var rpcCases: [String] {
        ((vectors["rpc_v1"] as? [String: Any]) ?? [:]).keys.sorted()
    }

    @Test func fixtureLoaded() {
        #expect(Self.rpcCases.count == 3)
    }

    @Test(arguments: rpcCases) func rpcV1(_ name: String) throws {
        let vector = try #require((Self.vectors["rpc_v1"] as? [String: Any])?[name] as? [String: Any])
        let params = try #require(vector["params"] as? [String: String])
        let method = try #require(vector["method"] as? String)
        #expect(RPCSignatureV1.canonicalQuery(params) == vector["canonicalized_query_string"] as? String)
        #expect(RPCSignatureV1.stringToSign(method: method, parameters: params) == vector["string_to_sign"] as? String)
        #expect(
            RPCSignatureV1.signature(secret: "testsecret", method: method, parameters: params) == vector["signature"]
                as? String)
    }

    @Test func acs3() throws {
        let vector = try #require(
            (Self.vectors["acs3_hmac_sha256"] as? [String: Any])?["V3-1 GetVideoInfo"] as? [String: Any])
        let request = ACS3Signature.Request(
            method: "POST", query: try #require(vector["query"] as? [String: String]),
            headers: try #require(vector["headers"] as? [String: String]))
        #expect(ACS3Signature.canonicalRequest(request) == vector["canonical_request"] as? String)
        #expect(ACS3Signature.stringToSign(request) == vector["string_to_sign"] as? String)
        #expect(
            ACS3Signature.authorization(accessKeyId: "testid", secret: "testsecret", request: request)
                == vector["authorization"] as? String)
    }

    @Test func ossV1() throws {
        let oss = try #require(Self.vectors["oss_v1"] as? [String: Any])
        let bucket = try #require(oss["bucket"] as? String)
        let key = try #require(oss["key"] as? String)
        let groups = try #require(oss["requests"] as? [String: [[String: Any]]])
        var checked = 0
        for (_, requests) in groups {
            for vector in requests {
                let headers = try #require(vector["signed_headers"] as? [String: String])
                let request = OSSSignatureV1.Request(
                    method: try #require(vector["method"] as? String), bucket: bucket, key: key,
                    contentType: headers["Content-Type"] ?? "", date: try #require(headers["date"]),
                    headers: headers, query: (vector["params"] as? [String: String]) ?? [:])
                #expect(OSSSignatureV1.stringToSign(request) == vector["string_to_sign"] as? String)
                #expect(
                    OSSSignatureV1.authorization(accessKeyId: "testid", secret: "testsecret", request: request)
                        == headers["authorization"])
                checked += 1
            }
        }
        #expect(checked == 3)
    }

    @Test func percentEncodingMatchesDocumentedExamples() {
        let cases: [(String, String)] = [
            (" ", "%20"), ("*", "%2A"), ("~", "~"), ("/", "%2F"), ("+", "%2B"), ("=", "%3D"), ("&", "%26"),
            ("!", "%21"), ("'", "%27"), ("(", "%28"), (")", "%29"), ("é", "%C3%A9"), ("视", "%E8%A7%86"),
        ]
        for (input, expected) in cases { #expect(PercentEncoding.encode(input) == expected) }
        #expect(PercentEncoding.decode("a%20b+c", plusAsSpace: true) == "a b c")
        #expect(PercentEncoding.decode("%E8%A7%86") == "视")
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%FF") == nil)
    }
}

@Suite struct DigestTests {
    @Test func knownDigests() {
        #expect(Digest.hash(.md5, Array("hello world".utf8)).hexString == "5eb63bbbe01eeed093cb22bb8f5acdc3")
        #expect(Digest.hash(.sha256, [UInt8]()).hexString == ACS3Signature.emptyPayloadHash)
        #expect(
            Digest.hmac(.sha1, key: "key", message: "The quick brown fox jumps over the lazy dog").hexString
                == "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9")
    }

    @Test func callbackSignatureVectorFromDocs() {
        let text = "https://www.example.com/your/callback|1519375990|test123"
        #expect(Digest.hash(.md5, Array(text.utf8)).hexString == "c72b60894140fa98920f1279219b7ed4")
    }

    @Test func randomNoncesDiffer() {
        let nonces = Set((0..<100).map { _ in RequestClock.system.makeNonce() })
        #expect(nonces.count == 100)
    }

    @Test func timeFormats() {
        let date = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z, a Thursday
        #expect(RequestClock.iso8601(date) == "2026-01-01T00:00:00Z")
        #expect(RequestClock.rfc1123(date) == "Thu, 01 Jan 2026 00:00:00 GMT")
        #expect(RequestClock.parseISO8601("2026-01-01T00:00:00Z") == date)
        #expect(RequestClock.parseRFC1123("Thu, 01 Jan 2026 00:00:00 GMT") == date)
        #expect(RequestClock.iso8601(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00Z")
    }
}

@Suite struct CRC64Tests {
    @Test func checkValue() {
        // The standard check value of CRC-64/XZ over "123456789".
        var crc = CRC64()
        crc.update(Array("123456789".utf8))
        #expect(crc.value == 0x995D_C9BB_DF19_39FA)
    }

    @Test func incrementalAndCombinedAgree() {
        let data = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var whole = CRC64()
        whole.update(data)
        var first = CRC64()
        first.update(Array(data[..<40_000]))
        var second = CRC64()
        second.update(Array(data[40_000...]))
        #expect(CRC64.combine(first.value, second.value, secondLength: Int64(data.count - 40_000)) == whole.value)
        var streamed = CRC64()
        for chunk in stride(from: 0, to: data.count, by: 777) {
            streamed.update(Array(data[chunk..<min(chunk + 777, data.count)]))
        }
        #expect(streamed.value == whole.value)
    }
}
