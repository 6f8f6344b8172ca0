import ArgumentParser
import FoundationEssentials
import VODEmulator

/// The sandbox flags as plain values (see `SandboxOptions` for their spellings and help).
struct SandboxArguments: Equatable, Sendable {
    var sandboxDir: String? = nil
    var sandboxTranscodeDelay: Double? = nil
    var sandboxUploadTtl: Int? = nil
    var sandboxDiscardBodies = false
    var sandboxPullLimit: Int64? = nil

    func configuration(region: String) throws -> SandboxConfiguration {
        var configuration = SandboxConfiguration()
        configuration.region = region
        if let sandboxDir { configuration.stateDirectory = URL(fileURLWithPath: sandboxDir, isDirectory: true) }
        if let delay = sandboxTranscodeDelay {
            guard delay >= 0, delay <= 3600 else {
                throw ValidationError("--sandbox-transcode-delay must be 0 to 3600 seconds")
            }
            configuration.transcodeDelay = .milliseconds(Int64(delay * 1000))
        }
        if let ttl = sandboxUploadTtl {
            guard ttl > 0 else { throw ValidationError("--sandbox-upload-ttl must be a positive number of seconds") }
            configuration.uploadCredentialTTL = .seconds(ttl)
        }
        configuration.discardObjectBodies = sandboxDiscardBodies
        if let limit = sandboxPullLimit {
            guard limit > 0 else { throw ValidationError("--sandbox-pull-limit must be a positive number of bytes") }
            configuration.urlPullLimit = limit
        }
        return configuration
    }
}
