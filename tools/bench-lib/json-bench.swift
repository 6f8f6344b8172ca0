// The JSON work of one tool call, timed for JSONValue's direct parser and writer against JSONDecoder/JSONEncoder
// (what JSONValue used before) in the same process. Built and run by tools/bench-json together with
// Sources/MCPCore/JSON*.swift; prints nanoseconds per operation and the ratio new/old (below 1 is faster).
import Foundation

@main
struct JSONBench {
    /// A tools/call request as a client sends it.
    static let request = Array(
        #"{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"name":"GetVideoInfo","arguments":{"VideoId":"93ab850b4f6f44eab54b6e91d24d81d4"},"_meta":{"progressToken":"p-42"}}}"#
            .utf8)

    /// The structured content of a GetVideoInfo result, shaped as the sandbox answers it.
    static let videoInfo: JSONValue = [
        "RequestId": "25818875-5F78-4A13-BEF6-D7393642CA58",
        "Video": [
            "VideoId": "93ab850b4f6f44eab54b6e91d24d81d4", "Title": "Product launch, 2nd cut (中文标题)",
            "Description": "Recorded at the keynote.\nSecond line with \"quotes\" and a / slash.",
            "Duration": 135.6, "Size": 10_897_890, "Status": "Normal",
            "StorageLocation": "outin-1.oss-cn-shanghai.aliyuncs.com",
            "CreationTime": "2026-11-29T21:00:00Z", "ModificationTime": "2026-11-29T21:05:12Z",
            "CoverURL": "https://example.com/snapshots/93ab850b/cover-00001.jpg?auth_key=1700000000-0-0-abc",
            "CateId": 1_000_235, "CateName": "Keynotes", "Tags": "launch,keynote", "AppId": "app-1000000",
            "RegionId": "cn-shanghai", "AuditStatus": "Normal", "StorageClass": "Standard", "RestoreStatus": "",
            "DownloadSwitch": "on", "PreprocessStatus": "UnPreprocess", "TemplateGroupId": "1b4d8a0c9e7f4f2a8e6d",
            "Snapshots": [
                "Snapshot": .array((1...4).map { .string("https://example.com/snapshots/93ab850b/\($0).jpg") })
            ],
        ],
    ]

    /// The response line for that call: text block (pretty JSON) plus structured content, as VODServer builds it.
    static func response(_ structured: JSONValue) -> JSONValue {
        [
            "jsonrpc": "2.0", "id": 42,
            "result": [
                "content": [["type": "text", "text": .string(structured.prettyString())]],
                "structuredContent": structured, "isError": false,
            ],
        ]
    }

    static func main() {
        let iterations = Int(CommandLine.arguments.dropFirst().first ?? "") ?? 20000
        let requestData = Data(request)
        let responseValue = response(videoInfo)
        let responseData = responseValue.encoded()
        let decoder = JSONDecoder()
        let compact = JSONEncoder()
        compact.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let pretty = JSONEncoder()
        pretty.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]

        // Both sides must agree before their times mean anything.
        precondition((try? JSONValue.parse(requestData)) == (try? decoder.decode(JSONValue.self, from: requestData)))
        precondition(responseValue.encoded() == (try? compact.encode(responseValue)))
        precondition(Data(videoInfo.prettyString().utf8) == (try? pretty.encode(videoInfo)))

        print("JSON per tool call, \(iterations) iterations, median of 7 interleaved runs (thread CPU ns/op)")
        print("operation                        new      JSONDecoder/Encoder   new/old")
        var totals = (new: 0.0, old: 0.0)
        func row(_ name: String, _ new: () -> Void, _ old: () -> Void) {
            var newTimes: [Double] = []
            var oldTimes: [Double] = []
            for _ in 0..<7 {
                newTimes.append(time(iterations, new))
                oldTimes.append(time(iterations, old))
            }
            let newMedian = newTimes.sorted()[3]
            let oldMedian = oldTimes.sorted()[3]
            totals.new += newMedian
            totals.old += oldMedian
            print(
                name.padding(toLength: 30, withPad: " ", startingAt: 0)
                    + pad(newMedian, 8) + pad(oldMedian, 22) + "   x" + ratio(newMedian / oldMedian))
        }
        row(
            "parse tools/call request", { blackHole(try? JSONValue.parse(requestData)) },
            {
                blackHole(try? decoder.decode(JSONValue.self, from: requestData))
            })
        row(
            "pretty GetVideoInfo text", { blackHole(videoInfo.prettyString()) },
            {
                blackHole((try? pretty.encode(videoInfo)).map { String(decoding: $0, as: UTF8.self) })
            })
        row(
            "encode response line", { blackHole(responseValue.encoded()) },
            { blackHole(try? compact.encode(responseValue)) })
        row(
            "parse response line", { blackHole(try? JSONValue.parse(responseData)) },
            {
                blackHole(try? decoder.decode(JSONValue.self, from: responseData))
            })
        print(
            "total (the four above)".padding(toLength: 30, withPad: " ", startingAt: 0) + pad(totals.new, 8)
                + pad(totals.old, 22)
                + "   x" + ratio(totals.new / totals.old))
    }

    static func time(_ iterations: Int, _ body: () -> Void) -> Double {
        var start = timespec()
        var end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        for _ in 0..<iterations { body() }
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        let nanoseconds = Double(end.tv_sec - start.tv_sec) * 1e9 + Double(end.tv_nsec - start.tv_nsec)
        return nanoseconds / Double(iterations)
    }

    static func pad(_ value: Double, _ width: Int) -> String {
        let text = String(Int(value.rounded()))
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    static func ratio(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }

    @inline(never)
    static func blackHole<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }
}
