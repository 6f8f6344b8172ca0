/// Adjustments of a table hint for the operation that failed.
enum Refinements {
    /// Codes that mean "the RAM identity may not call this": the fix names the exact permission.
    static let permissionCodes: Set<String> = ["Forbidden", "Forbidden.RAM", "Forbidden.AccessDenied"]

    /// Operations that take a media ID which often comes straight from an upload.
    static let mediaReaders: Set<String> = [
        "GetVideoInfo", "GetVideoInfos", "GetPlayInfo", "GetVideoPlayAuth", "GetMezzanineInfo", "SubmitTranscodeJobs",
        "SubmitSnapshotJob", "SubmitAIJob", "SubmitAIMediaAuditJob", "SubmitWorkflowJob", "SubmitPreprocessJobs",
        "SubmitDynamicImageJob", "UpdateVideoInfo", "GetTranscodeSummary", "ListSnapshots", "RefreshUploadVideo",
        "GetUploadDetails", "DeleteVideo", "BatchGetMediaInfos", "GetMediaAuditResult",
    ]

    static func apply(
        to text: inout String, mistakes: inout [Mistake], topics: inout [Topic], code: String, action: String?,
        httpStatus: Int?
    ) {
        if permissionCodes.contains(code) {
            if let action {
                text += " The call needs vod:\(action). Minimal policy to attach: \(VODHints.ramPolicy(for: action))"
            } else {
                text +=
                    " The policy must allow vod:<Action> for the operation that failed, e.g. "
                    + VODHints.ramPolicy(for: "GetVideoInfo")
            }
            return
        }
        switch (code, action) {
        case ("InvalidVideo.NotFound", let action?) where mediaReaders.contains(action) || action.hasPrefix("Get"):
            text +=
                " If the VideoId came from an upload moments ago, the upload may not have finished registering: "
                + "call wait_for_media with it before \(action), and make sure \(action) runs in the upload's region "
                + "and AppId."
            topics.insert(.uploadLocalFile, at: 0)
        case ("Forbidden.IllegalStatus", "GetPlayInfo"?), ("Forbidden.IllegalStatus", "GetVideoPlayAuth"?),
            ("InvalidVideo.NoneStream", "GetPlayInfo"?):
            text += " Playback needs finished transcoding: call wait_for_media until the status is Normal, then retry."
        case ("InvalidParameter", "UploadMediaByURL"?), ("MissingParameter", "UploadMediaByURL"?):
            text +=
                " For UploadMediaByURL, URL-encode each source address in UploadURLs on its own and pass "
                + "UploadMetadatas as JSON text."
            mistakes.insert(.urlUploadMetadata, at: 0)
            topics.insert(.uploadFromURL, at: 0)
        case ("InvalidParameter", let action?), ("MissingParameter", let action?):
            text += " The parameter table on the \(action) page lists names, types and which are required."
        case ("SignatureDoesNotMatch", _) where httpStatus == 403:
            text =
                "OSS rejected the upload request's signature. Sign with the upload credential's secret (no '&' "
                + "appended), include x-oss-security-token, and use the exact Bucket and FileName from UploadAddress."
            topics = [.ossSigning, .uploadLocalFile]
            mistakes = [.ossKeyForm, .expiredUploadAuth]
        default:
            break
        }
    }
}
