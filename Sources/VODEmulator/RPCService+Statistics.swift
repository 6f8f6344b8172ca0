import FoundationEssentials
import TextSupport
import VODSigning

/// Statistics derived from the sandbox's own activity: plays are fetches of signed play URLs, traffic is the bytes
/// those fetches served, storage is the stored objects, transcoding is the streams made. Deterministic for a given
/// state, and consistent across operations (the same log feeds all of them).
extension RPCService {
    private var plays: [PlayEvent] { store.read { $0.playLog ?? [] } }

    private func window(_ context: RPCContext, defaultHours: Double = 24) throws(RPCFailure) -> (Date, Date) {
        let end = try context.date("EndTime") ?? store.now()
        let start = try context.date("StartTime") ?? end.addingTimeInterval(-defaultHours * 3600)
        guard start <= end else { throw RPCFailure.invalid("StartTime", "StartTime must not be after EndTime.") }
        return (start, end)
    }

    private static func day(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    func describePlayTopVideos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let text = try context.required("BizDate")
        guard let date = RequestClock.parseISO8601(text) else {
            throw RPCFailure.invalid("BizDate", "Use UTC ISO 8601, yyyy-MM-ddT00:00:00Z.")
        }
        let dayStart = Self.day(date)
        let page = try context.page(defaultSize: 100, maxSize: 1000)
        var counts: [String: Int] = [:]
        for event in plays where event.isPlay && Self.day(event.time) == dayStart {
            if let id = event.videoId { counts[id, default: 0] += 1 }
        }
        let ranked = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let items: [JSON] = ranked.page(page).map { id, count in
            let video = store.read { $0.videos[id] }
            return .object([
                ("VideoId", .string(id)), ("Title", .string(video?.title ?? "")), ("VV", .string(String(count))),
                ("UV", .string("1")), ("PlayDuration", .string(String(Int((video?.duration ?? 0) * 1000) * count))),
            ])
        }
        return [
            ("TopPlayVideos", .object([("TopPlayVideoStatis", .array(items))])), ("PageNo", .int(page.number)),
            ("PageSize", .int(page.size)), ("TotalNum", .int(ranked.count)),
        ]
    }

    func describePlayVideoStatis(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let (start, end) = try window(context)
        var perDay: [Date: Int] = [:]
        for event in plays
        where event.isPlay && event.videoId == video.videoId && event.time >= start && event.time <= end {
            perDay[Self.day(event.time), default: 0] += 1
        }
        let details: [JSON] = perDay.keys.sorted().map { day in
            let count = perDay[day] ?? 0
            return .object([
                ("Date", .string(String(RequestClock.iso8601(day).prefix(10)).replacing("-", with: ""))),
                ("Title", .string(video.title)), ("VV", .string(String(count))), ("UV", .string("1")),
                ("PlayDuration", .string(String(Int(video.duration * 1000) * count))), ("PlayRange", .string("")),
            ])
        }
        return [("VideoPlayStatisDetails", .object([("VideoPlayStatisDetail", .array(details))]))]
    }

    /// Bytes served per 300-second bucket in the window.
    private func trafficBuckets(_ start: Date, _ end: Date) -> [(Date, Int64)] {
        let interval = 300.0
        let first = (start.timeIntervalSince1970 / interval).rounded(.down) * interval
        var buckets: [Double: Int64] = [:]
        for event in plays where event.time >= start && event.time <= end {
            let key = (event.time.timeIntervalSince1970 / interval).rounded(.down) * interval
            buckets[key, default: 0] += event.bytes
        }
        let count = Int(((end.timeIntervalSince1970 - first) / interval).rounded(.up))
        return (0..<max(1, min(count, 2016))).map { index in
            let key = first + Double(index) * interval
            return (Date(timeIntervalSince1970: key), buckets[key] ?? 0)
        }
    }

    private func intervalSeries(_ buckets: [(Date, Int64)], value: (Int64) -> String) -> JSON {
        .object([
            (
                "DataModule",
                .array(
                    buckets.map { time, bytes in
                        .object([
                            ("TimeStamp", iso(time)), ("Value", .string(value(bytes))),
                            ("DomesticValue", .string(value(bytes))),
                            ("OverseasValue", .string("0")), ("HttpsValue", .string("0")),
                            ("HttpsDomesticValue", .string("0")),
                            ("HttpsOverseasValue", .string("0")),
                        ])
                    })
            )
        ])
    }

    func describeVodDomainTrafficData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try window(context)
        let buckets = trafficBuckets(start, end)
        return [
            ("DomainName", .string(context.string("DomainName") ?? "")), ("StartTime", iso(start)),
            ("EndTime", iso(end)),
            ("DataInterval", .string("300")), ("TotalTraffic", .string(String(buckets.reduce(0) { $0 + $1.1 }))),
            ("TrafficDataPerInterval", intervalSeries(buckets) { String($0) }),
        ]
    }

    func describeVodDomainBpsData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try window(context)
        let buckets = trafficBuckets(start, end)
        return [
            ("DomainName", .string(context.string("DomainName") ?? "")), ("StartTime", iso(start)),
            ("EndTime", iso(end)),
            ("DataInterval", .string("300")), ("LocationNameEn", .string(context.string("LocationNameEn") ?? "")),
            ("IspNameEn", .string(context.string("IspNameEn") ?? "")),
            ("BpsDataPerInterval", intervalSeries(buckets) { cFormat("%.2f", Double($0) * 8 / 300) }),
        ]
    }

    func describeVodStorageData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try window(context)
        let stored = store.read { $0.objects.values.reduce(Int64(0)) { $0 + $1.size } }
        var day = Self.day(start)
        var items: [JSON] = []
        while day <= end && items.count < 366 {
            let next = day.addingTimeInterval(86_400)
            let out = plays.filter { $0.time >= day && $0.time < next }.reduce(Int64(0)) { $0 + $1.bytes }
            items.append(
                .object([
                    ("TimeStamp", iso(day)), ("StorageUtilization", .string(String(stored))),
                    ("NetworkOut", .string(String(out))),
                ]))
            day = next
        }
        return [("DataInterval", .string("day")), ("StorageData", .object([("StorageDataItem", .array(items))]))]
    }

    func describeVodTranscodeData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try window(context)
        let videos = store.read { Array($0.videos.values) }
        var perDay: [Date: [String: Double]] = [:]
        for video in videos where store.status(of: video) == "Normal" {
            guard let done = video.uploadedAt, done >= start, done <= end,
                video.templateGroupId != SandboxSnapshot.noTranscodeGroup
            else { continue }
            for stream in streams(of: video) {
                perDay[Self.day(done), default: [:]][stream.definition, default: 0] += video.duration
            }
        }
        let items: [JSON] = perDay.keys.sorted().map { day in
            let data = (perDay[day] ?? [:]).sorted { $0.key < $1.key }.map { name, seconds in
                JSON.object([("Name", .string(name)), ("Value", .string(String(Int(seconds))))])
            }
            return .object([("TimeStamp", iso(day)), ("Data", .object([("DataItem", .array(data))]))])
        }
        return [("DataInterval", .string("day")), ("TranscodeData", .object([("TranscodeDataItem", .array(items))]))]
    }
}
