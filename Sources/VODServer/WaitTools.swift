import FoundationEssentials
import MCPCore
import VODAPI
import VODDocs

/// `wait_for_media`: poll a video, image, attached media, transcode task or job (URL upload, transcode, snapshot, AI,
/// AI audit) until it reaches a target or fails.
enum WaitTools {
    /// What is being waited for: how to ask, where the status is, what counts as done or failed.
    struct Subject {
        let argument: String
        let id: String
        let action: String
        let parameters: [String: String]
        let defaultTarget: String
        /// Statuses in the order the object passes through them; reaching a later one also satisfies the target.
        let order: [String]
        let status: (JSONValue) -> String?
        let failed: (String) -> Bool
        let info: (JSONValue) -> JSONValue
    }

    static func subject(_ arguments: [String: JSONValue]) -> Subject? {
        if let id = arguments["VideoId"]?.stringValue, !id.isEmpty {
            return Subject(
                argument: "VideoId", id: id, action: "GetVideoInfo", parameters: ["VideoId": id],
                defaultTarget: "Normal",
                order: ["Uploading", "UploadSucc", "Transcoding", "Checking", "Normal"],
                status: { $0["Video"]?["Status"]?.stringValue },
                failed: {
                    ["UploadFail", "TranscodeFail", "Blocked", "ProduceFail", "checkingFail", "CheckingFail"].contains(
                        $0)
                },
                info: { body in
                    pick(
                        body["Video"],
                        ["VideoId", "Title", "Status", "Size", "Duration", "CoverURL", "StorageLocation"])
                })
        }
        if let id = arguments["ImageId"]?.stringValue, !id.isEmpty {
            return Subject(
                argument: "ImageId", id: id, action: "GetImageInfo", parameters: ["ImageId": id],
                defaultTarget: "Normal",
                order: ["Uploading", "Normal"], status: { $0["ImageInfo"]?["Status"]?.stringValue },
                failed: { $0 == "UploadFail" },
                info: { body in pick(body["ImageInfo"], ["ImageId", "Title", "Status", "URL", "StorageLocation"]) })
        }
        if let id = arguments["AttachedMediaId"]?.stringValue, !id.isEmpty {
            return Subject(
                argument: "AttachedMediaId", id: id, action: "GetAttachedMediaInfo", parameters: ["MediaIds": id],
                defaultTarget: "Normal", order: ["Uploading", "Normal"],
                status: { $0["AttachedMediaList"]?.arrayValue?.first?["Status"]?.stringValue },
                failed: { $0 == "UploadFail" },
                info: { body in
                    pick(body["AttachedMediaList"]?.arrayValue?.first, ["MediaId", "Title", "Status", "URL"])
                })
        }
        if let id = arguments["JobId"]?.stringValue, !id.isEmpty {
            return jobSubject(id: id, type: arguments["JobType"]?.stringValue?.lowercased() ?? "upload")
        }
        if let id = arguments["TranscodeTaskId"]?.stringValue, !id.isEmpty {
            return Subject(
                argument: "TranscodeTaskId", id: id, action: "GetTranscodeTask", parameters: ["TranscodeTaskId": id],
                defaultTarget: "CompleteAllSucc", order: ["Processing", "CompleteAllSucc"],
                status: { $0["TranscodeTask"]?["TaskStatus"]?.stringValue },
                failed: { $0 == "CompleteAllFail" || $0 == "CompletePartialSucc" },
                info: { body in
                    pick(
                        body["TranscodeTask"], ["TranscodeTaskId", "VideoId", "TaskStatus", "TranscodeTemplateGroupId"])
                })
        }
        return nil
    }

    /// By default a wait answers within this, under the time limit common MCP clients give a call (60 s, some less).
    static let defaultTimeoutSeconds: Int64 = 25

    /// `Key=Value` pairs of the picked info, for the text content of a result.
    static func summary(_ info: JSONValue, skipping: Set<String>) -> String {
        let members = (info.objectValue ?? [:]).filter { !skipping.contains($0.key) }.sorted { $0.key < $1.key }
        return members.map { key, value in "\(key)=\(value.stringValue ?? value.encodedString())" }
            .joined(separator: ", ")
    }

