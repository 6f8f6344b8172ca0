/// The orientation every client receives in `initialize` / `server/discover`.
extension VODToolServer {
    public var instructions: String {
        var lines = [
            "vod-mcp: Alibaba Cloud Video on Demand (API 2017-03-21). Tools named like GetVideoInfo are single VOD API calls with the same parameters; snake_case tools do more (upload_media_file uploads a local file in one call, wait_for_media waits for a job).",
            "Defaults: region \(settings.region), app app-1000000, default storage, the no-transcode template group, HTTPS, HMAC-SHA1 signing.",
            "Upload is two steps (CreateUploadVideo, then an OSS upload with the returned UploadAuth); prefer upload_media_file, which does both, refreshes credentials and verifies the result.",
            "Failures come back as results with isError, a code, a hint and docs links: read them and fix the call. describe_api shows any operation's schema and pitfalls; call_api reaches all 188 operations; search_docs and read_doc (or resources vod://docs/...) hold the guides and the common-mistakes list.",
            "Safety: destructive operations return a preview until called again with \"Confirm\": true; \"DryRun\": true on any tool shows the signed request without sending it.",
        ]
        if settings.readOnly { lines.append("This server is read-only: only read operations are listed and allowed.") }
        if let sandbox = settings.sandboxEndpoint {
            lines.append(
                "Running against the local VOD sandbox at \(sandbox): no account is used and nothing reaches Alibaba Cloud. "
                    + "To test code written with the official SDKs against it, read "
                    + "vod://docs/vod-mcp/Using%20the%20Official%20SDKs%20with%20the%20Sandbox.md.")
        }
        return lines.joined(separator: "\n")
    }
}
