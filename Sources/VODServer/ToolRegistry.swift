import CurlHTTP
import FoundationEssentials
import MCPCore
import VODAPI
import VODCatalog
import VODDocs
import VODUpload

/// The tools a server lists, and the catalogued operations it can call although they are not listed.
struct ToolRegistry: Sendable {
    let handlers: [ToolHandler]
    let byName: [String: ToolHandler]
    let hidden: [String: ToolHandler]

    init(
        settings: ServerSettings, client: VODClient, transport: any HTTPTransport, runner: OperationRunner,
        docs: DocLibrary, environment: [String: String], homeDirectory: String
    ) {
        let catalog = Catalog.vod
        // Settings were checked by ToolSelection.validate when the server was built.
        let selected = (try? ToolSelection.operations(settings: settings, catalog: catalog)) ?? []
        func handler(_ operation: APIOperation) -> ToolHandler {
            ToolHandler(
                name: operation.action,
                // Every operation with a documented result publishes its outputSchema, listed by default or not.
                definition: operation.toolDefinition(includeOutputSchema: true),
                runsAsTask: false
            ) { arguments, context in
                await runner.run(operation, arguments: arguments, toolName: operation.action, context: context)
            }
        }
        // The tasks people come for first (upload, wait, pull), then the operations, then the ways to everything else.
        let uploader = MediaUploader(
            client: client, transport: transport,
            options: UploadTools.options(settings: settings, environment: environment, homeDirectory: homeDirectory))
        var leading: [ToolHandler] = []
        if !settings.readOnly {
            leading.append(UploadTools.uploadFile(settings: settings, uploader: uploader, docs: docs))
        }
        leading.append(WaitTools.waitForMedia(client: client, docs: docs, dryRun: settings.dryRun))
        if !settings.readOnly {
            leading.append(UploadTools.uploadURL(client: client, docs: docs, dryRun: settings.dryRun))
        }
        // The signing helpers are listed with the toolsets they serve (or all), not by default: callable by name or
        // through call_api either way.
        let signing = SigningHelperTools.all(docs: docs)
        let signingListed = settings.toolsets.contains {
            ["all", "domains", "security", "playback", "events"].contains($0)
        }
        var trailing = [
            MetaTools.describeAPI(catalog: catalog, docs: docs, helpers: signing),
            MetaTools.callAPI(catalog: catalog, runner: runner, docs: docs, helpers: signing),
            DocsTools.searchDocs(docs: docs), DocsTools.readDoc(docs: docs),
        ]
        if signingListed { trailing += signing }
        if settings.testTools { trailing += TestTools.all }
        var handlers = leading + selected.map(handler) + trailing
        handlers.removeAll { settings.excludeTools.contains($0.name) }
        self.handlers = handlers
        self.byName = Dictionary(handlers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let listed = Set(handlers.map(\.name))
        let unlistedHelpers = signing.filter { !listed.contains($0.name) && !settings.excludeTools.contains($0.name) }
        self.hidden = Dictionary(
            catalog.operations.filter { !listed.contains($0.action) && !settings.excludeTools.contains($0.action) }
                .map { ($0.action, handler($0)) } + unlistedHelpers.map { ($0.name, $0) },
            uniquingKeysWith: { first, _ in first })
    }
}
