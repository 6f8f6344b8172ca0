/// A count and a byte total that waiting callers may take from, first come first served. One taker is always let in,
/// whatever its size, so a single large item cannot wait forever.
actor AdmissionBudget {
    private let maxCount: Int
    private let maxBytes: Int
    private var count = 0
    private var bytes = 0
    private var waiters: [(cost: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(maxCount: Int, maxBytes: Int) {
        self.maxCount = max(1, maxCount)
        self.maxBytes = maxBytes
    }

    func acquire(_ cost: Int) async {
        if waiters.isEmpty && fits(cost) {
            count += 1
            bytes += cost
            return
        }
        await withCheckedContinuation { waiters.append((cost, $0)) }
    }

    func release(_ cost: Int) {
        count -= 1
        bytes -= cost
        while let first = waiters.first, fits(first.cost) {
            waiters.removeFirst()
            count += 1
            bytes += first.cost
            first.continuation.resume()
        }
    }

    private func fits(_ cost: Int) -> Bool {
        count == 0 || (count < maxCount && bytes + cost <= maxBytes)
    }
}
