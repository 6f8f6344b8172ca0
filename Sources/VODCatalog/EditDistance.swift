/// Levenshtein distance between two strings, compared case-insensitively.
func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.lowercased())
    let b = Array(rhs.lowercased())
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}

/// The candidates close to `name`, closest first: a case-insensitive match, a distance within about a third of
/// the name's length (at least 2), or a candidate that contains the name or is contained in it.
public func closestNames(to name: String, among candidates: [String], limit: Int) -> [String] {
    let lowered = name.lowercased()
    // Edit distance costs length x length per candidate: a multi-megabyte name from a hostile client would take
    // minutes. No real name is that long, so very long input gets no suggestions.
    guard !lowered.isEmpty, lowered.utf8.count <= 256 else { return [] }
    var scored: [(distance: Int, name: String)] = []
    for candidate in candidates {
        let other = candidate.lowercased()
        let distance = editDistance(lowered, other)
        let threshold = max(2, min(lowered.count, other.count) / 3)
        let containment = lowered.count >= 4 && (other.contains(lowered) || lowered.contains(other))
        if distance <= threshold || containment {
            scored.append((distance, candidate))
        }
    }
    scored.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.name < $1.name }
    return scored.prefix(limit).map(\.name)
}
