import FoundationEssentials
import MCPCore
import VODAPI
import VODDocs
import VODSigning

extension UploadTools {
    static let uploadURLTool = HelperTool(
        name: "upload_media_url", title: "Upload media from URLs",
        description:
            "Have VOD pull 1-20 files from URLs with the same metadata, waiting up to WaitSeconds for the pulls: returns each JobId, VideoId and status, and a failed pull's ErrorCode and ErrorMessage. Follow a running job with wait_for_media {JobId}.",
        parameters: metadata + [
            HelperParameter("DryRun", .boolean, "Show the request; send nothing."),
            HelperParameter(
                "WaitSeconds", .integer, "How long to wait for the pulls to end (default 10).", minimum: 0, maximum: 20),
            HelperParameter(
                "URLs", .stringList, required: true, "http(s) URLs VOD downloads from (no login needed).", minItems: 1,
                maxItems: 20),
        ],
        annotations: ["readOnlyHint": false, "destructiveHint": false, "idempotentHint": false, "openWorldHint": true],
        outputSchema: [
            "type": "object",
            "properties": [
                "Jobs": [
                    "type": "array",
                    "items": [
                        "type": "object",
                        "properties": [
                            "JobId": ["type": "string"], "Status": ["type": "string"], "MediaId": ["type": "string"],
                            "VideoId": ["type": "string"], "ErrorCode": ["type": "string"],
                            "ErrorMessage": ["type": "string"],
                        ],
                    ],
                ],
                "NextStep": ["type": "object"], "dryRun": ["type": "boolean"], "action": ["type": "string"],
                "request": ["type": "object"], "cli": ["type": "string"],
            ],
        ])

    static func uploadURL(client: VODClient, docs: DocLibrary, dryRun: Bool = false) -> ToolHandler {
        uploadURLTool.handler(docs: docs) { call, _ in
            let action = "UploadMediaByURL"
            do {
                let urls = call.strings("URLs") ?? []
                guard urls.allSatisfy({ $0.hasPrefix("http://") || $0.hasPrefix("https://") }) else {
                    throw ToolFailure(
                        code: "Validation.InvalidParameter", message: "URLs must be 1 to 20 http(s) URLs",
                        action: action)
                }
                let fields = wireStrings(call, keys: metadata.map(\.name))
                let waitSeconds = call.int("WaitSeconds") ?? 10
                var parameters: [String: String] = [:]
                for key in ["TemplateGroupId", "WorkflowId", "StorageLocation", "AppId", "UserData"] {
                    parameters[key] = fields[key]
                }
                // A URL with a comma or space would split the list: send it percent-encoded.
                let listed = urls.map { $0.contains(",") || $0.contains(" ") ? PercentEncoding.encode($0) : $0 }
                parameters["UploadURLs"] = listed.joined(separator: ",")
                let perURL = ["Title", "Description", "Tags", "CateId", "TemplateGroupId", "WorkflowId"].filter {
                    fields[$0] != nil
                }
                if !perURL.isEmpty {
                    var items: [JSONValue] = []
                    for url in urls {
                        var item: [String: JSONValue] = ["SourceURL": .string(url)]
                        for key in perURL {
                            if key == "CateId", let number = Int64(fields[key] ?? "") {
                                item[key] = .int(number)
                            } else {
                                item[key] = fields[key].map { .string($0) }
                            }
                        }
                        items.append(.object(item))
                    }
                    parameters["UploadMetadatas"] = JSONValue.array(items).encodedString()
                }
                if dryRun || call.bool("DryRun") == true {
                    let preview = client.preview(action: action, httpMethod: "POST", parameters: parameters)
                    let structured: JSONValue = [
                        "dryRun": true, "action": .string(action),
                        "request": [
                            "method": .string(preview.method), "url": .string(preview.url),
                            "parameters": .object(parameters.mapValues { .string($0) }),
                        ],
                        "cli": .string(preview.cliCommand),
                    ]
                    return .complete(
                        ToolResults.success(
                            text: "Dry run of upload_media_url: \(action) validated, nothing was sent.",
                            structured: structured))
                }
                let submitted = try await UploadTools.call(client, action, parameters)
                let jobs = submitted["UploadJobs"]?.arrayValue ?? []
                let ids = jobs.compactMap { $0["JobId"]?.stringValue }
                let statuses = await pullStatuses(client, ids: ids, waitSeconds: waitSeconds)
                let list: [JSONValue] = jobs.map { job in
                    let id = job["JobId"]?.stringValue ?? ""
                    var entry: [String: JSONValue] = ["JobId": .string(id), "SourceURL": job["SourceURL"] ?? .null]
                    if let info = statuses[id] {
                        entry["Status"] = info["Status"]
                        if let media = info["MediaId"]?.stringValue, !media.isEmpty {
                            entry["MediaId"] = .string(media)
                            entry["VideoId"] = .string(media)
                        }
                        for key in ["ErrorCode", "ErrorMessage"] {
                            if let text = info[key]?.stringValue, !text.isEmpty { entry[key] = .string(text) }
                        }
                    }
                    return .object(entry)
                }
                let structured: JSONValue = [
                    "Jobs": .array(list), "RequestId": submitted["RequestId"] ?? .null,
                    "NextStep": [
                        "tool": "wait_for_media", "arguments": ["JobId": .string(ids.first ?? "")],
                        "why": "each job reports UPLOAD_SUCCESS and its MediaId (VideoId) when the pull ends",
                    ],
                ]
                let lines = list.map { entry in
                    ["JobId", "Status", "VideoId", "ErrorCode", "ErrorMessage", "SourceURL"].compactMap { key in
                        entry[key]?.stringValue.map { "\(key)=\($0)" }
                    }.joined(separator: ", ")
                }
                let requestId = submitted["RequestId"]?.stringValue.map { " (RequestId \($0))" } ?? ""
                let running = list.filter { entry in
                    let status = entry["Status"]?.stringValue ?? ""
                    return !pullEnded(status)
                }
                let failed = list.filter { WaitTools.isFailure($0["Status"]?.stringValue ?? "") }
                var text = "Started \(ids.count) URL upload job(s)\(requestId):\n" + lines.joined(separator: "\n")
                if !failed.isEmpty { text += "\n\(failed.count) pull(s) failed: see ErrorCode and ErrorMessage." }
                text +=
                    running.isEmpty
                    ? "\nNext: wait_for_media with a VideoId until it is Normal (transcoded)."
                    : "\nNext: wait_for_media with each JobId still running."
                return .complete(ToolResults.success(text: text, structured: structured))
            } catch let failure as ToolFailure {
                return .complete(failure.result(docs: docs))
            } catch {
                return .complete(ToolFailure.from(error, action: action).result(docs: docs))
            }
        }
    }

