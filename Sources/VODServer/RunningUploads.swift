import VODUpload

/// The uploads of local files this server is running, one per file: an upload outlives the call that started it
/// (that call answers `still_running` after its time limit, or is cancelled), and a later call for the same file joins
/// it instead of starting a second upload and a second media. The key is the file as the upload checkpoint knows it
/// (real path, size, modification time), so a file changed since is a new upload.
actor RunningUploads {
    /// A file's identity: its real path, size and modification time.
    struct Key: Hashable, Sendable {
        let path: String
        let size: Int64
        let modified: Int64

        init(path: String, size: Int64, modified: Int64) {
            self.path = path
            self.size = size
            self.modified = modified
        }

        init(_ file: LocalFile) {
            self.init(path: file.path, size: file.size, modified: file.modified)
        }
    }

    typealias Outcome = Result<UploadResult, UploadError>

    private var running: [Key: RunningUpload] = [:]

    /// The running upload of `key` and `joined: true`, or a new one running `work` and `joined: false`. `work` runs
    /// detached: cancelling the caller does not stop it.
    func join(_ key: Key, parameters: [String: String], work: @escaping @Sendable (UploadProgress) async -> Outcome)
        -> (upload: RunningUpload, joined: Bool)
    {
        if let upload = running[key] { return (upload, true) }
        let progress = UploadProgress(total: key.size)
        let task = Task.detached {
            let outcome = await work(progress)
            progress.finish(outcome)
        }
        let upload = RunningUpload(key: key, parameters: parameters, progress: progress, task: task)
        running[key] = upload
        return (upload, false)
    }

    /// Forgets `upload` once its outcome has been handed to a caller; the next call for the file starts anew.
    func delivered(_ upload: RunningUpload) {
        if running[upload.key]?.progress === upload.progress { running[upload.key] = nil }
    }

    /// The uploads not yet delivered, finished or not.
    var count: Int { running.count }
}
