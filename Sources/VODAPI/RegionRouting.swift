import TextSupport

/// Where a call goes when the operation is served from one region only (see tools/regions/vod-regions.json).
///
/// Alibaba Cloud serves some operations (domain management, storage statistics) only through one region's endpoint;
/// sent to another region's endpoint they fail. vod-mcp sends them to that region instead, unless an explicit
/// endpoint override is set (a proxy or sandbox), in which case the call goes where it was told.
public struct RegionRouting: Sendable, Equatable {
    /// The region whose endpoint the call uses.
    public let region: String
    /// When the call was moved away from the configured region: why, naming both regions and the source page.
    public let note: String?

    /// The route for `action` when the server is configured for `configuredRegion`.
    public static func route(action: String, configuredRegion: String, endpointOverride: String?) -> RegionRouting {
        guard let pinned = RegionTable.singleRegionOperations[action] else {
            return RegionRouting(region: configuredRegion, note: nil)
        }
        if let override = endpointOverride, !override.trimmingWhitespace().isEmpty {
            return RegionRouting(region: configuredRegion, note: nil)
        }
        let configuredHost = VODEndpoint.host(forRegion: configuredRegion)
        guard configuredHost != VODEndpoint.host(forRegion: pinned.region) else {
            return RegionRouting(region: configuredRegion, note: nil)
        }
        return RegionRouting(
            region: pinned.region,
            note: "\(action) is served only from \(pinned.region) (\(pinned.source)); sent to "
                + "\(VODEndpoint.host(forRegion: pinned.region)) instead of the configured region \(configuredRegion).")
    }

    /// The region a single-region operation must use, or nil when it runs in any region.
    public static func pinnedRegion(for action: String) -> String? {
        RegionTable.singleRegionOperations[action]?.region
    }

    /// Whether `region` is listed as deactivated by Alibaba Cloud (still reachable by name, not for new work).
    public static func isDeactivated(_ region: String) -> Bool {
        RegionTable.regions.contains { $0.id == region.lowercased() && $0.status == "deactivated" }
    }
}
