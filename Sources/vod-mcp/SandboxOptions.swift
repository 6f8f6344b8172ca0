import ArgumentParser

/// Flags of the sandbox, for `serve --sandbox` and `sandbox`.
struct SandboxOptions: ParsableArguments {
    @Option(help: "Keep the sandbox state in this directory (default: a new temporary directory).")
    var sandboxDir: String?

    @Option(help: "Seconds a sandbox video spends transcoding (default 2).")
    var sandboxTranscodeDelay: Double?

    @Option(help: "Seconds sandbox upload credentials stay valid (default 3000).")
    var sandboxUploadTtl: Int?

    @Flag(help: "Checksum uploaded objects but do not store their bytes (for very large test uploads).")
    var sandboxDiscardBodies = false

    @Option(help: "Largest body, in bytes, a sandbox UploadMediaByURL pull may bring in (default 1073741824).")
    var sandboxPullLimit: Int64?

    /// The parsed values, for the code that runs the command.
    var arguments: SandboxArguments {
        SandboxArguments(
            sandboxDir: sandboxDir, sandboxTranscodeDelay: sandboxTranscodeDelay, sandboxUploadTtl: sandboxUploadTtl,
            sandboxDiscardBodies: sandboxDiscardBodies, sandboxPullLimit: sandboxPullLimit)
    }
}
