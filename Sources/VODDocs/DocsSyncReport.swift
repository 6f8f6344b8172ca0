/// What a `docs sync` changed in the cache, by path relative to the cache folder.
public struct DocsSyncReport: Sendable, Equatable {
    /// Files that were not in the cache before.
    public let added: [String]
    /// Files whose content changed.
    public let changed: [String]
    /// Files in the old cache that the index no longer links to (they are gone now).
    public let removed: [String]
    /// How many files were already up to date.
    public let unchangedCount: Int
    /// The cache folder that now holds the synced set.
    public let cacheDirectory: String

    /// Creates a report.
    public init(added: [String], changed: [String], removed: [String], unchangedCount: Int, cacheDirectory: String) {
        self.added = added
        self.changed = changed
        self.removed = removed
        self.unchangedCount = unchangedCount
        self.cacheDirectory = cacheDirectory
    }

    init(previous: [String: [UInt8]], current: [String: [UInt8]], cacheDirectory: String) {
        func sorted(_ paths: some Sequence<String>) -> [String] {
            paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        }
        self.init(
            added: sorted(current.keys.filter { previous[$0] == nil }),
            changed: sorted(current.keys.filter { previous[$0] != nil && previous[$0] != current[$0] }),
            removed: sorted(previous.keys.filter { current[$0] == nil }),
            unchangedCount: current.keys.filter { previous[$0] == current[$0] }.count,
            cacheDirectory: cacheDirectory)
    }

    /// One line for the CLI, e.g. `Docs synced to ~/.cache/vod-mcp/llms: 3 added, 1 changed, 0 removed, 225 unchanged.`
    public var summary: String {
        "Docs synced to \(cacheDirectory): \(added.count) added, \(changed.count) changed, \(removed.count) removed, "
            + "\(unchangedCount) unchanged."
    }
}
