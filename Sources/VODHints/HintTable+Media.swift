extension HintTable {
    /// Media management, playback and upload registration codes.
    static let media: [HintEntry] = [
        HintEntry(
            "InvalidVideo.NotFound",
            "No video with this VideoId exists where the call looked. Check the ID for typos, call the region the media "
                + "was uploaded to, and pass AppId if it belongs to a non-default application; a deleted video also "
                + "gives this.",
            topics: [.regions, .multiApp], mistakes: [.wrongRegion, .appId, .playingTooEarly]),
        HintEntry(
            "MediaNotFound",
            "The media ID (VideoId, ImageId or MediaId) does not exist in this region and application. Check that the "
                + "ID type matches the operation and that the region and AppId are the ones used at upload.",
            topics: [.regions, .multiApp], mistakes: [.wrongRegion, .appId]),
        HintEntry(
            "InvalidVideo.Damaged",
            "VOD marked the source file as damaged, so it cannot be refreshed or processed. Re-encode or re-export the "
                + "source and upload it again as a new video.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "InvalidVideo.NoneStream",
            "No playable stream matches the requested Formats, Definition or StreamType. Drop those filters to see what "
                + "exists, or wait until transcoding has produced the stream you asked for.",
            topics: [.transcoding], mistakes: [.playingTooEarly, .noTranscodeByDefault]),
        HintEntry(
            "Forbidden.IllegalStatus",
            "The media's current status does not allow this operation, for example it is still uploading, transcoding, "
                + "under review or blocked. Read its Status with GetVideoInfo and wait until it is Normal.",
            mistakes: [.playingTooEarly]),
        HintEntry(
            "InvalidStatus.Media",
            "The media is in a state that rules out this operation (for example under review). Check its Status with "
                + "GetVideoInfo and retry once it has changed.",
            mistakes: [.playingTooEarly]),
        HintEntry(
            "Forbidden.AliyunVoDEncryption",
            "The video only has streams with Alibaba Cloud proprietary encryption, which plain playback URLs cannot "
                + "serve. Play it with the Aliyun player and GetVideoPlayAuth, or transcode an unencrypted or "
                + "HLS-encrypted stream.",
            topics: [.transcoding], mistakes: [.encryptedPlayInfo]),
        HintEntry(
            "NoSuchResource",
            "A resource the request refers to (template, workflow, stream or job) does not exist in this region. Check "
                + "the ID and the region.",
            topics: [.regions], mistakes: [.wrongRegion]),
        HintEntry(
            "InvalidStream.NotFound",
            "No stream with this ID exists for the media. List the video's streams (GetPlayInfo or call_api GetTranscodeTask) "
                + "and use one of those IDs.",
            mistakes: [.playingTooEarly]),
        HintEntry(
            "VideoIdsExceededMax",
            "Too many VideoIds in one call. Split the list into batches within the operation's limit (usually 20).",
            mistakes: [.idListsAsArrays]),
        HintEntry(
            "VideoListExceededMax",
            "The video list is longer than the operation accepts. Send it in smaller batches.",
            mistakes: [.idListsAsArrays]),
        HintEntry(
            "JobIdsExceededMax",
            "Too many JobIds in one call. Query the jobs in smaller batches (the operation page gives the limit).",
            mistakes: [.idListsAsArrays]),
        HintEntry(
            "ExceededMax",
            "A list argument has more items than the operation allows. Check the limit on the operation page and split "
                + "the request.",
            mistakes: [.idListsAsArrays]),
        HintEntry(
            "LimitExceeded.MediaIds",
            "Too many MediaIds at once. Batch calls (e.g. call_api BatchGetMediaInfos) take a limited number (20); page through "
                + "the IDs.",
            mistakes: [.idListsAsArrays]),
        HintEntry(
            "DeleteVideoFailed",
            "Deleting the video failed on VOD's side. It is transient: check with GetVideoInfo whether the video is "
                + "gone, and retry the delete only if it is not.",
            retry: .always),
        HintEntry(
            "DeleteStreamFailed",
            "Deleting the stream failed on VOD's side. Check whether the stream still exists and retry after a pause.",
            retry: .always),
        HintEntry(
            "AddVideoFailed",
            "VOD could not register the new video. This is transient; retry after a pause, and check that no half "
                + "created video was left behind.",
            retry: .always),
    ]

    /// Upload and media registration codes.
    static let upload: [HintEntry] = [
        HintEntry(
            "InvalidStorage.NotFound",
            "The StorageLocation is not a storage address of this account in this region. Omit it to use the default "
                + "storage, or copy an address from the console's storage settings for the same region.",
            topics: [.uploadLocalFile, .regions], mistakes: [.wrongRegion]),
        HintEntry(
            "InvalidTemplateGroupId.NotFound",
            "The TemplateGroupId does not exist in this region. List groups with call_api ListTranscodeTemplateGroup in the same "
                + "region, or omit the parameter to use the default group.",
            topics: [.transcoding], mistakes: [.wrongRegion, .appId]),
        HintEntry(
            "InvalidFileName.Extension",
            "FileName has no extension or one VOD does not accept. Give the real media extension (for example "
                + "clip.mp4, song.mp3, cover.jpg) matching the file's format.",
            topics: [.uploadLocalFile], mistakes: [.fileNameExtension]),
        HintEntry(
            "TagsExceededMax",
            "Too many tags: VOD allows at most 16 comma-separated tags, each up to 32 characters.",
            mistakes: [.tooManyTags]),
        HintEntry(
            "LengthExceededMax",
            "A text field is too long (for example Title over 128 characters or Description over 1024). Shorten it."),
        HintEntry(
            "IllegalCharacters",
            "A text field contains characters VOD rejects, such as emoji or control characters. Remove them from Title, "
                + "Description and Tags."),
        HintEntry(
            "Forbidden.InitFailed",
            "The account's VOD storage was not initialised. Open the VOD console once to finish activation (and pick a "
                + "storage region), then retry."),
        HintEntry(
            "InvalidParameter.UploadURLs",
            "UploadURLs is malformed. Each address must be a reachable http(s) URL with a file extension, URL-encoded "
                + "on its own, and the encoded addresses joined with commas.",
            topics: [.uploadFromURL], mistakes: [.urlUploadMetadata]),
        HintEntry(
            "InvalidMultipartUpload.NotFound",
            "The multipart upload no longer exists: it was completed, aborted or expired. Start the upload again with a "
                + "new upload credential.",
            topics: [.uploadLocalFile], mistakes: [.expiredUploadAuth, .newVideoPerRetry]),
        HintEntry(
            "InvalidFile.NotFound",
            "VOD found no uploaded file for this media. The upload to OSS did not finish or went to another key; upload "
                + "to exactly the FileName in UploadAddress, then check again.",
            topics: [.uploadLocalFile], mistakes: [.ossKeyForm, .playingTooEarly]),
    ]
}
