import VODCatalog

/// Which operations are listed as tools: toolsets, then `--tools` additions and `--exclude-tools` removals, then
/// `--read-only`.
enum ToolSelection {
    /// Checks the settings without decoding the catalog unless `--tools` names operations.
    static func validate(settings: ServerSettings) throws(ServerSetupError) {
        for toolset in settings.toolsets where toolset != "all" && toolset != "default" {
            guard Catalog.toolsets.contains(toolset) else {
                throw ServerSetupError(
                    message:
                        "--toolsets: unknown toolset '\(toolset)'. Use default, all, or: \(Catalog.toolsets.joined(separator: ", "))"
                )
            }
        }
        if !settings.tools.isEmpty { _ = try operations(settings: settings, catalog: Catalog.vod) }
    }

    static func operations(settings: ServerSettings, catalog: Catalog) throws(ServerSetupError) -> [APIOperation] {
        var names: [String] = []
        for toolset in settings.toolsets {
            switch toolset {
            case "all": names += catalog.operations.map(\.action)
            case "default": names += Catalog.defaultOperations
            default:
                guard Catalog.toolsets.contains(toolset) else {
                    throw ServerSetupError(
                        message:
                            "--toolsets: unknown toolset '\(toolset)'. Use default, all, or: \(Catalog.toolsets.joined(separator: ", "))"
                    )
                }
                names += catalog.operations(inToolsets: [toolset]).map(\.action)
            }
        }
        for tool in settings.tools {
            guard catalog.operation(tool) != nil else {
                let near = catalog.suggestions(forAction: tool)
                throw ServerSetupError(
                    message:
                        "--tools: unknown operation '\(tool)'\(near.isEmpty ? "" : "; did you mean \(near.prefix(3).joined(separator: ", "))?")"
                )
            }
            names.append(tool)
        }
        var seen = Set<String>()
        var result: [APIOperation] = []
        for name in names where seen.insert(name).inserted && !settings.excludeTools.contains(name) {
            guard let operation = catalog.operation(name) else { continue }
            if settings.readOnly && operation.access != .read { continue }
            result.append(operation)
        }
        return result
    }
}
