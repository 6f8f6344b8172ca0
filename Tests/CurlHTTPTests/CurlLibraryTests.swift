import Foundation
import Testing

@testable import CurlHTTP

/// libcurl is loaded on first use; when it cannot be, every transfer fails with a message naming the fix.
@Suite(.timeLimit(.minutes(1)))
struct CurlLibraryTests {
    static let missing = "libcurl-vodmcp-missing.so.4"

    @Test func aMissingLibraryFailsEveryTransferNamingTheFix() async throws {
        let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/9.9"), libraryName: Self.missing)
        let errors = await withTaskGroup(of: CurlError?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do throws(CurlError) {
                        _ = try await transport.send(HTTPRequest(method: "GET", url: "https://127.0.0.1:1/"))
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: [CurlError?]()) { $0.append($1) }
        }
        #expect(errors.count == 8)
        for error in errors {
            let error = try #require(error, "a transfer succeeded without libcurl")
            #expect(error.code == "Network.LibcurlUnavailable")
            #expect(!error.mayHaveReachedServer)
            #expect(!error.isTransient)
            // The loader's own words name the library it looked for; the rest names the package to install.
            #expect(error.reason.contains(Self.missing))
            #expect(error.description.contains("could not be loaded"))
            #expect(error.description.contains("libcurl4"))
            #expect(error.description.contains("apt-get install libcurl4"))
        }
    }

    @Test func aLibraryThatIsNotLibcurlIsRefusedByName() async throws {
        // libc is surely there and has none of libcurl's functions.
        let transport = CurlTransport(configuration: .init(userAgent: "vod-mcp/9.9"), libraryName: "libc.so.6")
        do {
            _ = try await transport.send(HTTPRequest(method: "GET", url: "https://127.0.0.1:1/"))
            Issue.record("a transfer succeeded through libc")
        } catch {
            #expect(error.code == "Network.LibcurlUnavailable")
            #expect(error.reason == "libc.so.6 has no curl_global_init (vod-mcp needs libcurl 7.68 or later)")
        }
    }

    @Test func theSharedLibraryLoadsAndTheUserAgentNamesTheBuildVersion() throws {
        let library = try CurlLibrary.shared.get()
        #expect(library.version.split(separator: ".").count >= 3)
        let agent = CurlTransport.defaultUserAgent(version: "1.2.3")
        #expect(agent == "vod-mcp/1.2.3 libcurl/\(CurlLibrary.buildVersion)")
        #expect(CurlLibrary.buildVersion.split(separator: ".").allSatisfy { Int($0) != nil })
    }

    /// The package's binaries carry no link to libcurl (this test binary links every library target), so start-up
    /// never maps libcurl's dependency tree.
    @Test func theTestBinaryDoesNotLinkLibcurl() throws {
        #if os(Linux)
            let process = Process()
            let output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["ldd", URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path]
            process.standardOutput = output
            try process.run()
            let listing = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            #expect(listing.contains("libc.so"), "ldd listed nothing: \(listing)")
            #expect(!listing.contains("libcurl"), "\(listing)")
        #endif
    }
}
