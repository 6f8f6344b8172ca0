public import CurlHTTP
import FoundationEssentials
public import MCPCore
import VODAPI
import VODCatalog
public import VODCredentials
import VODDocs
import VODSigning
import VODUpload

/// The vod-mcp application behind the protocol core: tools, resources and prompts.
public final class VODToolServer: MCPServerDelegate {
    public let settings: ServerSettings
    let docs: DocLibrary
    /// Tool handlers are built on first use, so `initialize` and `server/discover` are answered before the catalog
    /// is decoded.
    private let registry: Lazy<ToolRegistry>

    /// Builds the server. `credentials` and `transport` default to the Alibaba Cloud credential chain and libcurl.
    public init(
        settings: ServerSettings, credentials: (any CredentialProvider)? = nil, transport: (any HTTPTransport)? = nil,
        environment: [String: String], homeDirectory: String, version: String
    ) throws(ServerSetupError) {
        self.settings = settings
        let docs: DocLibrary
        do {
            docs = try DocLibrary.select(
                directory: settings.docsDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) },
                cache: DocsSync.defaultCacheDirectory(environment: environment))
        } catch {
            throw ServerSetupError(message: "--docs-dir: \(String(describing: error))")
        }
        self.docs = docs
        // ALIBABA_CLOUD_USER_AGENT is appended, as the official SDKs do.
        let userAgent = [CurlTransport.defaultUserAgent(version: version), environment["ALIBABA_CLOUD_USER_AGENT"]]
            .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        let transport = transport ?? CurlTransport(configuration: .init(userAgent: userAgent))
        let credentials =
            credentials
            ?? DefaultCredentialChain(
                profile: settings.profile, environment: environment, homeDirectory: homeDirectory, transport: transport,
                clock: .system)
        let client = VODClient(
            configuration: .init(
                region: settings.region, endpoint: settings.endpoint,
                signatureVersion: settings.signatureVersion == "v3" ? .v3 : .v1,
                connectTimeout: .milliseconds(Int64(settings.connectTimeoutSeconds * 1000)),
                timeout: .milliseconds(Int64(settings.timeoutSeconds * 1000)),
                // Retries included, a call answers within 25 s by default, under the time limit MCP clients commonly
                // give a tool call; a --timeout above the default asks for longer.
                deadline: .milliseconds(
                    Int64((settings.timeoutSeconds > 30 ? settings.timeoutSeconds * 2 : 25) * 1000)),
                userAgent: userAgent),
            credentials: credentials, transport: transport)
        let runner = OperationRunner(
            settings: settings, client: client, docs: docs,
            confirmations: ConfirmationGate(key: settings.stateSealingKey))
        try ToolSelection.validate(settings: settings)
        let docsForTools = docs
        self.registry = Lazy {
            ToolRegistry(
                settings: settings, client: client, transport: transport, runner: runner, docs: docsForTools,
                environment: environment, homeDirectory: homeDirectory)
        }
    }

    /// The listed tool definitions, for `vod-mcp tools` and the README table.
    public var toolDefinitions: [JSONValue] { registry.value.handlers.map(\.definition) }

    public func listTools(context: RequestContext) async -> [JSONValue] {
        guard context.transport != .stdio else { return toolDefinitions }
        return registry.value.handlers.filter { Self.serves($0.name, over: context.transport) }.map(\.definition)
    }

    public func callTool(name: String, arguments: [String: JSONValue], context: RequestContext) async throws
        -> ToolOutcome
    {
        let registry = registry.value
        if !Self.serves(name, over: context.transport) { return localFileRefusal(name) }
        if let handler = registry.byName[name] ?? registry.hidden[name] {
            // Arguments are checked by the handler: operation tools by the catalog, helper tools by their HelperTool.
            return ResultContract.enforce(
                try await handler.run(arguments, context), tool: name, definition: handler.definition)
        }
        let suggestions =
            Catalog.vod.suggestions(forAction: name)
            + registry.handlers.map(\.name).filter {
                $0.lowercased() == name.lowercased()
            }
        throw JSONRPCError.invalidParams(
            "Unknown tool: \(name).\(suggestions.isEmpty ? "" : " Did you mean \(suggestions.prefix(3).joined(separator: ", "))?") Call tools/list, or describe_api for any VOD operation",
            data: ["tool": .string(name)])
    }

    public func runsAsTask(toolName: String) -> Bool {
        registry.value.byName[toolName]?.runsAsTask ?? false
    }

    // MARK: Resources

    public func listResources(context: RequestContext) async -> [JSONValue] {
        docs.pages.map { page in
            [
                "uri": .string(page.uri), "name": .string(page.path), "title": .string(page.title),
                "description": .string(page.summary), "mimeType": "text/markdown",
                "size": .int(Int64(page.text.utf8.count)),
            ]
        }
    }

    public func listResourceTemplates(context: RequestContext) async -> [JSONValue] {
        DocLibrary.templates.map { template in
            [
                "uriTemplate": .string(template.uriTemplate), "name": .string(template.name),
                "description": .string(template.description), "mimeType": "text/markdown",
            ]
        }
    }

    public func readResource(uri: String, context: RequestContext) async throws -> [JSONValue]? {
        guard let text = docs.read(uri: uri) else { return nil }
        return [
            [
                "uri": .string(uri), "mimeType": "text/markdown", "text": .string(text),
                "_meta": ["vod-mcp/source": .string(docs.source)],
            ]
        ]
    }

    // MARK: Prompts and completion

    public func listPrompts(context: RequestContext) async -> [JSONValue] { Prompts.definitions }

    public func getPrompt(name: String, arguments: [String: String], context: RequestContext) async throws -> JSONValue
    {
        try Prompts.get(name: name, arguments: arguments)
    }

    public func complete(reference: JSONValue, argumentName: String, value: String, context: RequestContext) async
        -> [String]
    {
        let candidates: [String]
        switch argumentName {
        case "action": candidates = Catalog.vod.operations.map(\.action)
        case "code": candidates = docs.errorCodes
        default: candidates = []
        }
        let needle = value.lowercased()
        return candidates.filter { needle.isEmpty || $0.lowercased().hasPrefix(needle) }
            + candidates.filter {
                !needle.isEmpty && !$0.lowercased().hasPrefix(needle) && $0.lowercased().contains(needle)
            }
    }
}

/// A setting that makes the server impossible to start, with what to change.
public struct ServerSetupError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
