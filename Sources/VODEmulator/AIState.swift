import FoundationEssentials

/// What the AI operations keep beyond their jobs (which live in `SandboxSnapshot.jobs`): the smart-thumbnail
/// records deleted with DeleteAIImageInfos and the media taken out of the fingerprint library with
/// SubmitMediaDNADeleteJob, and the trace watermarks GetPlayInfo handed out. Everything else an AI job shows is
/// derived from the job and the media it ran on.
struct AIState: Codable, Sendable {
    /// AIImageInfoIds removed by DeleteAIImageInfos.
    var deletedImageInfos: [String] = []
    /// Media whose fingerprints SubmitMediaDNADeleteJob removed, with when (later DNA jobs put them back).
    var removedFingerprints: [String: Date] = [:]
    /// The trace text last handed out with a video's play URLs (GetPlayInfo DigitalWatermarkType=TraceMark, Trace).
    var traceMarks: [String: String] = [:]
}
