import FoundationEssentials
import VODSigning

/// A domain's access logs and the detailed CDN views, from the play log. The sandbox serves every domain from its
/// one host, so each domain of the account sees the same fetches (as the other domain statistics do); its one
/// location is `local` and its one ISP `loopback`, and every logged fetch was answered 200 from the origin.
extension RPCService {
    private static let location = "local"
    private static let isp = "loopback"

    /// DescribeVodDomainLog: one log file per hour that has fetches, written to the bucket under `logs/` as
    /// plain text (one line per fetch: time, video, bytes, status) and listed with a signed URL.
    func describeVodDomainLog(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let domain = try requireDomain(context)
        let (start, end) = try statisticsWindow(context, defaultSeconds: 86_400)
        let number = Int(try context.int("PageNumber") ?? 1)
        let size = Int(try context.int("PageSize") ?? 300)
        var hours: [Double: [PlayEvent]] = [:]
        for event in store.read({ $0.playLog ?? [] }) where event.time >= start && event.time <= end {
            hours[(event.time.timeIntervalSince1970 / 3600).rounded(.down) * 3600, default: []].append(event)
        }
        let files: [JSON] = hours.keys.sorted().map { hour in
            let from = Date(timeIntervalSince1970: hour)
            let to = from.addingTimeInterval(3600)
            let stamp = { (date: Date) in
                RequestClock.iso8601(date).prefix(13).replacing("-", with: "_")
                    .replacing("T", with: "_") + "00"
            }
            let name = "\(domain.domainName)_\(stamp(from))_\(stamp(to).suffix(4)).log"
            var text = ""
            for event in hours[hour] ?? [] {
                text += "[\(RequestClock.iso8601(event.time))] \(Self.location) GET \(event.videoId ?? "-") 200 "
                text += "\(event.bytes)\n"
            }
            let key = "logs/\(domain.domainName)/\(name)"
            storeGenerated(key: key, text: text, contentType: "text/plain")
            return .object([
                ("LogName", .string(name)), ("LogPath", .string(signedURL(key))), ("LogSize", .int(text.utf8.count)),
                ("StartTime", iso(from)), ("EndTime", iso(to)),
            ])
        }
        let detail: JSON = .object([
            ("DomainName", .string(domain.domainName)), ("LogCount", .int(files.count)),
            ("LogInfos", .object([("LogInfoDetail", .array(files.page((number, size))))])),
            (
                "PageInfos",
                .object([("PageNumber", .int(number)), ("PageSize", .int(size)), ("Total", .int(files.count))])
            ),
        ])
        return [("DomainLogDetails", .object([("DomainLogDetail", .array([detail]))]))]
    }

    /// DescribeVodDomainRealTimeDetailData: per minute and domain (or merged), the asked fields as JSON text.
    func describeVodDomainRealTimeDetailData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let domains = context.list("DomainName")
        for name in domains where store.read({ $0.domains[name] }) == nil {
            throw RPCFailure.notFound("InvalidDomain.NotFound", "The domain \(name) does not belong to this account.")
        }
        let (start, end) = try statisticsWindow(context, defaultSeconds: 3600)
        let fields = Set(context.list("Field"))
        let merge = context.string("Merge") == "true"
        let mergeLocIsp = context.string("MergeLocIsp") == "true"
        if let location = context.string("LocationNameEn"), location != Self.location {
            return [("Data", .string("[]"))]
        }
        if let isp = context.string("IspNameEn"), isp != Self.isp { return [("Data", .string("[]"))] }
        var rows: [JSON] = []
        for point in seriesPoints(start, end, interval: 60) where point.requests > 0 {
            for name in merge ? [domains.joined(separator: ",")] : domains {
                var row: [(String, JSON)] = [("time_stp", iso(point.time)), ("domain_name", .string(name))]
                if !mergeLocIsp {
                    row.append(("location", .string(Self.location)))
                    row.append(("isp", .string(Self.isp)))
                }
                if fields.contains("qps") { row.append(("qps", .double(Double(point.requests) / 60))) }
                if fields.contains("bps") { row.append(("bps", .int(point.bytes * 8 / 60))) }
                if fields.contains("http_code") {
                    row.append(("http_code", .object([("200", .int(point.requests))])))
                }
                rows.append(.object(row))
            }
        }
        return [("Data", .string(JSON.array(rows).serialized()))]
    }

    /// DescribeVodRangeDataByLocateAndIspService: per 5 minutes (at most one hour), by location and ISP, keyed by
    /// UNIX time: status codes, response time, bandwidth, average speed, page views and hit ratios.
    func describeVodRangeDataByLocateAndIspService(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        _ = try requireDomain(context)
        let (start, end) = try statisticsWindow(context, defaultSeconds: 3600)
        guard end.timeIntervalSince(start) <= 3600 else {
            throw RPCFailure.invalid("EndTime", "EndTime is at most one hour after StartTime.")
        }
        let locations = context.list("LocationNameEn")
        let wanted =
            (locations.isEmpty || locations.contains(Self.location))
            && (context.string("IspNameEn").map { $0 == Self.isp } ?? true)
        var result: [(String, JSON)] = []
        for point in seriesPoints(start, end, interval: 300) where wanted && point.requests > 0 {
            let values: JSON = .object([
                ("http_code", .object([("200", .int(point.requests))])), ("rt", .int(0)),
                ("bps", .int(point.bytes * 8 / 300)), ("avg_speed", .int(point.bytes / Int64(point.requests))),
                ("pv", .int(point.requests)), ("hit_rate", .int(0)), ("request_hit_rate", .int(0)),
            ])
            let key = String(Int(point.time.timeIntervalSince1970))
            result.append((key, .object([(Self.location, .object([(Self.isp, values)]))])))
        }
        return [("JsonResult", .string(JSON.object(result).serialized()))]
    }
}
