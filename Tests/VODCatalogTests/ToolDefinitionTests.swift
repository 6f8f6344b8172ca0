import Foundation
import MCPCore
import Testing
import VODCatalog
import VODTestSupport

@Suite struct ToolDefinitionTests {
    static let operations = Catalog.vod.operations
    static let snapshotDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__toolsnaps__")

    /// Each tool's definition (with its outputSchema when defined) is compared with `__toolsnaps__/<Action>.json`;
    /// a difference is shown as a line diff. `UPDATE_SNAPSHOTS=1` re-records (see `SnapshotFile`).
    @Test(arguments: operations.map(\.action))
    func toolSnapshot(action: String) throws {
        let operation = try #require(Catalog.vod.operation(action))
        let actual = operation.toolDefinition(includeOutputSchema: true).prettyString() + "\n"
        if let problem = try SnapshotFile(directory: Self.snapshotDirectory).problem(
            name: "\(action).json", actual: actual)
        {
            Issue.record(Comment(rawValue: problem))
        }
    }

    /// Every file in `__toolsnaps__` is the snapshot of a tool (hidden leftovers included).
    @Test func noStaleSnapshots() throws {
        let stray = try SnapshotFile(directory: Self.snapshotDirectory)
            .strayFiles(expected: Set(Self.operations.map { "\($0.action).json" }))
        #expect(stray.isEmpty)
    }

    // MARK: - Sweeps over every tool

    static let allowedSchemaKeywords: Set = [
        "type", "description", "properties", "required", "additionalProperties", "items", "enum", "default",
        "minimum", "maximum", "maxLength", "maxItems",
    ]

    @Test func everyToolHasNameTitleDescription() throws {
        var names = Set<String>()
        for operation in Self.operations {
            let tool = operation.toolDefinition(includeOutputSchema: true)
            let name = try #require(tool["name"]?.stringValue)
            #expect(name == operation.action)
            #expect(name.range(of: "^[A-Za-z0-9_.-]{1,128}$", options: .regularExpression) != nil)
            #expect(names.insert(name).inserted, "duplicate tool name \(name)")
            #expect((tool["description"]?.stringValue?.count ?? 0) > 15, "\(name) lacks a description")
            #expect(tool["title"]?.stringValue?.isEmpty == false)
        }
        #expect(names.count == 188)
    }

    @Test func annotationsMatchTheAccessClass() throws {
        for operation in Self.operations {
            let annotations = try #require(operation.toolDefinition(includeOutputSchema: false)["annotations"])
            #expect(annotations["readOnlyHint"] == .bool(operation.access == .read), "\(operation.action)")
            #expect(annotations["destructiveHint"] == .bool(operation.access == .destructive), "\(operation.action)")
            #expect(annotations["openWorldHint"] == true)
            #expect(annotations["title"]?.stringValue == operation.title)
            if operation.access == .read { #expect(annotations["idempotentHint"] == true, "\(operation.action)") }
            #expect(annotations["idempotentHint"]?.boolValue != nil)
        }
        #expect(Catalog.vod.operation("CreateUploadVideo")?.annotations["idempotentHint"] == false)
        #expect(Catalog.vod.operation("DeleteVideo")?.annotations["idempotentHint"] == true)
    }

    @Test func inputSchemasAreWellFormed() throws {
        for operation in Self.operations {
            let schema = try #require(operation.toolDefinition(includeOutputSchema: false)["inputSchema"])
            #expect(schema["type"] == "object")
            // No top-level additionalProperties: google-genai's MCP converter crashes on `false` there, and strict
            // converters add it themselves; unknown arguments are refused by validation (ValidationTests).
            #expect(schema["additionalProperties"] == nil)
            for combinator in ["oneOf", "anyOf", "allOf", "not"] { #expect(schema[combinator] == nil) }
            let properties = try #require(schema["properties"]?.objectValue)
            let required = schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Set(required).isSubset(of: Set(properties.keys)), "\(operation.action)")
            #expect(required.count == operation.parameters.filter(\.required).count)
            #expect(properties["DryRun"]?["type"] == "boolean")
            #expect((properties["Confirm"] != nil) == (operation.access == .destructive), "\(operation.action)")
            for (name, property) in properties {
                #expect(property["description"]?.stringValue?.isEmpty == false, "\(operation.action).\(name)")
                try checkKeywords(property, at: "\(operation.action).\(name)")
            }
        }
    }

    @Test func outputSchemasArePermissiveObjects() throws {
        for operation in Catalog.vod.defaultSet {
            let tool = operation.toolDefinition(includeOutputSchema: true)
            let schema = try #require(tool["outputSchema"], "\(operation.action)")
            #expect(schema["type"] == "object")
            // Nothing is required, so the {code, message, ...} object of an isError result conforms too.
            #expect(schema["required"] == nil)
            // Every member may be null (VOD nulls e.g. Video.CoverURL), and none is required at any depth.
            #expect(schema["properties"]?["RequestId"]?["type"] == ["string", "null"])
            #expect(schema["additionalProperties"] == nil)
            #expect(!schema.encodedString().contains("\"required\""), "\(operation.action)")
            // A dry run's preview validates: its members are unlisted, so none can clash with a listed type.
            for member in ["dryRun", "action", "request", "cli", "python", "typescript"] {
                #expect(schema["properties"]?[member] == nil, "\(operation.action).\(member)")
            }
            #expect(operation.toolDefinition(includeOutputSchema: false)["outputSchema"] == nil)
        }
    }

    @Test func strictEnumsAppearInSchemaOthersInDescription() throws {
        let template = try #require(Catalog.vod.operation("AddVodTemplate")?.inputSchema["properties"]?["TemplateType"])
        #expect(template["enum"] == ["Snapshot", "DynamicImage"])
        let watermark = try #require(
            Catalog.vod.operation("GetPlayInfo")?.inputSchema["properties"]?["DigitalWatermarkType"])
        #expect(watermark["enum"] == nil)
        #expect(watermark["description"]?.stringValue?.contains("TraceMark") == true)
    }

    /// The default tool list must stay small; the lead adds 7 helper tools and the whole list must be < 32 KB.
    @Test func defaultToolListSize() {
        let tools = JSONValue.array(Catalog.vod.defaultSet.map { $0.toolDefinition(includeOutputSchema: true) })
        let bytes = tools.encoded().count
        print("default operations' tool JSON: \(bytes) bytes for \(Catalog.defaultOperations.count) tools")
        #expect(bytes < 26_000)
    }

    private func checkKeywords(_ schema: JSONValue, at path: String) throws {
        let members = try #require(schema.objectValue, "\(path) is not an object")
        for (keyword, value) in members {
            #expect(Self.allowedSchemaKeywords.contains(keyword), "\(path) uses \(keyword)")
            if keyword == "items" { try checkKeywords(value, at: "\(path).items") }
            if keyword == "properties" {
                for (name, property) in value.objectValue ?? [:] { try checkKeywords(property, at: "\(path).\(name)") }
            }
        }
    }
}
