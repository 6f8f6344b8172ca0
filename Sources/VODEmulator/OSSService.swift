import FoundationEssentials
import Synchronization
import TextSupport
import VODSigning

/// An OSS error: HTTP status, code, message and extra XML fields.
struct OSSFailure: Error, Sendable {
    var status: Int
    var code: String
    var message: String
    var extra: [(String, String)] = []
}

/// Which OSS operation a request is, decided from its head alone.
struct OSSRoute: Sendable {
    enum Operation: String, Sendable {
        case putObject = "PutObject"
        case uploadPart = "UploadPart"
        case initiateMultipartUpload = "InitiateMultipartUpload"
        case completeMultipartUpload = "CompleteMultipartUpload"
        case abortMultipartUpload = "AbortMultipartUpload"
        case listParts = "ListParts"
        case getObject = "GetObject"
        case headObject = "HeadObject"
        case deleteObject = "DeleteObject"
    }

    var operation: Operation
    var bucket: String
    var key: String
    var query: [String: String]

    /// Whether the body streams to disk rather than being buffered.
    var streamsBody: Bool { operation == .putObject || operation == .uploadPart }

    static func parse(method: String, rawPath: String, rawQuery: String) throws(OSSFailure) -> OSSRoute {
        guard let query = IncomingRequest.parseForm(rawQuery, plusAsSpace: false) else {
            throw OSSFailure(
                status: 400, code: "InvalidArgument", message: "The query string is not valid percent-encoding.")
        }
        var path = Substring(rawPath)
        while path.first == "/" { path = path.dropFirst() }
        let bucketPart = path.prefix { $0 != "/" }
        let keyPart = path.dropFirst(bucketPart.count).drop { $0 == "/" }
        guard let bucket = PercentEncoding.decode(String(bucketPart)), !bucket.isEmpty,
            let key = PercentEncoding.decode(String(keyPart))
        else {
            throw OSSFailure(
                status: 400, code: "InvalidObjectName", message: "The object path is not valid percent-encoding.")
        }
        guard !key.isEmpty else {
            throw OSSFailure(
                status: 400, code: "InvalidObjectName",
                message: "Bucket-level operations are not supported; name an object.")
        }
        let operation: Operation
        switch method.uppercased() {
        case "PUT": operation = query["uploadId"] != nil ? .uploadPart : .putObject
        case "POST":
            if query["uploads"] != nil {
                operation = .initiateMultipartUpload
            } else if query["uploadId"] != nil {
                operation = .completeMultipartUpload
            } else {
                throw OSSFailure(status: 400, code: "InvalidArgument", message: "POST needs ?uploads or ?uploadId.")
            }
        case "DELETE": operation = query["uploadId"] != nil ? .abortMultipartUpload : .deleteObject
        case "GET": operation = query["uploadId"] != nil ? .listParts : .getObject
        case "HEAD": operation = .headObject
        default:
            throw OSSFailure(
                status: 405, code: "MethodNotAllowed", message: "The method \(method) is not allowed here.")
        }
        return OSSRoute(operation: operation, bucket: bucket, key: key, query: query)
    }
}

/// OSS PUT/multipart emulation: authentication, streaming bodies, checksums.
struct OSSService: Sendable {
    let store: SandboxStore

    static let minimumPartSize: Int64 = 100 * 1024

    // MARK: Authentication

