import FoundationEssentials
import VODSigning

/// Caches a temporary credential and fetches a new one `margin` before it expires. Concurrent callers share one fetch.
actor RefreshingCredential {
    private let margin: TimeInterval
    private let clock: RequestClock
    private var cached: Credential?
    private var inFlight: Task<Result<Credential, CredentialsError>, Never>?

    init(margin: TimeInterval, clock: RequestClock) {
        self.margin = margin
        self.clock = clock
    }

    func get(
        fetch: @escaping @Sendable () async -> Result<Credential, CredentialsError>
    ) async throws(CredentialsError) -> Credential {
        if let cached, isFresh(cached) { return cached }
        let task: Task<Result<Credential, CredentialsError>, Never>
        if let inFlight {
            task = inFlight
        } else {
            task = Task { await fetch() }
            inFlight = task
        }
        let result = await task.value
        inFlight = nil
        if case .success(let credential) = result { cached = credential }
        return try result.get()
    }

    private func isFresh(_ credential: Credential) -> Bool {
        guard let expiration = credential.expiration else { return true }
        return clock.date().addingTimeInterval(margin) < expiration
    }
}
