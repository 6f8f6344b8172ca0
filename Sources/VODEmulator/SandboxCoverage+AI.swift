/// What the sandbox does for the AI, audit, fingerprint and digital-watermark operations (`RPCService.aiHandlers`).
extension SandboxCoverage {
    static let aiNotes: [String: String] = [
        "SubmitAIJob": "Starts smart-tagging (AIVideoTag) and fingerprint (AIMediaDNA) jobs; each is processing for "
            + "one transcode delay, then success.",
        "ListAIJob": "The AI jobs by id with their status and, once done, their result as Data; unknown ids are "
            + "listed apart.",
        "GetAIVideoTagResult": "Tags derived from the video: its tags and title words as keywords (spread over its "
            + "duration) and its category.",
        "GetMediaAiAnalysis": "Keyword, classification, chapter and summary results derived from the latest finished "
            + "smart-tagging job (no operation submits an analysis); no speech, so TRANSCRIPTION is empty.",
        "GetMediaDNAResult": "Other fingerprinted videos whose stored bytes are identical (similarity 1.0).",
        "SubmitMediaDNADeleteJob": "Takes the video out of the fingerprint library; it no longer matches or has a "
            + "result.",
        "SubmitAIImageJob": "Starts a smart-thumbnail job with an AIImage template; done after one transcode delay.",
        "GetAIImageJobs": "The smart-thumbnail jobs with their images (URL and score) once done.",
        "ListAIImageInfo": "The images of a video's finished smart-thumbnail jobs (GIF or PNG, one per 10 s, 1 to 5), "
            + "with signed URLs the sandbox serves.",
        "DeleteAIImageInfos": "Removes smart-thumbnail images from ListAIImageInfo and stops serving them.",
        "SubmitAIImageAuditJob": "Runs an AI audit of an image at once (GetAIMediaAuditJob shows it); finds nothing.",
        "GetMediaAuditAudioResultDetail": "The latest audit's audio detail: empty, as nothing was found.",
        "SubmitDigitalWatermarkExtractJob": "Starts an extraction job; done after one transcode delay.",
        "GetDigitalWatermarkExtractResult": "The extraction jobs of a video: the Trace text its play URLs were last "
            + "handed out with (GetPlayInfo DigitalWatermarkType=TraceMark), or its templates' mark; else Failed.",
    ]
}
