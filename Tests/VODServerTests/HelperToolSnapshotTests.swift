import Foundation
import MCPCore
import Testing
import VODCatalog
import VODTestSupport

@testable import VODServer

/// The tools vod-mcp adds to the 188 operations (uploads, waits, docs, describe_api, call_api, signing helpers) have
/// snapshots too: `__toolsnaps__/<name>.json` here, as VODCatalogTests keeps one per operation.
@Suite struct HelperToolSnapshotTests {
    static let snapshots = SnapshotFile(
        directory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__toolsnaps__"))

    /// Every tool `--toolsets all` lists that is not a catalog operation.
    static let helperTools: [JSONValue] = {
        let operations = Set(Catalog.vod.operations.map(\.action))
        let server = try? ToolNameReachabilityTests.server(["all"])
        return (server?.toolDefinitions ?? []).filter { tool in
            guard let name = tool["name"]?.stringValue else { return false }
            return !operations.contains(name)
        }
    }()

    static var names: [String] { helperTools.compactMap { $0["name"]?.stringValue } }

    @Test func theHelperToolsAreThere() {
        #expect(Self.names.count >= 9, "\(Self.names)")
    }

    @Test(arguments: names)
    func helperToolSnapshot(name: String) throws {
        let tool = try #require(Self.helperTools.first { $0["name"]?.stringValue == name })
        if let problem = try Self.snapshots.problem(name: "\(name).json", actual: tool.prettyString() + "\n") {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// Every file in `__toolsnaps__` is the snapshot of a helper tool (hidden leftovers included).
    @Test func noStaleSnapshots() throws {
        #expect(try Self.snapshots.strayFiles(expected: Set(Self.names.map { "\($0).json" })).isEmpty)
    }
}
