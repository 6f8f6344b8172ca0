import CurlHTTP
import Foundation

/// An in-memory transport: records requests and plays back scripted results in order (the last one repeats).
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var script: [Result<HTTPResponse, CurlError>]
    private var recorded: [HTTPRequest] = []

    init(_ script: [Result<HTTPResponse, CurlError>]) {
        self.script = script
    }

    static func json(_ status: Int, _ object: [String: Any], headers: [String: String] = [:]) -> Result<
        HTTPResponse, CurlError
    > {
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return .success(HTTPResponse(status: status, headers: headers, body: Array(data)))
    }

    var requests: [HTTPRequest] {
        lock.withLock { recorded }
    }

    func send(_ request: HTTPRequest, progress: (@Sendable (Int64, Int64) -> Void)?) async throws(CurlError)
        -> HTTPResponse
    {
        let next = lock.withLock {
            recorded.append(request)
            return script.count > 1 ? script.removeFirst() : script[0]
        }
        return try next.get()
    }
}

/// Query parameters of a URL, decoded.
func queryItems(_ url: String) -> [String: String] {
    guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
    var result: [String: String] = [:]
    for pair in query.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
        result[name] = parts.count > 1 ? (String(parts[1]).removingPercentEncoding ?? "") : ""
    }
    return result
}
