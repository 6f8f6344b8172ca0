public import CurlHTTP
public import FoundationEssentials
import VODDocs

/// `vod-mcp docs sync`: refreshes the docs cache from the public llms.txt over HTTPS (libcurl).
public enum DocsSyncRunner {
    /// Runs the sync and returns a one-paragraph report; throws a message that says what failed and that the cache
    /// was left unchanged.
    public static func run(environment: [String: String], transport: any HTTPTransport, indexURL: URL? = nil)
        async throws
        -> String
    {
        let cache = DocsSync.defaultCacheDirectory(environment: environment)
        let sync = DocsSync(cacheDirectory: cache, indexURL: indexURL ?? DocsSync.defaultIndexURL) { url in
            let response = try await transport.send(
                HTTPRequest(method: "GET", url: url.absoluteString, timeout: .seconds(30)), progress: nil)
            guard (200..<300).contains(response.status) else {
                throw DocsSyncFetchError(message: "HTTP \(response.status) for \(url.absoluteString)")
            }
            return Data(response.body)
        }
        do {
            let report = try await sync.run()
            return report.summary
        } catch {
            throw DocsSyncFetchError(
                message:
                    "docs sync failed (\(error.code)): \(error.description) The server keeps serving what it served before (cache: \(cache.path))."
            )
        }
    }
}

struct DocsSyncFetchError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
