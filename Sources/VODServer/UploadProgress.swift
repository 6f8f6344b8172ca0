import Synchronization
import VODUpload

/// What the callers of a running upload can see of it: the media ID once created, the bytes sent, the outcome.
final class UploadProgress: Sendable {
    struct Snapshot: Sendable {
        var mediaId: String?
        var bytesDone: Int64 = 0
        var total: Int64
        var outcome: RunningUploads.Outcome?
    }

    private let state: Mutex<Snapshot>

    init(total: Int64) {
        state = Mutex(Snapshot(total: total))
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// The uploader's `created` hook.
    var created: @Sendable (String) -> Void {
        { id in self.state.withLock { $0.mediaId = id } }
    }

    /// The uploader's `progress` hook.
    var sent: @Sendable (Int64, Int64) -> Void {
        { done, total in
            self.state.withLock {
                $0.bytesDone = done
                $0.total = total
            }
        }
    }

    func finish(_ outcome: RunningUploads.Outcome) {
        state.withLock {
            $0.outcome = outcome
            if case .success(let result) = outcome {
                $0.mediaId = result.mediaId
                $0.bytesDone = result.objectSize
            }
        }
    }
}
