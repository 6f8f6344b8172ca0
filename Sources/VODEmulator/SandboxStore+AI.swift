import FoundationEssentials
import TextSupport
import VODSigning

/// The timing of background AI jobs and the smart-thumbnail images they make, shared by the RPC operations and the
/// OSS handler that serves the images.
extension SandboxStore {
    /// When a background AI job ends: one transcode delay after it was submitted, as transcoding does.
    func aiCompletion(_ job: JobRecord) -> Date {
        job.creationTime.addingTimeInterval(configuration.transcodeDelay.timeInterval)
    }

    func aiJobDone(_ job: JobRecord) -> Bool { now() >= aiCompletion(job) }

    /// One smart-thumbnail image of a finished AIImage job.
    struct AIImage: Sendable {
        var id: String
        var job: JobRecord
        var index: Int
        var format: String
        var score: String

        var key: String { "aiimage/\(job.mediaId)/\(job.jobId)-\(index).\(format)" }
    }

    /// The images a finished AIImage job made, deleted ones included: one per ten seconds of the video (one to
    /// five), GIF when the job's AIImage template's Format is gif and PNG otherwise, scored lower with each rank.
    func aiImages(of job: JobRecord) -> [AIImage] {
        guard job.type == "AIImage", aiJobDone(job) else { return [] }
        let config = JSON.parse(job.settings ?? "") as? [String: Any] ?? [:]
        let kind = ((config["Format"] ?? config["AIImageType"]) as? String ?? "").lowercased()
        let format = kind == "gif" ? "gif" : "png"
        let duration = read { $0.videos[job.mediaId]?.duration } ?? 0
        let count = min(5, max(1, Int(duration / 10)))
        return (1...count).map { index in
            AIImage(
                id: Digest.hash(.md5, Array("\(job.jobId)/\(index)".utf8)).hexString, job: job, index: index,
                format: format, score: cFormat("%.4f", 10.0 - Double(index)))
        }
    }

    /// AIImageInfoIds removed with DeleteAIImageInfos.
    var deletedAIImages: Set<String> { Set(read { $0.ai?.deletedImageInfos ?? [] }) }

    /// The bytes of a live smart-thumbnail object (`aiimage/<VideoId>/<JobId>-<n>.<format>`), or `nil`.
    func aiImageObject(key: String) -> (contentType: String, body: [UInt8])? {
        let parts = key.split(separator: "/").map(String.init)
        guard parts.count == 3, let dash = parts[2].lastIndex(of: "-"),
            let job = read({ $0.jobs[String(parts[2][..<dash])] }), job.mediaId == parts[1]
        else { return nil }
        let deleted = deletedAIImages
        guard let image = aiImages(of: job).first(where: { $0.key == key && !deleted.contains($0.id) }) else {
            return nil
        }
        return image.format == "gif"
            ? ("image/gif", OSSService.dynamicImage) : ("image/png", OSSService.snapshotImage)
    }
}