    /// Checks the V1 signature (header or presigned query) and the credential's scope.
    func authorize(_ request: IncomingRequest, route: OSSRoute) throws(OSSFailure) {
        guard route.bucket == store.bucket else {
            throw OSSFailure(
                status: 404, code: "NoSuchBucket", message: "The specified bucket does not exist.",
                extra: [("BucketName", route.bucket)])
        }
        let accessKeyId: String
        let signature: String
        let dateSlot: String
        if let authorization = request.header("authorization") {
            guard authorization.hasPrefix("OSS "), let colon = authorization.lastIndex(of: ":") else {
                throw OSSFailure(
                    status: 400, code: "InvalidArgument",
                    message: "Authorization must be OSS <AccessKeyId>:<Signature>.")
            }
            accessKeyId = String(authorization[authorization.index(authorization.startIndex, offsetBy: 4)..<colon])
            signature = String(authorization[authorization.index(after: colon)...])
            guard let date = request.header("x-oss-date") ?? request.header("date") else {
                throw OSSFailure(
                    status: 403, code: "AccessDenied", message: "The Date header is required for signed requests.")
            }
            guard let parsed = RequestClock.parseRFC1123(date) else {
                throw OSSFailure(status: 403, code: "AccessDenied", message: "The Date header is not an RFC 1123 date.")
            }
            if abs(parsed.timeIntervalSince(store.now())) > store.configuration.clockSkewLimit.timeInterval {
                throw OSSFailure(
                    status: 403, code: "RequestTimeTooSkewed",
                    message: "The difference between the request time and the server's time is too large.",
                    extra: [("RequestTime", date), ("ServerTime", RequestClock.rfc1123(store.now()))])
            }
            dateSlot = date
        } else if let id = route.query["OSSAccessKeyId"], let sig = route.query["Signature"],
            let expires = route.query["Expires"]
        {
            guard let seconds = TimeInterval(expires), seconds > store.now().timeIntervalSince1970 else {
                throw OSSFailure(
                    status: 403, code: "AccessDenied", message: "Request has expired.", extra: [("Expires", expires)])
            }
            accessKeyId = id
            signature = sig
            dateSlot = expires
        } else {
            if route.operation == .getObject || route.operation == .headObject {
                // Play and object URLs: Type A URL signing, as the CDN checks it.
                if let problem = store.urlSigner.problem(
                    path: request.rawPath, authKey: route.query["auth_key"], now: store.now())
                {
                    throw OSSFailure(
                        status: 403, code: "AccessDenied",
                        message:
                            "URL authentication failed: \(problem). Use a fresh URL from GetPlayInfo, or sign the path "
                            + "with the sandbox's urlAuthKey (Type A: auth_key=<timestamp>-<rand>-0-<md5hash>).")
                }
                return
            }
            throw OSSFailure(
                status: 403, code: "AccessDenied",
                message: "You have no right to access this object because of bucket acl.")
        }
        let secret: String
        var scope: IssuedCredential?
        if accessKeyId == store.accessKeyId {
            secret = store.accessKeySecret
        } else if let issued = store.read({ $0.credentials[accessKeyId] }) {
            let token = request.header("x-oss-security-token") ?? route.query["security-token"]
            guard let token, token == issued.securityToken else {
                throw OSSFailure(
                    status: 403, code: "InvalidAccessKeyId", message: "The security token you provided is invalid.",
                    extra: [("OSSAccessKeyId", accessKeyId)])
            }
            guard issued.expiration > store.now() else {
                throw OSSFailure(
                    status: 403, code: "SecurityTokenExpired", message: "The security token you provided has expired.",
                    extra: [("OSSAccessKeyId", accessKeyId)])
            }
            secret = issued.accessKeySecret
            scope = issued
        } else {
            throw OSSFailure(
                status: 403, code: "InvalidAccessKeyId",
                message: "The OSS Access Key Id you provided does not exist in our records.",
                extra: [("OSSAccessKeyId", accessKeyId)])
        }
        var headers: [String: String] = [:]
        for (name, value) in request.headers {
            let lower = name.lowercased()
            headers[lower] = headers[lower].map { $0 + "," + value } ?? value
        }
        let signed = OSSSignatureV1.Request(
            method: request.method, bucket: route.bucket, key: route.key,
            contentMD5: request.header("content-md5") ?? "",
            contentType: request.header("content-type") ?? "", date: dateSlot, headers: headers, query: route.query)
        let stringToSign = OSSSignatureV1.stringToSign(signed)
        let expected = Digest.hmac(.sha1, key: secret, message: stringToSign).base64String
        guard constantTimeEqual(expected, signature) else {
            throw OSSFailure(
                status: 403, code: "SignatureDoesNotMatch",
                message:
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                extra: [
                    ("OSSAccessKeyId", accessKeyId), ("SignatureProvided", signature), ("StringToSign", stringToSign),
                    (
                        "StringToSignBytes",
                        Array(stringToSign.utf8).map { cFormat("%02x", CUnsignedInt($0)) }.joined(separator: " ")
                    ),
                ])
        }
        if let scope, let allowed = scope.objectKey {
            let folder = PathText.deletingLastComponent(allowed) + "/"
            let inScope = route.key == allowed || (allowed.hasSuffix(".m3u8") && route.key.hasPrefix(folder))
            guard scope.bucket == route.bucket, inScope else {
                throw OSSFailure(
                    status: 403, code: "AccessDenied",
                    message: "The upload credential does not cover the object \(route.key).")
            }
        }
    }

