/// All VOD operations of API version 2017-03-21, with toolsets and the default tool selection.
public struct Catalog: Sendable {
    /// The embedded catalog of all 188 operations, decoded on first use.
    /// Empty only if the embedded data is unreadable, which the test suite rules out; `embedded()` reports why.
    public static let vod: Catalog = (try? embedded()) ?? Catalog(operations: [])

    /// The toolset names, in presentation order.
    public static let toolsets: [String] = [
        "upload", "media", "processing", "templates", "snapshots", "ai", "audit", "playback", "security", "domains",
        "statistics", "events", "apps", "editing", "categories", "watermark", "storage", "live_to_vod",
    ]

    /// The operations exposed as tools by default, in presentation order: the common journeys (play, find, update,
    /// delete, transcode, templates, upload registration for SDK code). vod-mcp's own tools (upload_media_file,
    /// wait_for_media, upload_media_url first; describe_api, call_api and the docs tools last) frame them.
    public static let defaultOperations: [String] = [
        "GetPlayInfo", "GetVideoInfo", "SearchMedia", "UpdateVideoInfo", "UpdateVideoInfos", "DeleteVideo",
        "AddTranscodeTemplateGroup", "SubmitTranscodeJobs", "AddAITemplate", "GetVideoPlayAuth", "CreateUploadVideo",
    ]

    /// Every operation, sorted by action.
    public let operations: [APIOperation]
    private let index: [String: Int]

    /// Builds a catalog from operations (sorted here by action).
    public init(operations: [APIOperation]) {
        self.operations = operations.sorted { $0.action < $1.action }
        var index: [String: Int] = [:]
        for (position, operation) in self.operations.enumerated() { index[operation.action] = position }
        self.index = index
    }

    /// The operation named exactly `action`, or `nil`.
    public func operation(_ action: String) -> APIOperation? {
        index[action].map { operations[$0] }
    }

    /// The operation named `action`, or `CatalogError.unknownOperation` with close names.
    public func resolve(_ action: String) throws(CatalogError) -> APIOperation {
        guard let operation = operation(action) else {
            throw .unknownOperation(name: action, suggestions: suggestions(forAction: action))
        }
        return operation
    }

    /// Up to three action names close to `forAction` (case-insensitive edit distance), closest first.
    public func suggestions(forAction name: String) -> [String] {
        closestNames(to: name, among: operations.map(\.action), limit: 3)
    }

    /// The operations of the given toolsets, sorted by action.
    public func operations(inToolsets toolsets: Set<String>) -> [APIOperation] {
        operations.filter { toolsets.contains($0.toolset) }
    }

    /// The default operations, in `defaultOperations` order.
    public var defaultSet: [APIOperation] {
        Self.defaultOperations.compactMap { operation($0) }
    }
}
