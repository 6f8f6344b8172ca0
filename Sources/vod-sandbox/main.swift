// A throwaway runner for the VOD sandbox: `vod-sandbox [--port N] [--sandbox-dir DIR] [--transcode-delay SECONDS]
// [--upload-ttl SECONDS] [--discard-bodies]`. Prints one JSON line with the endpoint and credentials, then serves
// until SIGINT/SIGTERM. `vod-mcp sandbox` will route to the same entry point.
import Foundation
import VODEmulator

var configuration = SandboxConfiguration()
var arguments = CommandLine.arguments.dropFirst().makeIterator()

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}

while let argument = arguments.next() {
    switch argument {
    case "--port":
        guard let value = arguments.next(), let port = Int(value), (0...65_535).contains(port) else {
            fail("--port needs a number from 0 to 65535")
        }
        configuration.port = port
    case "--sandbox-dir":
        guard let value = arguments.next() else { fail("--sandbox-dir needs a folder") }
        configuration.stateDirectory = URL(fileURLWithPath: value, isDirectory: true)
    case "--transcode-delay":
        guard let value = arguments.next(), let seconds = Double(value), seconds >= 0 else {
            fail("--transcode-delay needs seconds")
        }
        configuration.transcodeDelay = .milliseconds(Int64(seconds * 1000))
    case "--upload-ttl":
        guard let value = arguments.next(), let seconds = Int(value), seconds > 0 else { fail("--upload-ttl needs seconds") }
        configuration.uploadCredentialTTL = .seconds(seconds)
    case "--discard-bodies":
        configuration.discardObjectBodies = true
    case "--access-key-id":
        configuration.accessKeyId = arguments.next()
    case "--access-key-secret":
        configuration.accessKeySecret = arguments.next()
    default:
        fail("unknown argument \(argument)")
    }
}

do {
    try await VODSandbox.runStandalone(configuration: configuration) { line in
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
} catch {
    fail("\(error)")
}
