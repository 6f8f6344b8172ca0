/// Everything `serve` (the default command) was asked for on the command line, as plain values.
struct ServeArguments: Equatable, Sendable {
    var server = ServerArguments()
    var sandboxOptions = SandboxArguments()
    var http = HTTPArguments()
    /// `--sandbox`: start the local VOD sandbox in-process.
    var sandbox = false
}
