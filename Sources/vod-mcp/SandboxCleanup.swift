import Dispatch
import Synchronization
import VODEmulator

#if canImport(Glibc)
    import Glibc
#endif

/// `serve --sandbox` stopped by SIGTERM or SIGINT: shuts the embedded sandbox down (which deletes its temporary
/// state folder; a `--sandbox-dir` is kept) and exits with the conventional status 128 + signal number.
enum SandboxCleanup {
    /// Kept for the life of the process; written once, before any signal can arrive.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func removeOnSignal(_ sandbox: VODSandbox) {
        let fired = Mutex(false)
        var installed: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let first = fired.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                guard first else { return }
                let finished = DispatchSemaphore(value: 0)
                Task {
                    try? await sandbox.shutdown()
                    finished.signal()
                }
                _ = finished.wait(timeout: .now() + 5)
                exit(128 + number)
            }
            source.resume()
            installed.append(source)
        }
        sources += installed
    }
}
