/// Bearer token comparison that takes the same time wherever the first difference is.
enum BearerToken {
    /// Whether `header` (an `Authorization` value) is `Bearer <expected>`.
    static func matches(_ header: String?, expected: String) -> Bool {
        guard let header, header.count > 7, header.prefix(7).lowercased() == "bearer " else { return false }
        let given = Array(header.dropFirst(7).utf8)
        let wanted = Array(expected.utf8)
        var difference = UInt8(given.count == wanted.count ? 0 : 1)
        for index in 0..<wanted.count {
            difference |= wanted[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}
