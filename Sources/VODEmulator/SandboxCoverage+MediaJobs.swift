extension SandboxCoverage {
    /// What the operations of `RPCService.mediaJobHandlers` do.
    static let mediaJobNotes: [String: String] = [
        "GetTranscodeSummary": "The latest transcode task of each video, summarised from its GetTranscodeTask view.",
        "ListJobInfo": "A media's transcode (one per template, as GetJobDetail), snapshot or AI jobs, oldest first.",
        "SubmitPreprocessJobs": "Starts LivePreprocess; GetMezzanineInfo shows Preprocessing, then "
            + "PreprocessSucceed after one transcode delay.",
        "SubmitWorkflowJob": "Any 32-hex WorkflowId runs the sandbox's one workflow: a transcode task with the "
            + "video's group (seen by GetTranscodeTask, ListTranscodeTask, GetTranscodeSummary).",
        "GetWorkflowTask": "running while the workflow's transcode runs, then succeeded, with its node result.",
        "RegisterMedia": "Makes media of objects already in the bucket (OSS-style or sandbox URLs); a file "
            + "registered or uploaded before answers its MediaId with NewRegister false; transcodes only with a group.",
        "UploadStreamByURL": "Pulls a single-file stream on loopback into the video; GetPlayInfo lists it under its "
            + "Definition once the pull succeeds.",
        "GetMezzanineInfo": "The stored source: size, MD5, signed URL, PreprocessStatus; stream lists on request "
            + "(no decoder: sizes the sandbox cannot know are 0).",
        "DeleteMezzanines": "Deletes source files (their URL stops answering; transcoded streams stay); a video "
            + "whose only stream is its source keeps it unless Force.",
        "GenerateDownloadSecretKey": "Checks the key (16-32 letters and digits) and derives a stable AppEncryptKey.",
        "RefreshMediaPlayUrls": "One refresh or preload task per matching play URL (and TS slices on request), "
            + "shown by DescribeVodRefreshTasks and GetMediaRefreshJobs; no CDN, so they complete at once.",
        "GetMediaRefreshJobs": "The job per media: status, task ids, URLs and filter policy.",
        "DescribeVodPlayerCollectData": "Each metric over the window and the period before, from the play log "
            + "(player-measured metrics are 0: no player reports).",
        "DescribeVodPlayerMetricData": "Every metric per 5m/1h/1d interval from the play log, paged.",
        "DescribeVodPlayerDimensionData": "Values seen in the window: the sandbox's domain and codec; dimensions "
            + "that need player reports have none.",
        "GetDailyPlayRegionStatis": "A CSV of the day's plays (region local) written to the bucket and signed; days "
            + "without plays are EmptyDates.",
        "DescribeVodDomainLog": "One text log per hour with fetches, written to the bucket under logs/ and signed.",
        "DescribeVodDomainRealTimeDetailData": "Per-minute qps, bps and status codes from the play log, as JSON text.",
        "DescribeVodRangeDataByLocateAndIspService": "Per 5 minutes (window up to 1 hour) by location and ISP, "
            + "as JSON text keyed by UNIX time.",
    ]
}