    /// A URL pull's status that no longer changes on its own.
    static func pullEnded(_ status: String) -> Bool {
        ["UPLOAD_SUCCESS", "SUCCESS"].contains(status.uppercased()) || WaitTools.isFailure(status)
    }

    /// GetURLUploadInfos for the jobs, polled until every pull has ended or `waitSeconds` have passed.
    static func pullStatuses(_ client: VODClient, ids: [String], waitSeconds: Int64) async -> [String: JSONValue] {
        guard !ids.isEmpty else { return [:] }
        let deadline = ContinuousClock.now + .seconds(waitSeconds)
        var delay = Duration.milliseconds(250)
        var statuses: [String: JSONValue] = [:]
        while true {
            if let infos = try? await call(
                client, "GetURLUploadInfos", ["JobIds": ids.joined(separator: ",")], idempotent: true)
            {
                for info in infos["URLUploadInfoList"]?.arrayValue ?? [] {
                    if let id = info["JobId"]?.stringValue { statuses[id] = info }
                }
            }
            let ended = ids.allSatisfy { pullEnded(statuses[$0]?["Status"]?.stringValue ?? "") }
            let now = ContinuousClock.now
            if ended || now >= deadline || Task.isCancelled { return statuses }
            try? await Task.sleep(for: min(delay, deadline - now))
            delay = min(delay * 2, .seconds(2))
        }
    }

    /// One VOD call whose JSON body is returned; VOD errors become `ToolFailure`s.
    static func call(_ client: VODClient, _ action: String, _ parameters: [String: String], idempotent: Bool = false)
        async throws(ToolFailure)
        -> JSONValue
    {
        do {
            let response = try await client.call(
                action: action, httpMethod: "POST", parameters: parameters, idempotent: idempotent)
            return (try? JSONValue.parse(Data(response.body))) ?? [:]
        } catch {
            throw ToolFailure(error, action: action)
        }
    }
}
