import FoundationEssentials
import TextSupport

/// The generic implementation of `DomainSeries` and the other statistics computed from the play log.
extension RPCService {
    /// One point of a series: its start, the bytes served and the requests made in it.
    struct SeriesPoint {
        var time: Date
        var bytes: Int64
        var requests: Int
    }

    /// The window of a statistics call: EndTime (default now) and StartTime (default `defaultSeconds` before).
    func statisticsWindow(_ context: RPCContext, defaultSeconds: Double) throws(RPCFailure) -> (Date, Date) {
        let end = try context.date("EndTime") ?? store.now()
        let start = try context.date("StartTime") ?? end.addingTimeInterval(-defaultSeconds)
        guard start <= end else { throw RPCFailure.invalid("StartTime", "StartTime must not be after EndTime.") }
        return (start, end)
    }

    /// The play log in fixed buckets from `start` to `end` (at most 2016 points, a week of 5-minute points).
    func seriesPoints(_ start: Date, _ end: Date, interval: Double) -> [SeriesPoint] {
        let first = (start.timeIntervalSince1970 / interval).rounded(.down) * interval
        var buckets: [Double: (Int64, Int)] = [:]
        for event in store.read({ $0.playLog ?? [] }) where event.time >= start && event.time <= end {
            let key = (event.time.timeIntervalSince1970 / interval).rounded(.down) * interval
            let sum = buckets[key] ?? (0, 0)
            buckets[key] = (sum.0 + event.bytes, sum.1 + 1)
        }
        let count = Int(((end.timeIntervalSince1970 - first) / interval).rounded(.up))
        return (0..<max(1, min(count, 2016))).map { index in
            let key = first + Double(index) * interval
            let sum = buckets[key] ?? (0, 0)
            return SeriesPoint(time: Date(timeIntervalSince1970: key), bytes: sum.0, requests: sum.1)
        }
    }

    private func measure(_ metric: DomainSeries.Metric, _ point: SeriesPoint, interval: Double) -> Double {
        switch metric {
        case .bytes: Double(point.bytes)
        case .bps: Double(point.bytes) * 8 / interval
        case .requests: Double(point.requests)
        case .qps: Double(point.requests) / interval
        case .hitRate, .zero: 0
        }
    }

    private static func decimal(_ value: Double) -> String {
        value == value.rounded() ? String(Int64(value)) : cFormat("%.2f", value)
    }

    func serve(_ series: DomainSeries, _ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let realTime = series.interval < 300
        let (start, end) = try statisticsWindow(context, defaultSeconds: realTime ? 3600 : 86_400)
        let points = seriesPoints(start, end, interval: series.interval)
        let items: [JSON] = points.map { point in
            var fields: [(String, JSON)] = [("TimeStamp", iso(point.time))]
            for field in series.fields {
                switch field {
                case .string(let key, let metric):
                    fields.append((key, .string(Self.decimal(measure(metric, point, interval: series.interval)))))
                case .double(let key, let metric):
                    fields.append((key, .double(measure(metric, point, interval: series.interval))))
                case .int(let key, let metric):
                    fields.append((key, .int(Int64(measure(metric, point, interval: series.interval)))))
                }
            }
            return .object(fields)
        }
        var out: [(String, JSON)] = []
        for header in series.headers {
            switch header {
            case .domainName: out.append(("DomainName", .string(context.string("DomainName") ?? "")))
            case .startTime: out.append(("StartTime", iso(start)))
            case .endTime: out.append(("EndTime", iso(end)))
            case .dataInterval: out.append(("DataInterval", .string(String(Int(series.interval)))))
            case .dataIntervalInt: out.append(("DataInterval", .int(Int(series.interval))))
            case .totalTraffic: out.append(("TotalTraffic", .string(String(points.reduce(0) { $0 + $1.bytes }))))
            case .area: out.append(("Area", .string(context.string("Area") ?? "CN")))
            case .type: out.append(("Type", .string(context.string("Type") ?? "static")))
            }
        }
        out.append((series.wrapper, .object([(series.item, .array(items))])))
        return out
    }

    /// The 95th-percentile bandwidth of the window (the value 5% of the 5-minute points exceed), and its time.
    func describeVodDomainMax95BpsData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: 86_400)
        let points = seriesPoints(start, end, interval: 300)
        let ranked = points.sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.time < $1.time }
        let cut = ranked[min(ranked.count - 1, ranked.count * 5 / 100)]
        let bps = Double(cut.bytes) * 8 / 300
        let detail: [JSON] = [
            .object([
                ("Area", .string("CN")), ("Max95Bps", .double(bps)), ("Max95BpsPeakTime", iso(cut.time)),
                ("TimeStamp", iso(start)),
            ])
        ]
        return [
            ("DomainName", .string(context.string("DomainName") ?? "")), ("StartTime", iso(start)),
            ("EndTime", iso(end)), ("Max95Bps", .string(Self.decimal(bps))),
            ("DomesticMax95Bps", .string(Self.decimal(bps))), ("OverseasMax95Bps", .string("0")),
            ("DetailData", .object([("Max95Detail", .array(detail))])),
        ]
    }

    /// HTTP status codes per minute: every fetch the sandbox logs was answered 200.
    func describeVodDomainRealTimeHttpCodeData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: 3600)
        let items: [JSON] = seriesPoints(start, end, interval: 60).map { point in
            let codes: [JSON] =
                point.requests == 0
                ? []
                : [
                    .object([
                        ("Code", .string("200")), ("Count", .string(String(point.requests))),
                        ("Proportion", .string("100")),
                    ])
                ]
            return .object([
                ("TimeStamp", iso(point.time)), ("Value", .object([("RealTimeCodeProportionData", .array(codes))])),
            ])
        }
        return [
            ("DomainName", .string(context.string("DomainName") ?? "")), ("StartTime", iso(start)),
            ("EndTime", iso(end)), ("DataInterval", .string("60")),
            ("RealTimeHttpCodeData", .object([("UsageData", .array(items))])),
        ]
    }
}
