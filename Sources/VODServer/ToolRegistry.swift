import CurlHTTP
import Foundation
import MCPCore
import Synchronization
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
        let defaults = Set(Catalog.defaultOperations)
        func handler(_ operation: VODCatalog.Operation) -> ToolHandler {
            ToolHandler(
                name: operation.action,
                definition: operation.toolDefinition(includeOutputSchema: defaults.contains(operation.action)),
                runsAsTask: false
            ) { arguments, context in
                await runner.run(operation, arguments: arguments, toolName: operation.action, context: context)
            }
        }
        var handlers = selected.map(handler)
        var helpers = [
            MetaTools.describeAPI(catalog: catalog, docs: docs),
            MetaTools.callAPI(catalog: catalog, runner: runner, docs: docs),
            DocsTools.searchDocs(docs: docs), DocsTools.readDoc(docs: docs),
        ]
        let uploader = MediaUploader(
            client: client, transport: transport,
            options: UploadTools.options(settings: settings, environment: environment, homeDirectory: homeDirectory))
        if !settings.readOnly {
            helpers += [
                UploadTools.uploadFile(settings: settings, uploader: uploader, docs: docs),
                UploadTools.uploadURL(client: client, docs: docs, dryRun: settings.dryRun),
            ]
        }
        helpers.append(WaitTools.waitForMedia(client: client, docs: docs, dryRun: settings.dryRun))
        helpers += SigningHelperTools.all(docs: docs)
        if settings.testTools { helpers += TestTools.all }
        helpers.removeAll { settings.excludeTools.contains($0.name) }
        handlers += helpers
        self.handlers = handlers
        self.byName = Dictionary(handlers.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let listed = Set(handlers.map(\.name))
        self.hidden = Dictionary(
            catalog.operations.filter { !listed.contains($0.action) && !settings.excludeTools.contains($0.action) }
                .map { ($0.action, handler($0)) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A value computed once, on first use, by whichever thread asks first.
final class LazyValue<Value: Sendable>: Sendable {
    private let state: Mutex<Value?> = Mutex(nil)
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
    }

    var value: Value {
        state.withLock { stored in
            if let stored { return stored }
            let made = make()
            stored = made
            return made
        }
    }
}
