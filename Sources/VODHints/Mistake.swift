/// Items of the "Common Mistakes to Avoid" page that hints point at: the item's title as the page words it (without
/// code formatting), then the right way in a few words. VODDocsTests checks each title against the page.
enum Mistake: String, CaseIterable, Sendable {
    case pageNo = "Paging GetVideoList with PageNumber: use PageNo and PageSize."
    case tooManyTags = "More than 16 tags: at most 16, each up to 32 characters."
    case fileNameExtension = "FileName without an extension: write keynote.mp4, not keynote."
    case idListsAsArrays = "Sending ID lists as JSON arrays: send comma-separated text such as \"a,b\", at most 20 IDs."
    case jsonAsText =
        "Sending JSON parameters as objects: UserData, Timeline, TemplateConfig, Sources and the like are JSON text."
    case timeFormat = "Local time in time parameters: send UTC such as 2026-01-01T00:00:00Z."
    case urlUploadMetadata = "Metadata that does not match UploadURLs: copy each URL character for character."
    case purgeURLsCommas = "Several purge URLs joined with commas: put one URL per line."
    case expiredUploadAuth =
        "Letting the upload credential expire: on SecurityTokenExpired call RefreshUploadVideo with the same VideoId."
    case newVideoPerRetry =
        "Creating a new video for each retry: refresh the credential with RefreshUploadVideo instead."
    case ossKeyForm =
        "Signing OSS uploads with the VOD key form: the HMAC key is the plain STS secret, and x-oss-security-token is signed."
    case playingTooEarly = "Playing right after upload: wait for Status Normal (wait_for_media) before GetPlayInfo."
    case spacesAsPlus = "Encoding spaces as +: a space is %20 and * is %2A in the string to sign."
    case nonceReuse = "Reusing SignatureNonce on retries: every request needs a new random nonce."
    case wrongRegion = "Region mismatch makes a VideoId look missing: use the upload region for every call."
    case appId = "Forgetting AppId with the multi-application system: an omitted AppId means app-1000000."
    case appIdBeforeEnabled = "Passing AppId before the system is enabled: enable the multi-application system first."
    case appPolicyOnly = "Granting only an application policy: the RAM identity also needs vod:<Action> permissions."
    case stsWithoutToken = "STS key without its token: an STS.-prefixed key ID also needs its security token."
    case noTranscodeByDefault =
        "Expecting transcoding by default: pass TemplateGroupId or WorkflowId, or set a default template group."
    case encryptedPlayInfo =
        "GetPlayInfo for proprietary-encrypted video: use GetVideoPlayAuth and the Alibaba Cloud player."
    case noConfirmation =
        "Calling destructive tools without confirmation: pass \"Confirm\": true, after trying \"DryRun\": true."
    case retrying4xx = "Retrying 4xx errors unchanged: only 5xx and throttling are transient."
}