    static func pick(_ object: JSONValue?, _ keys: [String]) -> JSONValue {
        var result: [String: JSONValue] = [:]
        for key in keys { if let value = object?[key], !value.isNull { result[key] = value } }
        return .object(result)
    }

    /// Target names people use that are not the API's own for this kind of object.
    static func normalize(_ target: String, for subject: Subject) -> String {
        if let own = subject.order.first(where: { $0.lowercased() == target.lowercased() }) { return own }
        return switch (target.lowercased(), subject.argument) {
        case ("transcodesuccess", "TranscodeTaskId"), ("success", "TranscodeTaskId"): "CompleteAllSucc"
        case ("transcodesuccess", _), ("success", "VideoId"), ("success", "ImageId"): "Normal"
        case ("success", "JobId") where subject.action == "GetURLUploadInfos", ("uploadsucc", "JobId"): "UPLOAD_SUCCESS"
        default: subject.order.first { $0.lowercased() == target.lowercased() } ?? target
        }
    }

    static let waitForMediaTool = HelperTool(
        name: "wait_for_media", title: "Wait for media or a job",
        description:
            "Wait until a video, image, attached media, transcode task or job (URL upload, transcode, snapshot, AI, AI audit) reaches Target or fails; pass one ID. On timeout returns still_running with resume arguments.",
        parameters: [
            HelperParameter("VideoId", .string, "Wait on a video's Status."),
            HelperParameter("ImageId", .string, "Wait on an image."),
            HelperParameter("AttachedMediaId", .string, "Wait on attached media."),
            HelperParameter("TranscodeTaskId", .string, "Wait on a transcode task."),
            HelperParameter("JobId", .string, "Wait on a job of JobType."),
            HelperParameter(
                "JobType", .string, "upload (default: upload_media_url), transcode, snapshot, ai, audit.",
                enumValues: jobTypes, caseInsensitive: true),
            HelperParameter(
                "Target", .string,
                "Default: the kind's success state (Normal, UPLOAD_SUCCESS, CompleteAllSucc, Success)."),
            HelperParameter(
                "TimeoutSeconds", .integer,
                "How long to wait (default 25, under common client time limits); then returns still_running with resume arguments.",
                minimum: 1, maximum: 3600),
        ],
        requiresOneOf: [["VideoId", "ImageId", "AttachedMediaId", "TranscodeTaskId", "JobId"]],
        annotations: ["readOnlyHint": true, "idempotentHint": true, "openWorldHint": true],
        outputSchema: [
            "type": "object",
            "properties": [
                "status": ["type": "string", "description": "reached, failed or still_running."],
                "current": ["type": "string"], "target": ["type": "string"], "elapsedSeconds": ["type": "number"],
                "polls": ["type": "integer"], "info": ["type": "object"], "resume": ["type": "object"],
                "NextStep": ["type": "object"], "VideoId": ["type": "string"], "ImageId": ["type": "string"],
                "AttachedMediaId": ["type": "string"], "TranscodeTaskId": ["type": "string"],
                "JobId": ["type": "string"],
                "dryRun": ["type": "boolean"], "action": ["type": "string"], "request": ["type": "object"],
            ],
        ],
        runsAsTask: true)