    /// Checks the Content-MD5 header format before the body arrives.
    func expectedMD5(_ request: IncomingRequest) throws(OSSFailure) -> [UInt8]? {
        guard let header = request.header("content-md5") else { return nil }
        guard let data = Data(base64Encoded: header), data.count == 16 else {
            throw OSSFailure(status: 400, code: "InvalidDigest", message: "The Content-MD5 you specified is not valid.")
        }
        return Array(data)
    }

    // MARK: Streaming uploads

    /// Where a streamed body goes: a fresh segment file, or nowhere in discard mode.
    func segmentName(for route: OSSRoute) -> String? {
        if store.configuration.discardObjectBodies { return nil }
        if route.operation == .uploadPart {
            return "part-\(randomHex(12))"
        }
        return "obj-\(randomHex(12))"
    }

    /// Validates the target of a streamed body before it is read (NoSuchUpload, part number).
    func prepareStream(_ route: OSSRoute) throws(OSSFailure) {
        guard route.operation == .uploadPart else { return }
        guard let number = Int(route.query["partNumber"] ?? ""), (1...10_000).contains(number) else {
            throw OSSFailure(
                status: 400, code: "InvalidArgument", message: "partNumber must be an integer from 1 to 10000.")
        }
        let uploadId = route.query["uploadId"] ?? ""
        guard let upload = store.read({ $0.multiparts[uploadId] }), upload.bucket == route.bucket,
            upload.key == route.key
        else {
            throw noSuchUpload(uploadId)
        }
    }

    func noSuchUpload(_ uploadId: String) -> OSSFailure {
        OSSFailure(
            status: 404, code: "NoSuchUpload",
            message:
                "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
            extra: [("UploadId", uploadId)])
    }

    /// Records a streamed body once it is complete and answers with its ETag and CRC.
    func finishStream(
        _ route: OSSRoute, request: IncomingRequest, segment: String?, digest: (md5: [UInt8], crc: UInt64, size: Int64),
        expectedMD5: [UInt8]?, corrupt: Bool
    ) throws(OSSFailure) -> OutgoingResponse {
        if let expectedMD5, expectedMD5 != digest.md5 {
            if let segment { try? FileManager.default.removeItem(at: store.objectPath(segment)) }
            throw OSSFailure(
                status: 400, code: "InvalidDigest",
                message: "The Content-MD5 you specified did not match what we received.")
        }
        let etag = digest.md5.hexString.uppercased()
        var storedCRC = digest.crc
        if corrupt {
            storedCRC = segment.flatMap { corruptFile(at: store.objectPath($0).path) } ?? (digest.crc ^ 0xFF)
        }
        let now = store.now()
        switch route.operation {
        case .uploadPart:
            let uploadId = route.query["uploadId"] ?? ""
            let number = Int(route.query["partNumber"] ?? "") ?? 0
            let part = PartRecord(
                partNumber: number, etag: etag, size: digest.size, crc64: storedCRC, path: segment, lastModified: now)
            let replaced = store.mutate { state -> (found: Bool, old: PartRecord?) in
                guard state.multiparts[uploadId] != nil else { return (false, nil) }
                let old = state.multiparts[uploadId]?.parts[number]
                state.multiparts[uploadId]?.parts[number] = part
                return (true, old)
            }
            guard replaced.found else {
                if let segment { try? FileManager.default.removeItem(at: store.objectPath(segment)) }
                throw noSuchUpload(uploadId)
            }
            if let old = replaced.old?.path, old != segment {
                try? FileManager.default.removeItem(at: store.objectPath(old))
            }
        default:
            let object = ObjectRecord(
                bucket: route.bucket, key: route.key, size: digest.size, etag: etag, crc64: storedCRC,
                contentType: request.header("content-type") ?? "application/octet-stream",
                segments: segment.map { [$0] } ?? [],
                lastModified: now)
            store.objectStored(object)
        }
        return OutgoingResponse(
            status: 200,
            headers: [
                ("ETag", "\"\(etag)\""), ("x-oss-hash-crc64ecma", String(digest.crc)),
                ("Content-MD5", digest.md5.base64String),
            ])
    }

