/// Why the sandbox could not start or run.
public enum SandboxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The state folder could not be created or written.
    case stateDirectory(path: String, reason: String)
    /// The state file exists but is not a sandbox state file.
    case corruptState(path: String)
    /// The listener could not bind.
    case bindFailed(host: String, port: Int, reason: String)
    /// `start()` was called twice, or an operation needed a running sandbox.
    case notRunning

    /// Stable identifier of the failure.
    public var code: String {
        switch self {
        case .stateDirectory: return "Sandbox.StateDirectory"
        case .corruptState: return "Sandbox.CorruptState"
        case .bindFailed: return "Sandbox.BindFailed"
        case .notRunning: return "Sandbox.NotRunning"
        }
    }

    public var description: String {
        switch self {
        case .stateDirectory(let path, let reason):
            return "The sandbox cannot use its state folder \(path) (\(reason)); pass a writable --sandbox-dir."
        case .corruptState(let path):
            return "The sandbox state file \(path) cannot be read; move it away or pick another --sandbox-dir."
        case .bindFailed(let host, let port, let reason):
            return
                "The sandbox cannot listen on \(host):\(port) (\(reason)); choose another --port or use 0 for a free one."
        case .notRunning:
            return "The sandbox is not running (or was already started); call start() exactly once before use."
        }
    }
}
