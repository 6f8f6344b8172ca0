// vod-bench: signing throughput and VODClient per-call overhead against a loopback POP server, compared with
// curl replaying the same kind of signed request in one process (connection kept alive in both).
// Usage: vod-bench <server base URL> [calls]   (tools/bench-client starts the server and runs this)
import CurlHTTP
import Foundation
import VODAPI
import VODCredentials
import VODSigning

func stderr(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

struct Stats {
    var samples: [Double]  // milliseconds
    var median: Double {
        let s = samples.sorted()
        return s.isEmpty ? 0 : s[s.count / 2]
    }
    var min: Double { samples.min() ?? 0 }
    var max: Double { samples.max() ?? 0 }
    var p90: Double {
        let s = samples.sorted()
        return s.isEmpty ? 0 : s[Int(Double(s.count) * 0.9)]
    }
    var line: String {
        String(format: "median %.3f ms  min %.3f  p90 %.3f  max %.3f  (n=%d)", median, min, p90, max, samples.count)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    let (s, a) = duration.components
    return Double(s) * 1000 + Double(a) / 1e15
}

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    stderr("usage: vod-bench <server base URL> [calls]")
    exit(2)
}
let baseURL = arguments[1]
let calls = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
let credential = Credential(accessKeyId: "testid", accessKeySecret: "testsecret")
let business = ["VideoId": "3ee8c9f0ab1c4d7e9f0a1b2c3d4e5f60", "Title": "My video *1~ 视频", "CateId": "1000"]

// (a) Signing throughput.
func signingRate(_ body: () -> Int) -> Double {
    let iterations = 20_000
    var sink = 0
    let start = ContinuousClock.now
    for _ in 0..<iterations { sink &+= body() }
    let elapsed = ContinuousClock.now - start
    if sink == 42 { print("") }
    return Double(iterations) / (milliseconds(elapsed) / 1000)
}
let clock = RequestClock.system

/// The business parameters plus RPC V1's common ones, with a fresh nonce and timestamp.
func v1Parameters() -> [String: String] {
    var params = business
    params["Action"] = "GetVideoInfo"
    params["Version"] = "2017-03-21"
    params["Format"] = "JSON"
    params["AccessKeyId"] = credential.accessKeyId
    params["SignatureMethod"] = "HMAC-SHA1"
    params["SignatureVersion"] = "1.0"
    params["SignatureNonce"] = clock.makeNonce()
    params["Timestamp"] = clock.timestamp()
    return params
}

let v1Rate = signingRate {
    let params = v1Parameters()
    return RPCSignatureV1.signature(secret: credential.accessKeySecret, method: "POST", parameters: params).count
}
let v3Rate = signingRate {
    let request = ACS3Signature.Request(
        method: "POST", query: business,
        headers: [
            "host": "vod.cn-shanghai.aliyuncs.com", "x-acs-action": "GetVideoInfo", "x-acs-version": "2017-03-21",
            "x-acs-date": clock.timestamp(), "x-acs-signature-nonce": clock.makeNonce(),
            "x-acs-content-sha256": ACS3Signature.emptyPayloadHash,
        ])
    return ACS3Signature.authorization(
        accessKeyId: credential.accessKeyId, secret: credential.accessKeySecret, request: request
    ).count
}
print(
    String(format: "signing V1 (RPC HMAC-SHA1, full request params): %.0f ops/s (%.2f µs each)", v1Rate, 1e6 / v1Rate))
print(String(format: "signing V3 (ACS3-HMAC-SHA256):                 %.0f ops/s (%.2f µs each)", v3Rate, 1e6 / v3Rate))

// (b) VODClient.call over loopback.
let transport = CurlTransport(configuration: .init(userAgent: "vod-bench"))
func runClient(_ version: SignatureVersion) async -> Stats {
    let client = VODClient(
        configuration: .init(endpoint: baseURL, signatureVersion: version, maxAttempts: 1),
        credentials: StaticCredentialProvider(credential), transport: transport)
    var samples: [Double] = []
    for index in 0..<(calls + 20) {
        let start = ContinuousClock.now
        do {
            _ = try await client.call(
                action: "GetVideoInfo", httpMethod: "POST", parameters: business, idempotent: true)
        } catch {
            stderr("call failed: \(error)")
            exit(1)
        }
        if index >= 20 { samples.append(milliseconds(ContinuousClock.now - start)) }
    }
    return Stats(samples: samples)
}

// (c) curl with the same signed requests (fresh nonces), all in one process so it keeps the connection alive.
func runCurl() throws -> Stats {
    var config = "silent\nrequest = \"POST\"\nheader = \"Accept: application/json\"\nuser-agent = \"vod-bench\"\n"
    for _ in 0..<(calls + 20) {
        var params = v1Parameters()
        params["Signature"] = RPCSignatureV1.signature(
            secret: credential.accessKeySecret, method: "POST", parameters: params)
        config += "url = \"\(baseURL)/?\(RPCSignatureV1.canonicalQuery(params))\"\noutput = \"/dev/null\"\n"
        config += "write-out = \"%{http_code} %{time_total}\\n\"\n"
    }
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("vod-bench-\(getpid()).curl").path
    try config.write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let process = Process()
    let output = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["curl", "-K", path]
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    var samples: [Double] = []
    for (index, line) in lines.enumerated() {
        let parts = line.split(separator: " ")
        guard parts.count == 2, parts[0] == "200", let seconds = Double(parts[1]) else {
            stderr("curl request failed: \(line)")
            exit(1)
        }
        if index >= 20 { samples.append(seconds * 1000) }
    }
    return Stats(samples: samples)
}

let v1First = await runClient(.v1)
let curlStats = try runCurl()
let v1Second = await runClient(.v1)
let v3Stats = await runClient(.v3)
let clientV1 = Stats(samples: v1First.samples + v1Second.samples)
print("VODClient.call V1 over loopback: \(clientV1.line)")
print("VODClient.call V3 over loopback: \(v3Stats.line)")
print("curl -K (same signed POSTs, one process): \(curlStats.line)")
print(
    String(
        format: "overhead vs curl (median): V1 %+.3f ms (ratio %.2f), V3 %+.3f ms (ratio %.2f); target < 1 ms added",
        clientV1.median - curlStats.median, clientV1.median / curlStats.median,
        v3Stats.median - curlStats.median, v3Stats.median / curlStats.median))
