public import Foundation

/// Text snapshots kept in a folder (`__toolsnaps__`), one file per subject.
///
/// `UPDATE_SNAPSHOTS=1` re-records; a missing snapshot fails under CI and is otherwise recorded (and fails once).
/// Files are written in place, not through `write(atomically:)`: on Linux an atomic write leaves a hidden
/// `.dat.nosync…` temporary behind when the process dies between its write and its rename.
public struct SnapshotFile: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Compares `actual` with `<name>`; nil when they agree, else what is wrong, with a line diff.
    public func problem(name: String, actual: String) throws -> String? {
        let file = directory.appendingPathComponent(name)
        let environment = ProcessInfo.processInfo.environment
        let existing = try? String(contentsOf: file, encoding: .utf8)
        if environment["UPDATE_SNAPSHOTS"] == "1" {
            if existing != actual { try Data(actual.utf8).write(to: file) }
            return nil
        }
        guard let existing else {
            if environment["CI"] != nil {
                return "missing snapshot \(name); run UPDATE_SNAPSHOTS=1 swift test locally"
            }
            try Data(actual.utf8).write(to: file)
            return "recorded new snapshot \(name)"
        }
        guard existing != actual else { return nil }
        return "\(name) changed; review and re-record with UPDATE_SNAPSHOTS=1:\n"
            + Self.lineDiff(expected: existing, actual: actual)
    }

    /// Every file in the folder that is not the snapshot of one of `names` (hidden files included).
    public func strayFiles(expected names: Set<String>) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !names.contains($0) }.sorted()
    }

    /// The lines that differ, `-` for the snapshot and `+` for now, with two lines of context around each change.
    public static func lineDiff(expected: String, actual: String, context: Int = 2) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        // Longest common subsequence table, from the end.
        var table = [[Int]](repeating: [Int](repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var lines: [(mark: Character, text: Substring)] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append((" ", old[i]))
                i += 1
                j += 1
            } else if i < old.count, j == new.count || table[i + 1][j] >= table[i][j + 1] {
                lines.append(("-", old[i]))
                i += 1
            } else {
                lines.append(("+", new[j]))
                j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].mark != " " }
        var shown = Set<Int>()
        for index in changed { shown.formUnion(max(0, index - context)...min(lines.count - 1, index + context)) }
        var output: [String] = []
        var previous = -1
        for index in shown.sorted() {
            if previous >= 0 && index > previous + 1 { output.append("…") }
            output.append("\(lines[index].mark) \(lines[index].text)")
            previous = index
        }
        return output.joined(separator: "\n")
    }
}
