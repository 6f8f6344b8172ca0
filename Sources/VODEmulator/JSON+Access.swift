/// Reading back into built response values (one read reused by another, e.g. GetTranscodeSummary from the
/// GetTranscodeTask view).
extension JSON {
    /// The value of `key` when this is an object.
    func member(_ key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The items when this is an array.
    var arrayItems: [JSON]? {
        guard case .array(let list) = self else { return nil }
        return list
    }
}
