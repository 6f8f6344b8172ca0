extension HintTable {
    /// OSS codes seen while uploading bytes with an upload credential.
    static let oss: [HintEntry] = [
        HintEntry(
            "SecurityTokenExpired",
            "The upload credential's STS token expired during the upload. For a video, use call_api RefreshUploadVideo with the "
                + "VideoId (the address stays the same); for images and attached media request a new credential.",
            topics: [.uploadLocalFile, .ossSigning], mistakes: [.expiredUploadAuth, .newVideoPerRetry]),
        HintEntry(
            "InvalidAccessKeyId",
            "OSS rejected the upload credential's AccessKeyId, usually because the temporary credential expired or was "
                + "mixed with another upload's token. Refresh the credential (call_api RefreshUploadVideo) and use its three "
                + "values together.",
            topics: [.uploadLocalFile, .ossSigning], mistakes: [.expiredUploadAuth]),
        HintEntry(
            "NoSuchUpload",
            "The multipart UploadId is unknown to OSS: it was completed, aborted or expired. Start a new multipart "
                + "upload.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "InvalidPart",
            "A part listed in CompleteMultipartUpload was not uploaded or its ETag differs. Send every part's ETag "
                + "exactly as returned, in quotes.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "PartNotSequential",
            "Parts in CompleteMultipartUpload must be listed in ascending PartNumber order. Sort them and send again.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "InvalidDigest",
            "The Content-MD5 header does not match the body. Compute it over the exact bytes sent, as base64 of the "
                + "binary MD5.",
            topics: [.ossSigning], mistakes: [.ossKeyForm]),
        HintEntry(
            "InvalidObjectName",
            "The OSS object key is invalid. Upload to the FileName given in UploadAddress, not a name of your own.",
            topics: [.uploadLocalFile], mistakes: [.ossKeyForm]),
        HintEntry(
            "MalformedXML",
            "The CompleteMultipartUpload body is not valid XML for OSS. Send <CompleteMultipartUpload> with one <Part> "
                + "(PartNumber and quoted ETag) per uploaded part.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "AccessDenied",
            "OSS refused the request: the upload credential does not cover this bucket or key, or it has expired. Use "
                + "the Bucket and FileName from the same CreateUploadVideo (or call_api CreateUploadImage) response as the "
                + "credential.",
            topics: [.uploadLocalFile, .ossSigning], mistakes: [.ossKeyForm, .expiredUploadAuth]),
    ]

    /// Codes vod-mcp raises itself, before or instead of calling VOD.
    static let local: [HintEntry] = [
        HintEntry(
            "Validation.MissingParameter",
            "A required argument is missing; nothing was sent to VOD. Add the parameter the message names (the "
                + "operation's input schema lists the required ones)."),
        HintEntry(
            "Validation.WrongType",
            "An argument has the wrong JSON type. Send integers as numbers, booleans as true/false, and ID lists or "
                + "JSON payloads as strings.",
            mistakes: [.jsonAsText, .idListsAsArrays]),
        HintEntry(
            "Validation.OutOfRange",
            "A value is outside the allowed range or not one of the allowed values. Pick one from the range or list in "
                + "the message.", mistakes: [.retrying4xx]),
        HintEntry(
            "Validation.UnknownParameter",
            "An argument is not a parameter of this operation. Check spelling and case against the input schema; "
                + "internal fields such as OwnerId are not accepted.", mistakes: [.pageNo]),
        HintEntry(
            "Validation.MalformedJSON",
            "A JSON-text argument does not parse. Serialise the object to a JSON string first, with escaped quotes.",
            mistakes: [.jsonAsText]),
        HintEntry(
            "Validation.BadTimestamp",
            "A time argument is not UTC ISO 8601. Write it as yyyy-MM-ddTHH:mm:ssZ after converting to UTC.",
            mistakes: [.timeFormat]),
        HintEntry(
            "Validation.InvalidArguments",
            "The arguments are not a JSON object, or two of them conflict. Pass one object and resolve the conflict "
                + "the message names."),
        HintEntry(
            "Validation.UnknownOperation",
            "No tool or operation has this name. Use an Action name exactly as the API reference spells it "
                + "(GetVideoInfo, not get_video_info); search_docs finds the right one."),
        HintEntry(
            "Credentials.Missing",
            "No Alibaba Cloud credentials were found. Set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                + "ALIBABA_CLOUD_ACCESS_KEY_SECRET (plus ALIBABA_CLOUD_SECURITY_TOKEN for STS) in vod-mcp's "
                + "environment, or configure ~/.aliyun/config.json. To try vod-mcp without an account, start it with "
                + "--sandbox.",
            topics: [.credentials], mistakes: [.appPolicyOnly]),
        HintEntry(
            "Credentials.Invalid",
            "Credentials were found but cannot be used (for example an empty secret or a malformed file). Fix the "
                + "source the message names; an STS key ID (STS. prefix) also needs ALIBABA_CLOUD_SECURITY_TOKEN.",
            topics: [.credentials], mistakes: [.stsWithoutToken]),
        HintEntry(
            "Credentials.ModeUnsupported",
            "The CLI profile uses a credential mode vod-mcp does not support. Switch the profile to AK or StsToken, "
                + "or set the ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET environment variables.",
            topics: [.credentials]),
        HintEntry(
            "Network.Timeout",
            "VOD or OSS did not answer in time. Retry; a read is always safe to repeat, but for a write first check "
                + "whether the earlier attempt already took effect.",
            retry: .always),
        HintEntry(
            "Network.ConnectFailed",
            "Could not open a connection to the endpoint. Check the region, the endpoint override if any, and that "
                + "outbound HTTPS on port 443 is allowed; then retry.",
            topics: [.regions], retry: .always),
        HintEntry(
            "Network.DNS",
            "The endpoint's host name did not resolve. Check the region ID spelling (cn-shanghai, not shanghai) and "
                + "this machine's DNS; then retry.",
            topics: [.regions], retry: .always),
        HintEntry(
            "Network.TLS",
            "The TLS handshake failed, so nothing was sent. Check the system CA certificates and any proxy that "
                + "intercepts HTTPS; retrying will not help until that is fixed."),
        HintEntry(
            "Network.Reset",
            "The connection was reset in the middle of the request. Retry with backoff; repeated resets point at a "
                + "proxy or firewall.",
            retry: .always),
        HintEntry(
            "Network.LibcurlUnavailable",
            "vod-mcp could not load the system's libcurl, so nothing was sent. Install the libcurl runtime package "
                + "(Debian/Ubuntu: apt-get install libcurl4; Fedora/RHEL: dnf install libcurl), then restart vod-mcp; "
                + "retrying in the same process does not help."),
        HintEntry(
            "Crypto.LibcryptoUnavailable",
            "vod-mcp could not load OpenSSL's libcrypto, which it needs to sign requests, so nothing was sent. Install "
                + "OpenSSL 3's runtime library (Debian/Ubuntu: apt-get install libssl3), then restart vod-mcp."),
        HintEntry(
            "Network.TruncatedBody",
            "The response ended early, before its declared length. Retry the call.",
            retry: .always),
        HintEntry(
            "Network.InsecureURL",
            "A URL uses plain http:// where HTTPS is required. Use https://; only loopback addresses (the sandbox) may "
                + "use plain HTTP."),
        HintEntry(
            "Safety.ConfirmationRequired",
            "This operation deletes or stops something and was not confirmed. Check the target IDs, then call again "
                + "with \"Confirm\": true in the arguments.",
            mistakes: [.noConfirmation]),
        HintEntry(
            "Safety.ReadOnly",
            "vod-mcp runs read-only, so operations that change anything are refused. Use a read operation, or restart "
                + "vod-mcp without the read-only setting."),
        HintEntry(
            "Upload.FileNotFound",
            "The local file does not exist or cannot be read. Pass an existing path; a relative path is resolved "
                + "against vod-mcp's working directory.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "Upload.OutsideWorkdir",
            "The file lies outside the folders vod-mcp may read. Move or copy it under the allowed working directory, "
                + "or start vod-mcp with that folder allowed.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "Upload.ChecksumMismatch",
            "The checksum OSS computed differs from the bytes read locally. Make sure the file is not being written "
                + "while it uploads, then upload again.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "Upload.Expired",
            "The upload credential expired and could not be refreshed. Start the upload again; on a slow link, upload "
                + "from a host closer to the region.",
            topics: [.uploadLocalFile], mistakes: [.expiredUploadAuth]),
        HintEntry(
            "Sandbox.Unsupported",
            "The local sandbox does not implement this operation. Use an operation the sandbox supports (upload, media "
                + "info, playback basics) or run vod-mcp against the real service with credentials."),
        HintEntry(
            "Validation.TooLong",
            "A string is longer than the operation allows (Title 128, Description 1024, each tag 32 characters). "
                + "Shorten it to the limit the message names; nothing was sent.",
            mistakes: [.tooManyTags]),
        HintEntry(
            "Validation.TooManyItems",
            "A list has more items than allowed (16 tags, usually 20 IDs per call). Split the work into several "
                + "calls or drop items; nothing was sent.",
            mistakes: [.tooManyTags, .idListsAsArrays]),
        HintEntry(
            "Validation.NotInEnum",
            "The value is not one the parameter accepts. Use one of the values in the message or the input schema, "
                + "spelled and capitalised exactly."),
        HintEntry(
            "Validation.NotAnObject",
            "Tool arguments must be a JSON object of parameter names to values (for call_api: Parameters), e.g. "
                + "{\"VideoId\": \"...\"}."),
        HintEntry(
            "Safety.ConfirmationDeclined",
            "The destructive call was declined at the confirmation prompt, so nothing changed. Do not retry on your "
                + "own; ask the user first.",
            mistakes: [.noConfirmation]),
        HintEntry(
            "Safety.InvalidConfirmation",
            "The confirmation state was tampered with, expired, already used or issued for other arguments. Call the "
                + "tool again without requestState and answer the new confirmation request."),
        HintEntry(
            "Docs.NotFound",
            "No docs page or section has this URI. Read vod://docs/llms.txt, or call search_docs and copy a URI from "
                + "its results (vod://docs/api/<Action>, vod://docs/errors/<Code>)."),
        HintEntry(
            "Network.Cancelled",
            "The request was cancelled before it finished. If it was a write, check its effect with a read call "
                + "before repeating it."),
        HintEntry(
            "Network.Failed",
            "The connection failed for a reason libcurl did not classify (the message keeps its reason). Check "
                + "connectivity and HTTPS_PROXY/NO_PROXY, then retry.",
            retry: .always),
        HintEntry(
            "Network.FileUnreadable",
            "A file being sent could not be read. Check that it still exists and is readable by vod-mcp, then retry."),
        HintEntry(
            "Network.FileUnwritable",
            "A download could not be written. Check free disk space and permissions of the destination."),
        HintEntry(
            "Network.ResponseTooLarge",
            "The answer exceeded the 16 MiB vod-mcp holds in memory and was cut off; VOD's answers are far smaller. "
                + "Check --endpoint and any proxy in between; for a large list ask for a smaller PageSize."),
        HintEntry(
            "Upload.FileChanged",
            "The file changed while it uploaded. Let whatever writes it finish, then upload again; if the error says "
                + "the created media was left behind, delete it first so the new upload does not duplicate it.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "Network.InvalidURL",
            "The endpoint URL does not parse. Pass a full URL such as https://vod.cn-shanghai.aliyuncs.com to "
                + "--endpoint, or drop it and use --region.",
            topics: [.regions]),
        HintEntry(
            "Credentials.STSFailed",
            "STS AssumeRole failed for the RamRoleArn profile. Check the role ARN, that the source key may call "
                + "sts:AssumeRole on it, and the role's trust policy; the message carries STS's code.",
            topics: [.credentials]),
        HintEntry(
            "Credentials.MetadataFailed",
            "The ECS metadata service returned no role credentials. Attach a RAM role to the instance, or set "
                + "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true and configure an AccessKey (or try --sandbox).",
            topics: [.credentials]),
        HintEntry(
            "Validation.InvalidParameter",
            "A helper tool's argument breaks a rule the schema cannot express (for upload_media_url: 1 to 20 http(s) "
                + "URLs as a JSON array; MediaType video, image or attached). Fix the value the message names."),
        HintEntry(
            "Upload.CheckpointUnwritable",
            "The resume checkpoint could not be written under ~/.local/state/vod-mcp/uploads (or $XDG_STATE_HOME). "
                + "Free disk space or fix that directory's permissions; the upload itself can be retried.",
            topics: [.uploadLocalFile]),
        HintEntry(
            "Internal.Error",
            "vod-mcp failed unexpectedly; details are in its stderr log (no secrets). Retry once; if it persists, run "
                + "with --log-level debug and report the log lines."),
    ]
}
