import Foundation
import Testing
import VODEmulator
import VODSigning

@Suite(.timeLimit(.minutes(2)))
struct OSSUploadTests {
    @Test func putChecksContentMD5AndReturnsCRC() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let body = randomData(123_457)
        let md5 = Digest.hash(.md5, body)
        let put = try harness.oss("PUT", upload: upload, body: body, contentMD5: md5.base64String)
        #expect(put.status == 200)
        #expect(put.headers["etag"] == "\"\(md5.hexString.uppercased())\"")
        #expect(put.headers["x-oss-hash-crc64ecma"] == String(crc64(body)))
        #expect(put.headers["x-oss-request-id"]?.hasPrefix("SANDBOX-") == true)

        let wrong = try harness.oss(
            "PUT", upload: upload, body: body, contentMD5: Digest.hash(.md5, Data("x".utf8)).base64String)
        #expect(wrong.status == 400)
        #expect(wrong.xml("Code") == "InvalidDigest")
    }

    @Test func badOSSSignatureCarriesStringToSign() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let result = try harness.oss("PUT", upload: upload, body: Data("x".utf8), secret: "wrong")
        #expect(result.status == 403)
        #expect(result.xml("Code") == "SignatureDoesNotMatch")
        #expect(result.xml("StringToSign")?.hasSuffix("/\(upload.bucket)/\(upload.key)") == true)
        var other = upload
        other.accessKeyId = "STS.unknown"
        #expect(try harness.oss("PUT", upload: other, body: Data("x".utf8)).xml("Code") == "InvalidAccessKeyId")
        #expect(
            try harness.oss("PUT", upload: upload, key: "sv/elsewhere.mp4", body: Data("x".utf8)).xml("Code")
                == "AccessDenied")
    }

    @Test func multipartCombinesCRCAndValidatesParts() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let initiate = try harness.oss("POST", upload: upload, query: ["uploads": ""])
        #expect(initiate.status == 200)
        let uploadId = try #require(initiate.xml("UploadId"))
        let parts = [randomData(150 * 1024), randomData(70 * 1024 + 3)]
        var etags: [String] = []
        for (index, part) in parts.enumerated() {
            let result = try harness.oss(
                "PUT", upload: upload, query: ["partNumber": String(index + 1), "uploadId": uploadId], body: part)
            #expect(result.status == 200)
            #expect(result.headers["x-oss-hash-crc64ecma"] == String(crc64(part)))
            etags.append(try #require(result.headers["etag"]))
        }
        let listed = try harness.oss("GET", upload: upload, query: ["uploadId": uploadId])
        #expect(listed.text.components(separatedBy: "<Part>").count == 3)

        let badXML =
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"00\"</ETag></Part></CompleteMultipartUpload>"
        let bad = try harness.oss("POST", upload: upload, query: ["uploadId": uploadId], body: Data(badXML.utf8))
        #expect(bad.xml("Code") == "InvalidPart")

        var xml = "<CompleteMultipartUpload>"
        for (index, etag) in etags.enumerated() {
            xml += "<Part><PartNumber>\(index + 1)</PartNumber><ETag>\(etag)</ETag></Part>"
        }
        xml += "</CompleteMultipartUpload>"
        let complete = try harness.oss("POST", upload: upload, query: ["uploadId": uploadId], body: Data(xml.utf8))
        #expect(complete.status == 200)
        #expect(complete.headers["x-oss-hash-crc64ecma"] == String(crc64(parts[0] + parts[1])))
        #expect(complete.xml("ETag")?.hasSuffix("-2&quot;") == true || complete.xml("ETag")?.hasSuffix("-2\"") == true)
        #expect(harness.sandbox.videoStatus(upload.videoId) == "UploadSucc")

        let again = try harness.oss("POST", upload: upload, query: ["uploadId": uploadId], body: Data(xml.utf8))
        #expect(again.status == 404)
        #expect(again.xml("Code") == "NoSuchUpload")
    }

    @Test func abortForgetsTheUpload() async throws {
        let harness = try await Harness.start()
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let uploadId = try #require(try harness.oss("POST", upload: upload, query: ["uploads": ""]).xml("UploadId"))
        #expect(try harness.oss("DELETE", upload: upload, query: ["uploadId": uploadId]).status == 204)
        let part = try harness.oss(
            "PUT", upload: upload, query: ["partNumber": "1", "uploadId": uploadId], body: Data("x".utf8))
        #expect(part.xml("Code") == "NoSuchUpload")
    }

    @Test func expiredUploadCredentialIsRefreshed() async throws {
        let harness = try await Harness.start { $0.uploadCredentialTTL = .seconds(30) }
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        #expect(upload.expiration == "30")
        harness.clock.advance(seconds: 31)
        let expired = try harness.oss("PUT", upload: upload, body: Data("x".utf8))
        #expect(expired.status == 403)
        #expect(expired.xml("Code") == "SecurityTokenExpired")
        let refreshed = try harness.v1("RefreshUploadVideo", ["VideoId": upload.videoId])
        let fresh = try #require(Harness.upload(from: refreshed))
        #expect(fresh.key == upload.key)
        #expect(fresh.accessKeyId != upload.accessKeyId)
        #expect(try harness.oss("PUT", upload: fresh, body: Data("x".utf8)).status == 200)
    }

    @Test func discardModeChecksumsWithoutStoring() async throws {
        let harness = try await Harness.start { $0.discardObjectBodies = true }
        defer { Task { try? await harness.sandbox.shutdown() } }
        let upload = try #require(try harness.createUpload())
        let body = randomData(64 * 1024)
        let put = try harness.oss("PUT", upload: upload, body: body)
        #expect(put.headers["x-oss-hash-crc64ecma"] == String(crc64(body)))
        let objects = try FileManager.default.contentsOfDirectory(
            atPath: harness.sandbox.stateDirectory.appendingPathComponent("objects").path)
        #expect(objects.isEmpty)
    }
}
