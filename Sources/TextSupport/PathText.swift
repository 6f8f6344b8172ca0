/// The path-string operations vod-mcp used from `NSString` (`lastPathComponent`, `pathExtension`, ...), with the
/// answers Linux Foundation gave, so modules can leave the full Foundation. Paths are plain `/`-separated strings;
/// nothing touches the file system.
public enum PathText {
    /// `NSString.appendingPathComponent`: `base` less one trailing slash, then `/` and `component`; an empty side
    /// gives the other unchanged.
    public static func appending(_ component: String, to base: String) -> String {
        if base.isEmpty { return component }
        if component.isEmpty { return base }
        if base == "/" { return "/" + component }
        return (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + component
    }

    /// `NSString.lastPathComponent`: the part after the last `/` once trailing slashes are gone; `/` for the root.
    public static func lastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return String(trimmed) }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `NSString.deletingLastPathComponent`: the part before the last `/`, less its own trailing slashes; `/` for
    /// a top-level path, empty for a bare name.
    public static func deletingLastComponent(_ path: String) -> String {
        let trimmed = withoutTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let head = withoutTrailingSlashes(trimmed[..<slash])
        return head.isEmpty ? "/" : String(head)
    }

    /// `NSString.pathExtension`: what follows the last `.` of the last component, unless that dot starts it.
    public static func pathExtension(_ path: String) -> String {
        let last = lastComponent(path)
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return String(last[last.index(after: dot)...])
    }

    /// `NSString.deletingPathExtension`: the path with repeated and trailing slashes folded and the last
    /// component's extension (its last `.` and what follows, unless the dot starts it) removed.
    public static func deletingPathExtension(_ path: String) -> String {
        var folded = ""
        for character in path where !(character == "/" && folded.hasSuffix("/")) { folded.append(character) }
        let trimmed = String(withoutTrailingSlashes(Substring(folded)))
        let componentStart = trimmed.lastIndex(of: "/").map { trimmed.index(after: $0) } ?? trimmed.startIndex
        let component = trimmed[componentStart...]
        guard let dot = component.lastIndex(of: "."), dot != component.startIndex,
            !component.allSatisfy({ $0 == "." })
        else { return trimmed }
        return String(trimmed[..<dot])
    }

    private static func withoutTrailingSlashes(_ path: some StringProtocol) -> Substring {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
