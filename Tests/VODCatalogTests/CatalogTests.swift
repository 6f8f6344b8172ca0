import Foundation
import MCPCore
import Testing
import VODCatalog

@Suite struct CatalogTests {
    let catalog = Catalog.vod

    @Test func embeddedCatalogDecodes() throws {
        let loaded = try Catalog.embedded()
        #expect(loaded.operations.count == 188)
        #expect(catalog.operations.count == 188)
    }

    @Test func embeddedDataMatchesCommittedCatalogFile() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("tools/catalog/vod-catalog.json")
        let fromFile = try Catalog(json: String(contentsOf: file, encoding: .utf8))
        #expect(fromFile.operations == catalog.operations)
    }

    @Test func operationsAreSortedAndUnique() {
        let names = catalog.operations.map(\.action)
        #expect(names == names.sorted())
        #expect(Set(names).count == names.count)
    }

    @Test func accessSplitIs101Read64Write23Destructive() {
        let counts = Dictionary(grouping: catalog.operations, by: \.access).mapValues(\.count)
        #expect(counts[.read] == 101)
        #expect(counts[.write] == 64)
        #expect(counts[.destructive] == 23)
    }

    @Test func methodsAre180PostAnd8Get() {
        let get = catalog.operations.filter { $0.httpMethod == "GET" }.map(\.action)
        #expect(get.count == 8)
        #expect(get.contains("GetWorkflowTask"))
        #expect(catalog.operations.allSatisfy { ["GET", "POST"].contains($0.httpMethod) })
    }

    @Test func internalParametersAreNeverExposed() {
        let routing: Set = [
            "OwnerId", "ResourceOwnerId", "ResourceOwnerAccount", "OwnerAccount", "SecurityToken", "HeraApiAutoVersion",
        ]
        for operation in catalog.operations {
            let names = Set(operation.parameters.map(\.name))
            #expect(names.isDisjoint(with: routing), "\(operation.action) exposes \(names.intersection(routing))")
            let schemaNames = Set(operation.inputSchema["properties"]?.objectValue?.keys.map { $0 } ?? [])
            #expect(schemaNames.isDisjoint(with: routing))
            #expect(!schemaNames.contains("Format") && !schemaNames.contains("Version"))
        }
    }

    @Test func toolsetsCoverEveryOperationExactlyOnce() {
        #expect(Catalog.toolsets.count == 18)
        var seen: [String: Int] = [:]
        for toolset in Catalog.toolsets {
            for operation in catalog.operations(inToolsets: [toolset]) { seen[operation.action, default: 0] += 1 }
        }
        #expect(seen.count == 188)
        #expect(seen.values.allSatisfy { $0 == 1 })
        #expect(catalog.operations.allSatisfy { Catalog.toolsets.contains($0.toolset) })
        #expect(catalog.operations(inToolsets: ["statistics"]).count == 34)
        #expect(catalog.operation("DescribeVodDomainBpsData")?.toolset == "statistics")
        #expect(catalog.operation("ListLiveRecordVideo")?.toolset == "live_to_vod")
    }

    /// Issue 15: the operations of the common journeys (the upload tools come from VODServer).
    @Test func defaultSetIsTheAgreedEleven() {
        #expect(Catalog.defaultOperations.count == 11)
        #expect(Set(Catalog.defaultOperations).count == 11)
        #expect(catalog.defaultSet.map(\.action) == Catalog.defaultOperations)
        for operation in catalog.defaultSet {
            #expect(operation.outputSchema != nil, "\(operation.action) lacks an outputSchema")
        }
    }

    @Test func flagsFollowTheReference() throws {
        let upload = try #require(catalog.operation("CreateUploadVideo"))
        #expect(upload.sensitiveOutput && !upload.startsJob && upload.access == .write)
        let transcode = try #require(catalog.operation("SubmitTranscodeJobs"))
        #expect(transcode.startsJob)
        #expect(catalog.operations.filter(\.startsJob).count == 19)
        #expect(catalog.operations.filter(\.sensitiveOutput).count == 13)
        #expect(catalog.operation("DeleteVideo")?.access == .destructive)
        #expect(catalog.operation("BatchStopVodDomain")?.access == .destructive)
    }

    @Test func defaultOperationParametersHaveOwnBounds() throws {
        let upload = try #require(catalog.operation("CreateUploadVideo"))
        #expect(upload.parameter("Title")?.maxLength == 128)
        #expect(upload.parameter("Description")?.maxLength == 1024)
        let tags = try #require(upload.parameter("Tags"))
        #expect(tags.maxItems == 16 && tags.itemMaxLength == 32 && tags.wireFormat == .commaList)
        #expect(upload.parameter("FileName")?.required == true)
        #expect(upload.parameter("CateId")?.type == .integer)
        #expect(upload.parameter("UserData")?.wireFormat == .jsonString)
        let list = try #require(catalog.operation("GetVideoList"))
        #expect(list.parameter("PageSize")?.maximum == 100)
        #expect(list.parameter("PageNo") != nil && list.parameter("PageNumber") == nil)
        #expect(list.parameter("StartTime")?.isTime == true)
        let auth = try #require(catalog.operation("GetVideoPlayAuth"))
        #expect(auth.parameter("AuthInfoTimeout")?.minimum == 100 && auth.parameter("AuthInfoTimeout")?.maximum == 3000)
        #expect(catalog.operation("SubmitTranscodeJobs")?.parameter("Priority")?.type == .integer)
    }

    @Test func everyDefaultParameterHasItsOwnDescription() {
        for operation in catalog.defaultSet {
            for parameter in operation.parameters {
                #expect(!parameter.description.isEmpty)
                #expect(parameter.description.count <= 160, "\(operation.action).\(parameter.name) is long")
            }
        }
    }

    @Test(arguments: [
        ("GetVideoInf", "GetVideoInfo"),
        ("getvideoinfo", "GetVideoInfo"),
        ("GetPlayinfo", "GetPlayInfo"),
        ("DeleteVideos", "DeleteVideo"),
    ])
    func actionSuggestions(typed: String, expected: String) {
        #expect(catalog.suggestions(forAction: typed).first == expected)
    }

    @Test func resolveThrowsUnknownOperationWithSuggestions() {
        #expect(
            throws: CatalogError.unknownOperation(
                name: "GetVidoInfo", suggestions: catalog.suggestions(forAction: "GetVidoInfo"))
        ) {
            try catalog.resolve("GetVidoInfo")
        }
        let error = CatalogError.unknownOperation(name: "GetVidoInfo", suggestions: ["GetVideoInfo"])
        #expect(error.code == "Validation.UnknownOperation")
        #expect(error.description.contains("Did you mean GetVideoInfo"))
        #expect(catalog.suggestions(forAction: "Zzzzzzzzzzzz").isEmpty)
    }

    @Test func corruptDataIsReportedNotCrashed() {
        #expect(throws: CatalogError.self) { try Catalog(json: "{\"format\": 1}") }
        do {
            _ = try Catalog(json: "[]")
            Issue.record("expected a throw")
        } catch {
            #expect(error.code == "Catalog.Corrupt")
        }
    }
}
