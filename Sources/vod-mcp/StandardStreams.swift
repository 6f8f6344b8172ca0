#if canImport(Glibc)
    import Glibc
#endif

/// Writes to the process's stdout and stderr with `write(2)`, without Foundation's `FileHandle` (issue 16: the binary
/// carries only FoundationEssentials). Stdout is for protocol lines and the `tools`/`sandbox` commands' output only.
enum StandardStreams {
    static func writeError(_ text: String) { write(Array(text.utf8), to: STDERR_FILENO) }

    static func writeOutput(_ text: String) { write(Array(text.utf8), to: STDOUT_FILENO) }

    static func writeOutput(_ bytes: [UInt8]) { write(bytes, to: STDOUT_FILENO) }

    /// The home directory: `$HOME`, else the password database's entry for this user, else `/`.
    static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
        return "/"
    }

    private static func write(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}
