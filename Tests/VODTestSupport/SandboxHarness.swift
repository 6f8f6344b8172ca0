public import CurlHTTP
public import Foundation
import Synchronization
public import VODAPI
import VODCredentials
public import VODEmulator
import VODSigning
import VODUpload

/// A clock the tests move by hand, so status changes and expiry never depend on wall time.
public final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))  // 2026-01-01T00:00:00Z

    public init() {}

    public var now: Date { current.withLock { $0 } }

    public func advance(seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// One HTTP answer as curl saw it.
public struct CurlResult: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    public var exitCode: Int32

    public var text: String { String(decoding: body, as: UTF8.self) }
    public var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    public var code: String? { json["Code"] as? String }

    /// The text of an XML element in the body.
    public func xml(_ name: String) -> String? {
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>") else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}

/// A running in-process sandbox and what the tests reach it with: signed RPC and OSS requests sent with
/// /usr/bin/curl, a `VODClient` over libcurl, and (with `scratch`) a working folder for files to upload.
public struct SandboxHarness: Sendable {
    public enum ClockKind: Sendable {
        /// Time stands still until the test moves `clock`.
        case manual
        /// The sandbox reads the wall clock (`clock` is then only used to stamp requests).
        case wall
    }

    public let sandbox: VODSandbox
    public let endpoint: URL
    public let clock: ManualClock
    public let client: VODClient
    public let transport: CurlTransport
    /// Files to upload go here (created only with `scratch: true`).
    public let workdir: URL
    /// `XDG_STATE_HOME` / `HOME` for checkpoints.
    public let stateHome: URL
    private let nonceCounter = Counter()

    private final class Counter: Sendable {
        private let value = Mutex(0)
        func next() -> Int {
            value.withLock {
                $0 += 1
                return $0
            }
        }
    }

    /// Starts a sandbox on loopback. The emulator tests use the defaults (manual clock, 10 s transcoding); the
    /// upload tests use `uploads(_:)`.
    public static func start(
        transcodeDelay: Duration = .seconds(10), clock kind: ClockKind = .manual, scratch: Bool = false,
        _ configure: (inout SandboxConfiguration) -> Void = { _ in }
    ) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration(transcodeDelay: transcodeDelay)
        configure(&configuration)
        let clock = ManualClock()
        let sandbox: VODSandbox
        switch kind {
        case .manual: sandbox = try VODSandbox(configuration: configuration, clock: { clock.now })
        case .wall: sandbox = try VODSandbox(configuration: configuration)
        }
        let endpoint = try await sandbox.start()
        let transport = CurlTransport()
        let client = VODClient(
            configuration: .init(endpoint: endpoint.absoluteString, maxAttempts: 2, deadline: .seconds(30)),
            credentials: StaticCredentialProvider(
                Credential(accessKeyId: sandbox.accessKeyId, accessKeySecret: sandbox.accessKeySecret)),
            transport: transport)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("vod-upload-test-\(UUID().uuidString)")
        let workdir = root.appendingPathComponent("work")
        if scratch { try FileManager.default.createDirectory(at: workdir, withIntermediateDirectories: true) }
        return SandboxHarness(
            sandbox: sandbox, endpoint: endpoint, clock: clock, client: client, transport: transport, workdir: workdir,
            stateHome: root.appendingPathComponent("state"))
    }

    /// The upload tests' sandbox: wall clock, transcoding done in 200 ms, and a scratch working folder.
    public static func uploads(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws
        -> SandboxHarness
    {
        try await start(transcodeDelay: .milliseconds(200), clock: .wall, scratch: true, configure)
    }

    public var host: String { endpoint.host.map { "\($0):\(endpoint.port ?? 80)" } ?? "" }

    public func nonce() -> String { "nonce-\(UUID().uuidString)-\(nonceCounter.next())" }

    // MARK: RPC

    /// Signed RPC V1 parameters (common parameters included).
    public func v1Parameters(
        _ action: String, _ business: [String: String], accessKeyId: String? = nil, secret: String? = nil,
        timestamp: Date? = nil, nonce: String? = nil, method: String = "POST"
    ) -> [String: String] {
        var parameters = business
        parameters["Action"] = action
        parameters["Version"] = "2017-03-21"
        parameters["Format"] = "JSON"
        parameters["AccessKeyId"] = accessKeyId ?? sandbox.accessKeyId
        parameters["SignatureMethod"] = "HMAC-SHA1"
        parameters["SignatureVersion"] = "1.0"
        parameters["SignatureNonce"] = nonce ?? self.nonce()
        parameters["Timestamp"] = RequestClock.iso8601(timestamp ?? clock.now)
        parameters["Signature"] = RPCSignatureV1.signature(
            secret: secret ?? sandbox.accessKeySecret, method: method, parameters: parameters)
        return parameters
    }

    public func v1(
        _ action: String, _ business: [String: String] = [:], secret: String? = nil, accessKeyId: String? = nil,
        timestamp: Date? = nil, nonce: String? = nil
    ) throws -> CurlResult {
        let parameters = v1Parameters(
            action, business, accessKeyId: accessKeyId, secret: secret, timestamp: timestamp, nonce: nonce)
        return try send(parameters: parameters)
    }

    public func send(parameters: [String: String], method: String = "POST") throws -> CurlResult {
        let query = parameters.sorted { $0.key < $1.key }
            .map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
        return try curl(method: method, url: endpoint.absoluteString + "/?" + query)
    }

    /// An ACS3-HMAC-SHA256 call with the business parameters in the query and an empty body.
    public func v3(
        _ action: String, _ business: [String: String] = [:], secret: String? = nil, token: String? = nil,
        accessKeyId: String? = nil
    ) throws -> CurlResult {
        var headers = [
            "host": host, "x-acs-action": action, "x-acs-version": "2017-03-21",
            "x-acs-date": RequestClock.iso8601(clock.now), "x-acs-signature-nonce": nonce(),
            "x-acs-content-sha256": ACS3Signature.emptyPayloadHash, "accept": "application/json",
        ]
        if let token { headers["x-acs-security-token"] = token }
        let request = ACS3Signature.Request(method: "POST", query: business, headers: headers)
        let authorization = ACS3Signature.authorization(
            accessKeyId: accessKeyId ?? sandbox.accessKeyId, secret: secret ?? sandbox.accessKeySecret, request: request
        )
        let query = business.sorted { $0.key < $1.key }
            .map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
        var all = headers
        all["host"] = nil
        all["Authorization"] = authorization
        return try curl(method: "POST", url: endpoint.absoluteString + "/?" + query, headers: all)
    }

    // MARK: Upload

    public struct Upload: Sendable {
        public var videoId: String
        public var accessKeyId: String
        public var accessKeySecret: String
        public var securityToken: String
        public var bucket: String
        public var key: String
        public var endpoint: String
        public var expiration: String
    }

    public static func decodeBase64JSON(_ text: String?) -> [String: Any] {
        guard let text, let data = Data(base64Encoded: text) else { return [:] }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }

    public static func upload(from result: CurlResult, videoId: String? = nil) -> Upload? {
        let auth = decodeBase64JSON(result.json["UploadAuth"] as? String)
        let address = decodeBase64JSON(result.json["UploadAddress"] as? String)
        guard let id = videoId ?? result.json["VideoId"] as? String, let keyId = auth["AccessKeyId"] as? String,
            let secret = auth["AccessKeySecret"] as? String, let token = auth["SecurityToken"] as? String,
            let bucket = address["Bucket"] as? String, let key = address["FileName"] as? String,
            let endpoint = address["Endpoint"] as? String, let expiration = auth["Expiration"] as? String
        else { return nil }
        return Upload(
            videoId: id, accessKeyId: keyId, accessKeySecret: secret, securityToken: token, bucket: bucket, key: key,
            endpoint: endpoint, expiration: expiration)
    }

    public func createUpload(title: String = "clip", fileName: String = "clip.mp4", extra: [String: String] = [:])
        throws -> Upload?
    {
        var parameters = extra
        parameters["Title"] = title
        parameters["FileName"] = fileName
        return Self.upload(from: try v1("CreateUploadVideo", parameters))
    }

    /// An OSS V1-signed request to `/<bucket>/<key>` with the STS triple of an upload.
    public func oss(
        _ method: String, upload: Upload, key: String? = nil, query: [String: String] = [:], bodyFile: URL? = nil,
        body: Data? = nil, contentMD5: String = "", secret: String? = nil, extraHeaders: [String: String] = [:]
    ) throws -> CurlResult {
        let objectKey = key ?? upload.key
        let date = RequestClock.rfc1123(clock.now)
        var headers = extraHeaders
        headers["x-oss-security-token"] = upload.securityToken
        let contentType = "application/octet-stream"
        let request = OSSSignatureV1.Request(
            method: method, bucket: upload.bucket, key: objectKey, contentMD5: contentMD5, contentType: contentType,
            date: date, headers: headers, query: query)
        headers["Authorization"] = OSSSignatureV1.authorization(
            accessKeyId: upload.accessKeyId, secret: secret ?? upload.accessKeySecret, request: request)
        headers["Date"] = date
        headers["Content-Type"] = contentType
        if !contentMD5.isEmpty { headers["Content-MD5"] = contentMD5 }
        let queryText = query.sorted { $0.key < $1.key }
            .map { $0.value.isEmpty ? $0.key : $0.key + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
        let url =
            upload.endpoint + "/" + upload.bucket + "/" + PercentEncoding.encode(objectKey)
            + (queryText.isEmpty ? "" : "?" + queryText)
        var file = bodyFile
        if let body {
            let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("body-" + UUID().uuidString)
            try body.write(to: temporary)
            file = temporary
        }
        defer { if body != nil, let file { try? FileManager.default.removeItem(at: file) } }
        return try curl(method: method, url: url, headers: headers, bodyFile: file)
    }

    // MARK: curl

    public func curl(
        method: String, url: String, headers: [String: String] = [:], bodyFile: URL? = nil, extra: [String] = []
    ) throws -> CurlResult {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curl-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyOut = directory.appendingPathComponent("body")
        var arguments = [
            "-s", "-X", method, "-D", headerFile.path, "-o", bodyOut.path, "--max-time", "30", "-H", "Expect:",
        ]
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if let bodyFile {
            arguments += ["--data-binary", "@" + bodyFile.path]
        } else if method == "POST" || method == "PUT" {
            arguments += ["--data-binary", ""]
        }
        arguments += extra
        arguments.append(url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        let rawHeaders = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        var status = 0
        var parsed: [String: String] = [:]
        for line in rawHeaders.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
                parsed = [:]
            } else if let colon = line.firstIndex(of: ":") {
                parsed[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                    in: .whitespaces)
            }
        }
        let body = (try? Data(contentsOf: bodyOut)) ?? Data()
        return CurlResult(status: status, headers: parsed, body: body, exitCode: process.terminationStatus)
    }
}
