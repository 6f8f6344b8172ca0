import FoundationEssentials
import Synchronization
import TextSupport
import VODSigning

/// The sandbox's state: persisted records, nonces, faults and counters, all behind one lock.
final class SandboxStore: Sendable {
    let configuration: SandboxConfiguration
    let accessKeyId: String
    let accessKeySecret: String
    let adminToken: String
    let directory: URL
    let objectsDirectory: URL
    let stateFile: URL
    let ownsDirectory: Bool
    let clock: @Sendable () -> Date
    /// Signs and checks play and object URLs.
    let urlSigner: PlayURLSigner
    /// Fetches UploadMediaByURL sources.
    let pull: LoopbackPull

    private let snapshot: Mutex<SandboxSnapshot>
    private let nonces = Mutex<[String: Date]>([:])
    private let faults = Mutex<[SandboxFault]>([])
    private let counter = Mutex<Int>(0)
    /// Where the listener is reachable; set once it is bound.
    let endpoint = Mutex<String>("http://127.0.0.1")

    init(configuration: SandboxConfiguration, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        self.configuration = configuration
        self.clock = clock
        let fileManager = FileManager.default
        if let directory = configuration.stateDirectory {
            self.directory = directory
            ownsDirectory = false
        } else {
            directory = fileManager.temporaryDirectory.appendingPathComponent(
                "vod-sandbox-" + Digest.randomBytes(6).hexString, isDirectory: true)
            ownsDirectory = true
        }
        objectsDirectory = directory.appendingPathComponent("objects", isDirectory: true)
        stateFile = directory.appendingPathComponent("state.json")
        do {
            try fileManager.createDirectory(at: objectsDirectory, withIntermediateDirectories: true)
        } catch {
            throw SandboxError.stateDirectory(path: directory.path, reason: "cannot create it")
        }
        accessKeyId = configuration.accessKeyId ?? "LTAISandbox" + Digest.randomBytes(7).hexString.uppercased()
        accessKeySecret = configuration.accessKeySecret ?? Digest.randomBytes(15).hexString
        adminToken = configuration.adminToken ?? "sbx-admin-" + Digest.randomBytes(12).hexString
        var initial: SandboxSnapshot
        if fileManager.fileExists(atPath: stateFile.path) {
            guard let data = try? Data(contentsOf: stateFile),
                let loaded = try? Self.decoder.decode(SandboxSnapshot.self, from: data)
            else { throw SandboxError.corruptState(path: stateFile.path) }
            initial = loaded
        } else {
            initial = SandboxSnapshot(bucket: "outin-" + Digest.randomBytes(16).hexString, now: clock())
        }
        let urlKey = configuration.urlAuthKey ?? initial.urlAuthKey ?? "sbxurl" + Digest.randomBytes(10).hexString
        initial.urlAuthKey = urlKey
        snapshot = Mutex(initial)
        urlSigner = PlayURLSigner(key: urlKey, validity: configuration.urlAuthValidity.timeInterval)
        pull = LoopbackPull(limit: configuration.urlPullLimit)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }()

    var bucket: String { read { $0.bucket } }

    func now() -> Date { clock() }

    /// Reads state without persisting.
    func read<Result>(_ body: (SandboxSnapshot) throws -> Result) rethrows -> Result {
        try snapshot.withLock { try body($0) }
    }

    /// Changes state and writes the state file atomically.
    func mutate<Result>(_ body: (inout SandboxSnapshot) throws -> Result) rethrows -> Result {
        try snapshot.withLock { state in
            let result = try body(&state)
            if let data = try? Self.encoder.encode(state) {
                try? data.write(to: stateFile, options: .atomic)
            }
            return result
        }
    }

    /// The next RequestId: `SANDBOX-0001`, `SANDBOX-0002`, ...
    func nextRequestId() -> String {
        let value = counter.withLock { count -> Int in
            count += 1
            return count
        }
        return cFormat("SANDBOX-%04ld", value)
    }

    /// Records a nonce; `false` when it was already used inside the replay window.
    func useNonce(_ nonce: String) -> Bool {
        let now = clock()
        let window = configuration.clockSkewLimit.timeInterval * 2
        return nonces.withLock { seen in
            if seen.count > 10_000 { seen = seen.filter { now.timeIntervalSince($0.value) < window } }
            if let previous = seen[nonce], now.timeIntervalSince(previous) < window { return false }
            seen[nonce] = now
            return true
        }
    }

    // MARK: Faults

    func addFault(_ fault: SandboxFault) { faults.withLock { $0.append(fault) } }

    func clearFaults() { faults.withLock { $0.removeAll() } }

    func activeFaults() -> [SandboxFault] { faults.withLock { $0 } }

    /// The first fault that hits this operation now, consuming one of its uses.
    func takeFault(for operation: String, kinds: Set<SandboxFault.Kind>? = nil) -> SandboxFault? {
        faults.withLock { list in
            for index in list.indices where list[index].matches(operation) {
                if let kinds, !kinds.contains(list[index].kind) { continue }
                if list[index].rate < 1 && Double.random(in: 0..<1) >= list[index].rate { continue }
                let fault = list[index]
                if let remaining = fault.count {
                    if remaining <= 1 { list.remove(at: index) } else { list[index].count = remaining - 1 }
                }
                return fault
            }
            return nil
        }
    }

    // MARK: Video status

    /// The status a video shows now, following the configured transcode delay.
    func status(of video: VideoRecord) -> String {
        if video.auditStatus == "Blocked" { return "Blocked" }
        guard let started = video.uploadedAt, video.baseStatus == "UploadSucc" else { return video.baseStatus }
        let elapsed = clock().timeIntervalSince(started)
        let delay = configuration.transcodeDelay.timeInterval
        if video.templateGroupId == SandboxSnapshot.noTranscodeGroup {
            return elapsed >= delay ? "Normal" : "UploadSucc"
        }
        if elapsed >= 2 * delay { return "Normal" }
        if elapsed >= delay { return "Transcoding" }
        return "UploadSucc"
    }

    /// Issues an STS triple; scoped to one object when `bucket`/`key` are given.
    func issueCredential(ttl: Duration, bucket: String?, key: String?) -> IssuedCredential {
        let credential = IssuedCredential(
            accessKeyId: "STS.Sandbox" + Digest.randomBytes(10).hexString,
            accessKeySecret: Digest.randomBytes(16).base64String.replacing("=", with: ""),
            securityToken: "CAIS" + Digest.randomBytes(48).base64String,
            expiration: clock().addingTimeInterval(ttl.timeInterval), bucket: bucket, objectKey: key)
        mutate { $0.credentials[credential.accessKeyId] = credential }
        return credential
    }

    func objectPath(_ name: String) -> URL { objectsDirectory.appendingPathComponent(name) }

    func removeDirectoryIfOwned() {
        if ownsDirectory { try? FileManager.default.removeItem(at: directory) }
    }
}

/// A random lowercase hex identifier, like VOD's 32-character media IDs.
func randomHex(_ bytes: Int = 16) -> String { Digest.randomBytes(bytes).hexString }
