import MCPCore

/// The job kinds `wait_for_media` follows by `JobId` and `JobType`, each with the query the service answers it with.
extension WaitTools {
    /// JobType values, the first the default (a URL upload job, as upload_media_url starts).
    static let jobTypes = ["upload", "transcode", "snapshot", "ai", "audit"]

    /// Statuses meaning a job ended badly, compared ignoring case.
    static func isFailure(_ status: String) -> Bool {
        let upper = status.uppercased()
        return upper.contains("FAIL") || upper.contains("CANCEL") || upper == "ERROR"
    }

    static func jobSubject(id: String, type: String) -> Subject? {
        switch type {
        case "upload", "url", "urlupload":
            return Subject(
                argument: "JobId", id: id, action: "GetURLUploadInfos", parameters: ["JobIds": id],
                defaultTarget: "UPLOAD_SUCCESS",
                order: [
                    "PENDING", "PROCESSING", "DOWNLOADING", "DOWNLOAD_SUCCESS", "UPLOADING", "UPLOAD_SUCCESS",
                    "SUCCESS",
                ],
                status: { $0["URLUploadInfoList"]?.arrayValue?.first?["Status"]?.stringValue },
                failed: isFailure,
                info: { body in
                    pick(
                        body["URLUploadInfoList"]?.arrayValue?.first,
                        ["JobId", "MediaId", "Status", "UploadURL", "FileSize", "ErrorCode", "ErrorMessage"])
                })
        case "transcode":
            // One per-template job of a transcode task: `<JobId>` as SubmitTranscodeJobs and GetTranscodeTask list it.
            return Subject(
                argument: "JobId", id: id, action: "GetJobDetail", parameters: ["JobId": id, "JobType": "transcode"],
                defaultTarget: "TranscodeSuccess", order: ["Transcoding", "TranscodeSuccess"],
                status: { $0["TranscodeJobDetail"]?["Status"]?.stringValue }, failed: isFailure,
                info: { body in
                    pick(
                        body["TranscodeJobDetail"],
                        ["JobId", "VideoId", "Definition", "TemplateId", "Status", "CompleteTime"])
                })
        case "snapshot":
            return Subject(
                argument: "JobId", id: id, action: "GetJobDetail", parameters: ["JobId": id, "JobType": "snapshot"],
                defaultTarget: "Success", order: ["Processing", "Success"],
                status: { $0["SnapshotJobDetail"]?["Status"]?.stringValue.map(capitalized) }, failed: isFailure,
                info: { body in pick(body["SnapshotJobDetail"], ["JobId", "VideoId", "Status", "CompleteTime"]) })
        case "ai":
            return Subject(
                argument: "JobId", id: id, action: "ListAIJob", parameters: ["JobIds": id],
                defaultTarget: "Success", order: ["Processing", "Success"],
                status: { aiJob($0)?["Status"]?.stringValue.map(capitalized) }, failed: isFailure,
                info: { body in pick(aiJob(body), ["JobId", "MediaId", "Type", "Status", "Code", "Message", "Data"]) })
        case "audit":
            return Subject(
                argument: "JobId", id: id, action: "GetAIMediaAuditJob", parameters: ["JobId": id],
                defaultTarget: "Success", order: ["Processing", "Success"],
                status: { $0["MediaAuditJob"]?["Status"]?.stringValue.map(capitalized) }, failed: isFailure,
                info: { body in
                    var info = pick(body["MediaAuditJob"], ["JobId", "MediaId", "Status", "Code", "Message"])
                    if case .object(var members) = info, let data = body["MediaAuditJob"]?["Data"] {
                        members["Suggestion"] = data["Suggestion"]
                        members["Label"] = data["Label"]
                        info = .object(members.filter { !$0.value.isNull })
                    }
                    return info
                })
        default:
            return nil
        }
    }

    /// `success` -> `Success`: the services spell job statuses in either case.
    static func capitalized(_ status: String) -> String {
        status.prefix(1).uppercased() + status.dropFirst().lowercased()
    }

    private static func aiJob(_ body: JSONValue) -> JSONValue? {
        let list = body["AIJobList"]?["AIJob"] ?? body["AIJobList"]
        return list?.arrayValue?.first
    }
}

extension WaitTools {
    /// The JobType a job subject was built for, for messages.
    static func jobKind(_ subject: Subject) -> String {
        switch subject.action {
        case "GetURLUploadInfos": "URL upload"
        case "ListAIJob": "AI"
        case "GetAIMediaAuditJob": "AI audit"
        default: subject.parameters["JobType"] ?? "job"
        }
    }
}
