import ArgumentParser
import VODEmulator

/// `VOD_MCP_SANDBOX_UPLOAD_DELAY_MS`: with `--sandbox`, every OSS upload request (PutObject, UploadPart) of the
/// embedded sandbox answers this many milliseconds late, so tests can make an upload outlast a call's time limit.
/// Read only in sandbox mode (the sandbox is local) and left out of `--help`: it exists for tests.
enum SandboxUploadDelay {
    static let variable = "VOD_MCP_SANDBOX_UPLOAD_DELAY_MS"
    static let maximum = 600_000

    /// The latency fault the variable asks for; nil when it is unset or empty.
    static func fault(_ environment: [String: String]) throws -> SandboxFault? {
        guard let text = environment[variable], !text.isEmpty else { return nil }
        guard let milliseconds = Int(text), (0...maximum).contains(milliseconds) else {
            throw ValidationError(
                "\(variable) must be a whole number of milliseconds from 0 to \(maximum); got \(text)")
        }
        return SandboxFault(
            .latency, operations: ["PutObject", "UploadPart"], count: nil, latencyMilliseconds: milliseconds)
    }
}
