/// The path-string operations the sandbox took from `NSString` (object keys and file names), with the answers
/// swift-corelibs-foundation gives: runs of `/` count as one and a trailing `/` is ignored; a name that starts with
/// its only `.` (".hidden") and the name ".." have no extension.
enum PathText {
    /// `NSString.lastPathComponent`.
    static func lastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        guard fixed.utf16.count > 1 else { return fixed }
        return String(fixed[startOfLastComponent(fixed)...])
    }

    /// `NSString.deletingLastPathComponent`.
    static func deletingLastComponent(_ path: String) -> String {
        let fixed = fixingSlashes(path)
        if fixed == "/" || fixed.isEmpty { return fixed }
        let start = startOfLastComponent(fixed)
        if start == fixed.startIndex { return "" }
        if start == fixed.index(after: fixed.startIndex) { return "/" }
        return String(fixed[..<fixed.index(before: start)])
    }

    /// `NSString.pathExtension`: what follows the last `.` of the last component, or "".
    static func pathExtension(_ path: String) -> String {
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
}