    // MARK: Buffered operations

    func handleBuffered(_ route: OSSRoute, request: IncomingRequest) throws(OSSFailure) -> OutgoingResponse {
        switch route.operation {
        case .initiateMultipartUpload:
            let uploadId = randomHex().uppercased()
            let record = MultipartRecord(
                uploadId: uploadId, bucket: route.bucket, key: route.key, initiated: store.now(), parts: [:])
            store.mutate { $0.multiparts[uploadId] = record }
            return xml(
                "InitiateMultipartUploadResult",
                [("Bucket", route.bucket), ("Key", route.key), ("UploadId", uploadId)])
        case .completeMultipartUpload:
            return try complete(route, body: request.body)
        case .abortMultipartUpload:
            let uploadId = route.query["uploadId"] ?? ""
            guard let upload = store.mutate({ $0.multiparts.removeValue(forKey: uploadId) }) else {
                throw noSuchUpload(uploadId)
            }
            for part in upload.parts.values {
                if let path = part.path { try? FileManager.default.removeItem(at: store.objectPath(path)) }
            }
            return OutgoingResponse(status: 204)
        case .listParts:
            let uploadId = route.query["uploadId"] ?? ""
            guard let upload = store.read({ $0.multiparts[uploadId] }) else { throw noSuchUpload(uploadId) }
            let marker = Int(route.query["part-number-marker"] ?? "") ?? 0
            let maxParts = max(1, min(1000, Int(route.query["max-parts"] ?? "") ?? 1000))
            let remaining = upload.parts.values.filter { $0.partNumber > marker }.sorted {
                $0.partNumber < $1.partNumber
            }
            let page = remaining.prefix(maxParts)
            let truncated = remaining.count > page.count
            var body = "<ListPartsResult><Bucket>\(escape(upload.bucket))</Bucket><Key>\(escape(upload.key))</Key>"
            body += "<UploadId>\(uploadId)</UploadId><PartNumberMarker>\(marker)</PartNumberMarker>"
            body += "<NextPartNumberMarker>\(page.last?.partNumber ?? marker)</NextPartNumberMarker>"
            body += "<MaxParts>\(maxParts)</MaxParts><IsTruncated>\(truncated)</IsTruncated>"
            for part in page {
                body += "<Part><PartNumber>\(part.partNumber)</PartNumber><LastModified>\(ossTime(part.lastModified))"
                body += "</LastModified><ETag>\"\(part.etag)\"</ETag><Size>\(part.size)</Size>"
                body += "<HashCrc64ecma>\(part.crc64)</HashCrc64ecma></Part>"
            }
            body += "</ListPartsResult>"
            return OutgoingResponse(
                status: 200, headers: [("Content-Type", "application/xml")],
                body: Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).utf8))
        case .deleteObject:
            let object = store.mutate {
                $0.objects.removeValue(forKey: SandboxSnapshot.objectKey(route.bucket, route.key))
            }
            if let object { store.removeSegments(object) }
            return OutgoingResponse(status: 204)
        case .getObject, .headObject:
            if let derived = derivedObject(bucket: route.bucket, key: route.key) {
                var headers: [(String, String)] = [("Content-Type", derived.contentType)]
                if route.operation == .headObject {
                    headers.append(("Content-Length", String(derived.body.count)))
                    return OutgoingResponse(status: 200, headers: headers)
                }
                recordServed(route, bytes: derived.body.count)
                return OutgoingResponse(status: 200, headers: headers, body: derived.body)
            }
            guard let object = store.read({ $0.objects[SandboxSnapshot.objectKey(route.bucket, route.key)] }) else {
                throw OSSFailure(
                    status: 404, code: "NoSuchKey", message: "The specified key does not exist.",
                    extra: [("Key", route.key)])
            }
            var headers: [(String, String)] = [
                ("ETag", "\"\(object.etag)\""), ("x-oss-hash-crc64ecma", String(object.crc64)),
                ("Content-Type", object.contentType), ("Last-Modified", RequestClock.rfc1123(object.lastModified)),
            ]
            if route.operation == .headObject {
                headers.append(("Content-Length", String(object.size)))
                return OutgoingResponse(status: 200, headers: headers)
            }
            guard !object.segments.isEmpty || object.size == 0 else {
                throw OSSFailure(
                    status: 404, code: "NoSuchKey", message: "The sandbox discarded this object's bytes (discard mode)."
                )
            }
            var body: [UInt8] = []
            for segment in object.segments {
                guard let data = FileManager.default.contents(atPath: store.objectPath(segment).path) else {
                    throw OSSFailure(status: 500, code: "InternalError", message: "A stored segment is missing.")
                }
                body += data
            }
            recordServed(route, bytes: body.count)
            return OutgoingResponse(status: 200, headers: headers, body: body)
        case .putObject, .uploadPart:
            throw OSSFailure(
                status: 500, code: "InternalError", message: "Streamed operation reached the buffered path.")
        }
    }

    private func complete(_ route: OSSRoute, body: [UInt8]) throws(OSSFailure) -> OutgoingResponse {
        let uploadId = route.query["uploadId"] ?? ""
        guard let upload = store.read({ $0.multiparts[uploadId] }), upload.key == route.key else {
            throw noSuchUpload(uploadId)
        }
        let requested = try parseCompleteBody(body)
        guard !requested.isEmpty else {
            throw OSSFailure(
                status: 400, code: "MalformedXML",
                message: "The XML you provided was not well-formed or did not validate against our published schema.")
        }
        var parts: [PartRecord] = []
        var previous = 0
        for (index, entry) in requested.enumerated() {
            guard entry.number > previous else {
                throw OSSFailure(
                    status: 400, code: "InvalidPartOrder", message: "The list of parts was not in ascending order.")
            }
            previous = entry.number
            guard let part = upload.parts[entry.number], part.etag.uppercased() == entry.etag.uppercased() else {
                throw OSSFailure(
                    status: 400, code: "InvalidPart",
                    message:
                        "One or more of the specified parts could not be found or the specified entity tag might not have matched the part's entity tag.",
                    extra: [("PartNumber", String(entry.number)), ("ETag", entry.etag)])
            }
            if index < requested.count - 1, part.size < Self.minimumPartSize {
                throw OSSFailure(
                    status: 400, code: "EntityTooSmall",
                    message: "Your proposed upload is smaller than the minimum allowed size.",
                    extra: [("PartNumber", String(entry.number)), ("MinSizeAllowed", String(Self.minimumPartSize))])
            }
            parts.append(part)
        }
        var crc: UInt64 = 0
        var size: Int64 = 0
        var md5s: [UInt8] = []
        for part in parts {
            crc = size == 0 ? part.crc64 : CRC64.combine(crc, part.crc64, secondLength: part.size)
            size += part.size
            md5s += hexBytes(part.etag)
        }
        let etag = Digest.hash(.md5, md5s).hexString.uppercased() + "-\(parts.count)"
        let used = Set(parts.compactMap(\.path))
        for part in upload.parts.values {
            if let path = part.path, !used.contains(path) {
                try? FileManager.default.removeItem(at: store.objectPath(path))
            }
        }
        store.mutate { _ = $0.multiparts.removeValue(forKey: uploadId) }
        store.objectStored(
            ObjectRecord(
                bucket: route.bucket, key: route.key, size: size, etag: etag, crc64: crc,
                contentType: "application/octet-stream",
                segments: parts.compactMap(\.path), lastModified: store.now()))
        var response = xml(
            "CompleteMultipartUploadResult",
            [
                (
                    "Location",
                    store.endpoint.withLock { $0 } + "/" + route.bucket + "/" + PercentEncoding.encodePath(route.key)
                ),
                ("Bucket", route.bucket), ("Key", route.key), ("ETag", "\"\(etag)\""),
            ])
        response.headers += [("ETag", "\"\(etag)\""), ("x-oss-hash-crc64ecma", String(crc))]
        return response
    }

    /// Reads `<Part><PartNumber>N</PartNumber><ETag>"X"</ETag></Part>` entries in order.
    private func parseCompleteBody(_ body: [UInt8]) throws(OSSFailure) -> [(number: Int, etag: String)] {
        let text = String(decoding: body, as: UTF8.self)
        guard text.contains("<CompleteMultipartUpload") else {
            throw OSSFailure(
                status: 400, code: "MalformedXML",
                message: "The XML you provided was not well-formed or did not validate against our published schema.")
        }
        var result: [(Int, String)] = []
        for part in text.split(separator: "<Part>", omittingEmptySubsequences: false).dropFirst() {
            let chunk = String(part)
            guard let number = Int(element("PartNumber", in: chunk) ?? ""), let etag = element("ETag", in: chunk) else {
                throw OSSFailure(status: 400, code: "MalformedXML", message: "Each Part needs PartNumber and ETag.")
            }
            let clean = etag.replacing("&quot;", with: "").replacing("\"", with: "")
            result.append((number, clean))
        }
        return result
    }

    private func element(_ name: String, in text: String) -> String? {
        guard let start = text.firstRange(of: "<\(name)>"),
            let end = text[start.upperBound...].firstRange(of: "</\(name)>")
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound]).trimmingWhitespaceAndNewlines()
    }

    private func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var iterator = hex.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            if let value = UInt8(String([high, low]), radix: 16) { bytes.append(value) }
        }
        return bytes
    }

    func xml(_ root: String, _ fields: [(String, String)]) -> OutgoingResponse {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<\(root)>"
        for (name, value) in fields { body += "<\(name)>\(escape(value))</\(name)>" }
        body += "</\(root)>"
        return OutgoingResponse(status: 200, headers: [("Content-Type", "application/xml")], body: Array(body.utf8))
    }

    func errorResponse(_ failure: OSSFailure, requestId: String, host: String) -> OutgoingResponse {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"
        body += "<Code>\(escape(failure.code))</Code><Message>\(escape(failure.message))</Message>"
        body += "<RequestId>\(requestId)</RequestId><HostId>\(escape(host))</HostId>"
        for (name, value) in failure.extra { body += "<\(name)>\(escape(value))</\(name)>" }
        body += "</Error>"
        return OutgoingResponse(
            status: failure.status, headers: [("Content-Type", "application/xml"), ("x-oss-request-id", requestId)],
            body: Array(body.utf8))
    }
}

/// OSS's XML time format, `2024-01-01T00:00:00.000Z`.
func ossTime(_ date: Date) -> String {
    String(RequestClock.iso8601(date).dropLast()) + ".000Z"
}

func escape(_ text: String) -> String {
    var out = ""
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        default: out.append(character)
        }
    }
    return out
}
