/// One upload held by `RunningUploads`.
struct RunningUpload: Sendable {
    let key: RunningUploads.Key
    /// The CreateUpload parameters of the call that started it.
    let parameters: [String: String]
    let progress: UploadProgress
    let task: Task<Void, Never>

    /// The outcome, once the upload ends within `limit`; nil when the time ran out or the waiting task was cancelled
    /// (the upload goes on). `report` is called at least every `every` while waiting.
    func outcome(
        within limit: Duration, reporting every: Duration = .seconds(2),
        report: @Sendable (UploadProgress.Snapshot) async -> Void = { _ in }
    ) async -> RunningUploads.Outcome? {
        let deadline = ContinuousClock.now + limit
        var nextReport = ContinuousClock.now + every
        while true {
            if let outcome = progress.snapshot.outcome { return outcome }
            let now = ContinuousClock.now
            if now >= deadline || Task.isCancelled { return nil }
            if now >= nextReport {
                await report(progress.snapshot)
                nextReport = now + every
            }
            // Polled: a cancelled caller stops waiting at once, which awaiting the task's value would not allow.
            let pause = min(.milliseconds(100), deadline - now, max(nextReport - now, .zero))
            do { try await Task.sleep(for: pause) } catch { return nil }
        }
    }
}
