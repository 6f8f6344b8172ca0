import NIOConcurrencyHelpers

/// Counts running requests per client address and in total; refuses a start past either limit.
final class ClientLimiter: Sendable {
    enum Refusal {
        case client
        case server
    }

    private let perClient: Int
    private let total: Int
    private let state = NIOLockedValueBox<(counts: [String: Int], total: Int)>(([:], 0))

    init(perClient: Int, total: Int) {
        self.perClient = max(1, perClient)
        self.total = max(1, total)
    }

    /// Takes a slot for `client`, or says which limit is reached.
    func acquire(_ client: String) -> Refusal? {
        state.withLockedValue { state in
            if state.total >= total { return .server }
            if state.counts[client, default: 0] >= perClient { return .client }
            state.counts[client, default: 0] += 1
            state.total += 1
            return nil
        }
    }

    func release(_ client: String) {
        state.withLockedValue { state in
            guard let count = state.counts[client] else { return }
            state.counts[client] = count <= 1 ? nil : count - 1
            state.total -= 1
        }
    }
}
