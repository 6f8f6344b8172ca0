// swift-tools-version:6.0
import PackageDescription

// Dependency direction (each target may import only what it lists):
//   C shims  ->  VODSigning, CurlHTTP  ->  VODCredentials  ->  VODAPI  ->  VODUpload
//   MCPCore  ->  VODCatalog, VODDocs  ->  VODHints;  MCPCore, VODSigning  ->  MCPHTTP (Streamable HTTP, SwiftNIO)
//   VODServer wires everything; VODEmulator is only seen by the executable and the tests.
//   TextSupport (trimming and printf-style formatting without the full Foundation) is a leaf any target may use.
let package = Package(
    name: "vod-mcp",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vod-mcp", targets: ["vod-mcp"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // System libraries with tiny C shims for variadic / macro APIs.

        // Opens a shared library on first use and resolves a table of its functions (dlopen/dlsym), for CCurl and
        // COpenSSL.
        .target(name: "CLibraryLoader"),
        // libcurl, opened with dlopen on first use (the binary does not link it), with typed wrappers for its variadic
        // setopt / getinfo calls. Builds against the system's curl/curl.h (Debian: libcurl4-openssl-dev); runs with
        // the runtime package (libcurl4). dlopen is in glibc itself since 2.34, so no -ldl.
        .target(name: "CCurl", dependencies: ["CLibraryLoader"]),
        // OpenSSL's libcrypto (digests, HMAC), opened with dlopen on the first digest (the binary does not link it).
        // Builds against the system's openssl/evp.h (Debian: libssl-dev); runs with the runtime package (libssl3).
        .target(name: "COpenSSL", dependencies: ["CLibraryLoader"]),

        // String helpers that would otherwise need the full Foundation; depends on nothing.
        .target(name: "TextSupport"),

        // Protocol core: JSON-RPC 2.0 + MCP (both eras) over stdio. Knows nothing about VOD.
        .target(name: "MCPCore", dependencies: [.product(name: "Logging", package: "swift-log")]),

        // Streamable HTTP transport (both eras) over the protocol core; VODSigning seals session ids.
        .target(
            name: "MCPHTTP",
            dependencies: [
                "MCPCore", "VODSigning", "TextSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        // Cryptography and request signing (RPC V1, ACS3-HMAC-SHA256, OSS V1), CRC64, MD5.
        .target(name: "VODSigning", dependencies: ["COpenSSL", "TextSupport"]),
        // The only libcurl user: requests, streaming bodies, connection reuse.
        .target(name: "CurlHTTP", dependencies: ["CCurl"]),
        // The Alibaba Cloud credentials chain.
        .target(name: "VODCredentials", dependencies: ["VODSigning", "CurlHTTP", "TextSupport"]),
        // One signed VOD call: endpoints, retries, typed errors.
        .target(name: "VODAPI", dependencies: ["VODSigning", "CurlHTTP", "VODCredentials", "TextSupport"]),
        // All 188 operations as data, JSON Schemas, argument validation and wire encoding.
        .target(name: "VODCatalog", dependencies: ["MCPCore", "TextSupport"]),
        // Error code -> remediation hint table; its links use VODDocs' URI spelling.
        .target(name: "VODHints", dependencies: ["VODDocs"]),
        // The llms/ documentation set, embedded, as resources and searchable sections.
        .target(name: "VODDocs", dependencies: ["MCPCore", "TextSupport"]),
        // Local file upload to OSS via VOD upload credentials.
        .target(name: "VODUpload", dependencies: ["VODAPI", "CurlHTTP", "VODSigning", "TextSupport"]),
        // The local VOD + OSS sandbox.
        .target(
            name: "VODEmulator",
            dependencies: [
                "VODSigning", "CurlHTTP", "VODCatalog", "MCPCore", "TextSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Wiring: tools, resources, prompts; the one place errors become tool results.
        .target(
            name: "VODServer",
            dependencies: [
                "MCPCore", "CurlHTTP", "VODSigning", "VODCredentials", "VODAPI", "VODCatalog", "VODHints", "VODDocs",
                "VODUpload", "TextSupport", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The command line: the stdio and HTTP servers, the standalone sandbox, `tools`, `docs sync`.
        .executableTarget(
            name: "vod-mcp",
            dependencies: [
                "VODServer", "MCPCore", "MCPHTTP", "VODEmulator", "VODCredentials", "CurlHTTP", "TextSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // What the tests share: the built binary over pipes, the in-process sandbox harness. Fixtures used by more
        // than one test target live once in Tests/Fixtures.
        .target(
            name: "VODTestSupport",
            dependencies: ["VODEmulator", "VODSigning", "VODAPI", "VODUpload", "CurlHTTP", "VODCredentials"],
            path: "Tests/VODTestSupport"
        ),

        .testTarget(name: "TextSupportTests", dependencies: ["TextSupport"]),
        .testTarget(name: "CommandLineTests", dependencies: ["vod-mcp"]),
        .testTarget(name: "MCPCoreTests", dependencies: ["MCPCore"]),
        .testTarget(name: "VODSigningTests", dependencies: ["VODSigning"]),
        .testTarget(name: "CurlHTTPTests", dependencies: ["CurlHTTP"]),
        .testTarget(name: "VODCredentialsTests", dependencies: ["VODCredentials", "VODSigning", "CurlHTTP"]),
        .testTarget(
            name: "VODAPITests", dependencies: ["VODAPI", "VODSigning", "VODCredentials", "CurlHTTP"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "VODCatalogTests", dependencies: ["VODCatalog", "MCPCore", "VODTestSupport"],
            exclude: ["__toolsnaps__"]),
        .testTarget(name: "VODHintsTests", dependencies: ["VODHints", "VODDocs"]),
        .testTarget(name: "VODDocsTests", dependencies: ["VODDocs", "VODHints", "MCPCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "VODEmulatorTests", dependencies: ["VODEmulator", "VODSigning", "VODTestSupport", "TextSupport"]),
        .testTarget(
            name: "VODUploadTests",
            dependencies: ["VODUpload", "VODAPI", "VODEmulator", "CurlHTTP", "VODCredentials", "VODTestSupport"]),
        .testTarget(
            name: "VODServerTests",
            dependencies: ["VODServer", "MCPCore", "VODCatalog", "VODDocs", "VODHints", "VODUpload", "VODTestSupport"],
            exclude: ["__toolsnaps__"]),
        .testTarget(
            name: "TranscriptTests", dependencies: ["vod-mcp", "VODEmulator", "MCPCore", "VODDocs", "VODTestSupport"],
            exclude: ["Transcripts"]),
        // The client benchmark (tools/bench-client): signed requests through VODAPI against a loopback POP server.
        .executableTarget(name: "vod-bench", dependencies: ["VODAPI", "VODSigning", "CurlHTTP", "VODCredentials"]),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings += [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("MemberImportVisibility"),
        .enableUpcomingFeature("InternalImportsByDefault"),
    ]
    target.swiftSettings = settings
}
