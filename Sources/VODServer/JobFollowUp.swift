import MCPCore

/// How to follow the background job an operation started, named with the IDs its response returned: a
/// `wait_for_media` call for the kinds it follows, the `call_api` query otherwise.
enum JobFollowUp {
    static func note(action: String, body: JSONValue) -> String {
        let first = { (path: [String]) -> String? in
            var value: JSONValue? = body
            for key in path {
                value = value?[key]
                if let list = value?.arrayValue { value = list.first }
            }
            return value?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        }
        func wait(_ arguments: [String: String], then: String = "") -> String {
            let object = JSONValue.object(arguments.mapValues { .string($0) }).encodedString()
            return "This started a background job: follow it with wait_for_media \(object)\(then)."
        }
        func query(_ text: String) -> String { "This started a background job: \(text)." }
        switch action {
        case "UploadMediaByURL", "UploadStreamByURL":
            if let job = first(["UploadJobs", "JobId"]) ?? first(["JobId"]) { return wait(["JobId": job]) }
        case "SubmitTranscodeJobs":
            if let task = first(["TranscodeTaskId"]) {
                return wait(["TranscodeTaskId": task], then: ", then GetPlayInfo for the play URLs")
            }
        case "SubmitSnapshotJob":
            if let job = first(["SnapshotJob", "JobId"]) {
                return wait(
                    ["JobId": job, "JobType": "snapshot"], then: ", then call_api ListSnapshots for the image URLs")
            }
        case "SubmitAIJob":
            if let job = first(["AIJobList", "AIJob", "JobId"]) ?? first(["AIJobList", "JobId"]) {
                return wait(["JobId": job, "JobType": "ai"])
            }
        case "SubmitAIMediaAuditJob":
            if let job = first(["JobId"]) {
                return wait(
                    ["JobId": job, "JobType": "audit"], then: ", then call_api GetMediaAuditResult for the findings")
            }
        case "SubmitWorkflowJob", "SubmitPreprocessJobs", "ProduceEditingProjectVideo":
            if let media = first(["MediaId"]) ?? first(["VideoId"]) { return wait(["VideoId": media]) }
            return query("follow the video with wait_for_media {\"VideoId\": ...}")
        case "SubmitAIImageJob":
            return query("read its result with call_api GetAIImageJobs {\"JobIds\": \"<JobId>\"}")
        case "SubmitDynamicImageJob":
            return query("list the animated images with call_api ListDynamicImage {\"VideoId\": ...}")
        case "SubmitDigitalWatermarkExtractJob":
            return query("read the result with call_api GetDigitalWatermarkExtractResult")
        case "RefreshMediaPlayUrls":
            return query("follow it with call_api GetMediaRefreshJobs {\"MediaRefreshJobId\": ...}")
        case "RefreshVodObjectCaches", "PreloadVodObjectCaches":
            return query("follow it with call_api DescribeVodRefreshTasks {\"TaskId\": ...}")
        case "RestoreMedia", "UpdateMediaStorageClass":
            return query("GetVideoInfo shows the storage class and restore status as it changes")
        default:
            break
        }
        return query("no query follows it directly; GetVideoInfo shows the media's status")
    }
}
