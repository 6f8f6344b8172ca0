/// Shortens client input quoted back in errors, so a megabyte of input never becomes a megabyte of error.
public enum Clip {
    /// The most characters of client input an error quotes.
    public static let limit = 200

    /// `text` itself when short; else its first `limit` characters and a note of the full length.
    public static func text(_ text: String, limit: Int = Clip.limit) -> String {
        if text.utf8.count <= limit { return text }
        var end = text.startIndex
        var used = 0
        for index in text.indices {
            let size = text[index].utf8.count
            if used + size > limit { break }
            used += size
            end = text.index(after: index)
        }
        return String(text[..<end]) + "… (\(text.utf8.count) bytes in all)"
    }
}
