import MCPCore

extension VODToolServer {
    /// Tools that read a file on the server's machine: a remote (HTTP) client cannot hand one over, so they are
    /// listed and run on stdio only. Uploads from a URL remain available everywhere.
    static let localFileTools: Set<String> = ["upload_media_file"]

    /// Whether `name` is served over the transport of `context`.
    static func serves(_ name: String, over transport: TransportKind) -> Bool {
        transport == .stdio || !localFileTools.contains(name)
    }

    /// The tool result refusing a local-file tool over HTTP, with what to do instead.
    func localFileRefusal(_ name: String) -> ToolOutcome {
        let failure = ToolFailure(
            code: "Transport.LocalFileUnavailable",
            message:
                "\(name) reads a file on the server's machine, and over HTTP the client's files are out of its reach. "
                + "Upload with upload_media_url (VOD pulls the media from a URL), or run vod-mcp over stdio on the "
                + "machine that holds the file")
        return .complete(failure.result(docs: docs))
    }
}
