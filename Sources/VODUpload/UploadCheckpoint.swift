import FoundationEssentials
import TextSupport
import VODSigning

#if canImport(Glibc)
    import Glibc
#endif

/// What survives an interrupted multipart upload: the media, the address, the upload ID and the finished parts.
/// It never holds the STS secret or token; a resume asks VOD for a fresh credential.
struct UploadCheckpoint: Codable, Sendable, Equatable {
    struct Part: Codable, Sendable, Equatable {
        var number: Int
        var etag: String
        var size: Int64
        var crc64: UInt64
    }

    var version = 1
    var filePath: String
    var fileSize: Int64
    var fileModified: Int64
    var kind: String
    var mediaId: String
    var address: UploadAddress
    var uploadId: String
    var partSize: Int64
    var parts: [Int: Part]
    var created: Date
}

/// Checkpoint files under a state folder, one per (absolute path, size, mtime).
struct CheckpointStore: Sendable {
    let directory: String

    /// `$XDG_STATE_HOME/vod-mcp/uploads`, else `~/.local/state/vod-mcp/uploads`.
    static func defaultDirectory(environment: [String: String], homeDirectory: String) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return PathText.appending("vod-mcp/uploads", to: state)
        }
        return PathText.appending(".local/state/vod-mcp/uploads", to: homeDirectory)
    }

    func path(for file: LocalFile) -> String {
        let key = Digest.hash(.sha256, Array("\(file.path)\n\(file.size)\n\(file.modified)".utf8)).hexString
        return PathText.appending("\(key.prefix(32)).json", to: directory)
    }

    func load(for file: LocalFile) -> UploadCheckpoint? {
        guard let data = FileManager.default.contents(atPath: path(for: file)),
            let checkpoint = try? JSONDecoder().decode(UploadCheckpoint.self, from: data),
            checkpoint.filePath == file.path, checkpoint.fileSize == file.size, checkpoint.fileModified == file.modified
        else { return nil }
        return checkpoint
    }

    func save(_ checkpoint: UploadCheckpoint, for file: LocalFile) throws(UploadError) {
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = try encoder.encode(checkpoint)
            // Written beside the folder, then renamed into it: a process killed mid-save leaves at most this one file,
            // outside the folder, overwritten by the next save and removed with the checkpoint. (`.atomic` would write
            // a randomly named `.dat.nosync…` temporary inside the folder and leave it there when killed.)
            let temporary = temporaryPath(for: file)
            try data.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path(for: file)) == 0 else {
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
        } catch {
            throw .checkpointUnwritable(path: directory, reason: Self.reason(error))
        }
    }

    /// The system's words for why a file operation failed (`strerror` of the underlying POSIX error), else the
    /// error as Swift prints it.
    static func reason(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
            return String(cString: strerror(posix.code.rawValue))
        }
        return String(describing: error)
    }

    func remove(for file: LocalFile) {
        try? FileManager.default.removeItem(atPath: path(for: file))
        try? FileManager.default.removeItem(atPath: temporaryPath(for: file))
    }

    /// `<parent>/.<folder>-<checkpoint name>.tmp`: on the same file system as the folder, so the rename is atomic.
    private func temporaryPath(for file: LocalFile) -> String {
        let parent = PathText.deletingLastComponent(directory)
        let name =
            ".\(PathText.lastComponent(directory))-\(PathText.lastComponent(path(for: file))).tmp"
        return PathText.appending(name, to: parent)
    }
}
