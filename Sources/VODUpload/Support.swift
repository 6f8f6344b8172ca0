import FoundationEssentials
import Synchronization

/// Adds up bytes sent by parallel requests and reports the total at most every 200 ms (and always at the end).
final class ProgressMeter: Sendable {
    private struct State {
        var finished: Int64 = 0
        var inFlight: [Int: Int64] = [:]
        var reported: Int64 = -1
        var lastReport = ContinuousClock.now - .seconds(1)
    }

    let total: Int64
    private let state = Mutex(State())
    private let sink: (@Sendable (Int64, Int64) -> Void)?

    init(total: Int64, sink: (@Sendable (Int64, Int64) -> Void)?) {
        self.total = total
        self.sink = sink
    }

    /// Bytes of part `part` sent so far.
    func update(part: Int, sent: Int64) {
        emit { state in state.inFlight[part] = sent }
    }

    /// Part `part` is stored (or was already stored before a resume).
    func finish(part: Int, size: Int64) {
        emit { state in
            state.inFlight[part] = nil
            state.finished += size
        }
    }

    /// Part `part` failed; its bytes will be sent again.
    func reset(part: Int) {
        state.withLock { $0.inFlight[part] = nil }
    }

    private func emit(_ change: (inout State) -> Void) {
        guard let sink else { return }
        let value: Int64? = state.withLock { state in
            change(&state)
            let now = ContinuousClock.now
            let sent = min(total, state.finished + state.inFlight.values.reduce(0, +))
            guard sent > state.reported, sent == total || now - state.lastReport >= .milliseconds(200) else {
                return nil
            }
            state.reported = sent
            state.lastReport = now
            return sent
        }
        if let value { sink(value, total) }
    }
}