    static func waitForMedia(
        client: VODClient, docs: DocLibrary, dryRun: Bool = false, pollBase: Duration = .seconds(1)
    ) -> ToolHandler {
        waitForMediaTool.handler(docs: docs) { call, context in
            let arguments = call.arguments
            guard let subject = subject(arguments) else {
                return .complete(
                    ToolFailure(
                        code: "Validation.MissingParameter",
                        message:
                            "wait_for_media needs one of VideoId, ImageId, AttachedMediaId, TranscodeTaskId or JobId (with JobType \(jobTypes.joined(separator: ", ")))",
                        action: "wait_for_media"
                    ).result(docs: docs))
            }
            let timeout = call.int("TimeoutSeconds") ?? defaultTimeoutSeconds
            let target = normalize(
                arguments["Target"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? subject.defaultTarget,
                for: subject)
            if dryRun {
                // --dry-run: show the request each poll would send; send nothing.
                let preview = client.preview(action: subject.action, httpMethod: "POST", parameters: subject.parameters)
                let structured: JSONValue = [
                    "dryRun": true, "action": .string(subject.action), "target": .string(target),
                    "request": ["method": .string(preview.method), "url": .string(preview.url)],
                ]
                return .complete(
                    ToolResults.success(
                        text:
                            "Dry run of wait_for_media: it would poll \(subject.action) until \(target); nothing was sent.",
                        structured: structured))
            }
            let targetRank = subject.order.firstIndex(of: target)
            let started = ContinuousClock.now
            let deadline = started + .seconds(timeout)
            var delay = pollBase
            var polls = 0
            while true {
                polls += 1
                let body: JSONValue
                do throws(ToolFailure) {
                    body = try await UploadTools.call(client, subject.action, subject.parameters, idempotent: true)
                } catch {
                    return .complete(error.result(docs: docs))
                }
                if subject.status(body) == nil {
                    let code = subject.argument == "JobId" ? "InvalidJobId.NotFound" : "InvalidMediaId.NotFound"
                    let what =
                        subject.argument == "JobId"
                        ? "\(subject.parameters["JobType"] ?? jobKind(subject)) job" : subject.argument
                    return .complete(
                        ToolFailure(
                            code: code, message: "No \(what) \(subject.id) exists (\(subject.action) found none)",
                            action: subject.action
                        ).result(docs: docs))
                }
                let current = subject.status(body) ?? "Unknown"
                let elapsed = (ContinuousClock.now - started)
                var outcome: String?
                let currentRank = subject.order.firstIndex(of: current) ?? -1
                if current == target || targetRank.map({ currentRank >= $0 }) == true {
                    outcome = "reached"
                } else if subject.failed(current) {
                    outcome = "failed"
                }
                var structured: [String: JSONValue] = [
                    subject.argument: .string(subject.id), "current": .string(current), "target": .string(target),
                    "elapsedSeconds": .double((elapsed.secondsValue * 1000).rounded() / 1000),
                    "polls": .int(Int64(polls)), "info": subject.info(body),
                ]
                if let outcome {
                    structured["status"] = .string(outcome)
                    if subject.action == "GetURLUploadInfos", outcome == "reached",
                        let media = body["URLUploadInfoList"]?.arrayValue?.first?["MediaId"]?.stringValue
                    {
                        structured["NextStep"] = ["tool": "wait_for_media", "arguments": ["VideoId": .string(media)]]
                    }
                    let details = summary(subject.info(body), skipping: [subject.argument, "Status", "TaskStatus"])
                    var text =
                        outcome == "reached"
                        ? "\(subject.argument) \(subject.id) is \(current) (target \(target); status reached)."
                        : "\(subject.argument) \(subject.id) failed: status \(current)."
                    if !details.isEmpty { text += " " + details }
                    if case .object(let next)? = structured["NextStep"],
                        let media = next["arguments"]?["VideoId"]?.stringValue
                    {
                        text += " Next: wait_for_media with VideoId \(media)."
                    }
                    return .complete(ToolResults.success(text: text, structured: .object(structured)))
                }
                let now = ContinuousClock.now
                await context.reportProgress(
                    min(Double(timeout), (now - started).secondsValue), total: Double(timeout),
                    message: "\(subject.argument) \(subject.id): \(current)")
                if now >= deadline {
                    structured["status"] = "still_running"
                    var resume = arguments
                    resume["Target"] = .string(target)
                    structured["resume"] = ["tool": "wait_for_media", "arguments": .object(resume)]
                    return .complete(
                        ToolResults.success(
                            text:
                                "\(subject.argument) \(subject.id) is still \(current) after \(timeout) s (status still_running); call wait_for_media again with \(JSONValue.object(resume).encodedString()), or a larger TimeoutSeconds.",
                            structured: .object(structured)))
                }
                do { try await Task.sleep(for: min(delay, deadline - now)) } catch {
                    return .complete(
                        ToolFailure(
                            code: "Network.Cancelled", message: "The wait was cancelled.", action: "wait_for_media"
                        ).result(docs: docs))
                }
                // At most 5 s between polls, so a client with a progressToken hears from us at least that often.
                delay = min(delay * 1.5, .seconds(5))
            }
        }
    }
}

extension Duration {
    var secondsValue: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
