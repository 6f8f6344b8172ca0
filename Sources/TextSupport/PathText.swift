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

    /// `NSString.lastPathComponent`.
    public static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf16.count > 1 else { return fixed }
        return String(fixed[startOfLastComponent(fixed)...])
    }

    /// `NSString.deletingLastPathComponent`.
    public static func deletingLastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = startOfLastComponent(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `NSString.pathExtension`: what follows the last `.` of the last component, or "".
    public static func pathExtension(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf16.count > 1 else { return "" }
        let componentStart = startOfLastComponent(fixed)
        var position = fixed.endIndex
        while position > componentStart {
            let previous = fixed.index(before: position)
            if fixed[previous] == "/" { return "" }
            if fixed[previous] == "." {
                if previous == componentStart { return "" }
                let beforeDot = fixed.index(before: previous)
                if previous == fixed.index(before: fixed.endIndex), beforeDot == componentStart,
                    fixed[beforeDot] == "."
                {
                    return ""
                }
                return String(fixed[position...])
            }
            position = previous
        }
        return ""
    }

    /// Runs of `/` made one, then one trailing `/` removed ("/" itself stays).
    private static func fixingSlashes(_ path: String) -> String {
        if path == "/" { return path }
        var result = ""
        var previousSlash = false
        for character in path {
            if character == "/" {
                if previousSlash { continue }
                previousSlash = true
            } else {
                previousSlash = false
            }
            result.append(character)
        }
        if result.hasSuffix("/") { result.removeLast() }
        return result
    }

    private static func startOfLastComponent(_ path: String) -> String.Index {
        var position = path.endIndex
        while position > path.startIndex {
            let previous = path.index(before: position)
            if path[previous] == "/" { break }
            position = previous
        }
        return position
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
