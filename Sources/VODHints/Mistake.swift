/// Items of the common-mistakes list that hints point at. Kept short; the full list is the Common Mistakes page.
enum Mistake: String, CaseIterable, Sendable {
    case wrongRegion =
        "Calling a different region from the one the media was uploaded to: media, templates and domains are per region."
    case wrongApp = "Looking for media of a non-default application without its AppId (the default is app-1000000)."
    case notWaiting =
        "Using a new VideoId before its upload and transcoding have finished; wait for status Normal first."
    case encodeUploadURLs = "Not URL-encoding each address in UploadURLs before joining them with commas."
    case jsonAsText =
        "Passing an object where VOD wants JSON text (UserData, Timeline, TemplateConfig, Sources are strings)."
    case rootKeys = "Using the root account's AccessKey instead of a RAM user that has only the VOD permissions it needs."
    case keysInCode = "Hard-coding an AccessKey pair in code or prompts instead of environment variables or STS."
    case expiredUploadAuth =
        "Reusing an upload credential after it expired instead of calling RefreshUploadVideo or asking for a new one."
    case ownObjectKey = "Writing to an OSS key of your own choosing instead of the FileName that UploadAddress names."
    case blindRetry = "Retrying a write after a timeout without checking whether the first attempt took effect."
    case tooManyIDs = "Sending more IDs in one call than the operation accepts (often 20); split the list."
    case clockDrift = "Signing on a machine whose clock is off; every request carries a UTC timestamp."
    case irreversibleDelete = "Deleting media without double-checking the IDs; deletion cannot be undone."
    case timeFormat = "Sending local times or other formats where UTC ISO 8601 (yyyy-MM-ddTHH:mm:ssZ) is expected."
}
