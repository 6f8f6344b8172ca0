import TextSupport

extension RPCService {
    /// The snapshot jobs of a video, oldest first.
    func snapshotJobs(_ videoId: String) -> [JobRecord] {
        store.read { state in state.jobs.values.filter { $0.type == "Snapshot" && $0.mediaId == videoId } }
            .sorted { $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.jobId < $1.jobId }
    }

    /// Object key of image `index` (1-based) of a snapshot job.
    func snapshotKey(videoId: String, jobId: String, index: Int) -> String {
        "snapshot/\(videoId)/\(jobId)_\(cFormat("%05ld", index)).png"
    }

    /// Signed URLs of every snapshot of a video (what GetVideoInfo lists).
    func snapshotURLs(_ videoId: String) -> [String] {
        snapshotJobs(videoId).flatMap { job in
            (1...max(1, job.snapshotCount ?? 1)).map {
                signedURL(snapshotKey(videoId: videoId, jobId: job.jobId, index: $0))
            }
        }
    }

    func listSnapshots(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let type = context.string("SnapshotType") ?? "CoverSnapshot"
        let page = try context.page(defaultSize: 20, maxSize: 100)
        let timeout = try context.int("AuthTimeout") ?? 3600
        guard let job = snapshotJobs(video.videoId).last else {
            return [
                ("MediaSnapshot", .object([("Total", .int(0)), ("Snapshots", .object([("Snapshot", .array([]))]))]))
            ]
        }
        let total = max(1, job.snapshotCount ?? 1)
        let items: [JSON] = Array(1...total).page(page).map { index in
            .object([
                ("Index", .int(index)),
                (
                    "Url",
                    .string(
                        signedURL(snapshotKey(videoId: video.videoId, jobId: job.jobId, index: index), ttl: timeout))
                ),
            ])
        }
        return [
            (
                "MediaSnapshot",
                .object([
                    ("CreationTime", iso(job.creationTime)), ("JobId", .string(job.jobId)),
                    (
                        "Regular",
                        .string(type == "SpriteSnapshot" ? "sprite/{JobId}_{Count}.jpg" : "normal/{Count}.jpg")
                    ),
                    ("Total", .int(total)), ("Snapshots", .object([("Snapshot", .array(items))])),
                ])
            )
        ]
    }
}
