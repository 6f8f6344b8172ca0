/// Reads the command lines agents launch the server with (`vod-mcp`, `vod-mcp --sandbox`,
/// `vod-mcp --region cn-beijing --toolsets all`, ...) without ArgumentParser. ArgumentParser builds its command tree
/// through runtime reflection and conformance lookups, a measurable part of start-up that a server launched at every
/// agent session pays each time (issue 16).
///
/// ArgumentParser stays the definition of the command line: anything this reader does not know (a subcommand, `--help`,
/// `--version`, an option outside its tables, a repeated option, a value that starts with `-`, `--`) makes it return
/// nil, and `VODMCPCommand` parses the line as before, with its help and its errors. `QuickLaunchTests` checks that
/// both readers give the same `ServeArguments` for every entry of the tables.
enum QuickLaunch {
    /// Boolean flags of `serve`.
    static var flags: [String: WritableKeyPath<ServeArguments, Bool>] {
        [
            "--sandbox": \.sandbox,
            "--sequential": \.server.sequential,
            "--read-only": \.server.readOnly,
            "--dry-run": \.server.dryRun,
            "--allow-destructive": \.server.allowDestructive,
            "--sandbox-discard-bodies": \.sandboxOptions.sandboxDiscardBodies,
        ]
    }

    /// Text options of `serve`, as `--name value` or `--name=value`.
    static var options: [String: WritableKeyPath<ServeArguments, String?>] {
        [
            "--region": \.server.region,
            "--endpoint": \.server.endpoint,
            "--profile": \.server.profile,
            "--signature-version": \.server.signatureVersion,
            "--toolsets": \.server.toolsets,
            "--tools": \.server.tools,
            "--exclude-tools": \.server.excludeTools,
            "--workdir": \.server.workdir,
            "--docs-dir": \.server.docsDir,
            "--log-level": \.server.logLevel,
            "--sandbox-dir": \.sandboxOptions.sandboxDir,
            "--http": \.http.address,
            "--http-token-file": \.http.httpTokenFile,
            "--http-resource-url": \.http.httpResourceURL,
        ]
    }

    /// The serve arguments of `arguments` (the command line without the program name), or nil when ArgumentParser
    /// should read it.
    static func parse(_ arguments: some Collection<String>) -> ServeArguments? {
        var remaining = arguments[...]
        if remaining.first == "serve" { remaining = remaining.dropFirst() }
        let flags = Self.flags
        let options = Self.options
        var result = ServeArguments()
        var seen: Set<String> = []
        while let argument = remaining.popFirst() {
            if let flag = flags[argument] {
                guard seen.insert(argument).inserted else { return nil }
                result[keyPath: flag] = true
                continue
            }
            let name: String
            let value: String
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
            } else {
                guard let next = remaining.popFirst(), !next.hasPrefix("-") else { return nil }
                name = argument
                value = next
            }
            guard let option = options[name], seen.insert(name).inserted else { return nil }
            result[keyPath: option] = value
        }
        return result
    }
}
