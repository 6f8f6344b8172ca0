import FoundationEssentials
import VODSigning

/// Daily usage statistics computed from the sandbox's own activity: plays (signed-URL fetches of whole files or
/// playlists; the sandbox has one viewer, so UV is 1 on a day with plays and every play counts as HTML5), media by
/// creation time, storage per class, retrievals of archived media, produced editing videos and AI jobs.
extension RPCService {
    private static let dayLength = 86_400.0

    private static func dayStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / dayLength).rounded(.down) * dayLength)
    }

    /// The days of a window (at most 366).
    private func days(_ start: Date, _ end: Date) -> [Date] {
        var day = Self.dayStart(start)
        var out: [Date] = []
        while day <= end && out.count < 366 {
            out.append(day)
            day = day.addingTimeInterval(Self.dayLength)
        }
        return out
    }

    private static func compactDate(_ day: Date) -> String {
        String(RequestClock.iso8601(day).prefix(10)).replacing("-", with: "")
    }

    /// Plays (not segments) per day with the milliseconds they stand for (the video's duration each).
    private func playsPerDay(_ start: Date, _ end: Date) -> [Date: (count: Int, milliseconds: Int64)] {
        var out: [Date: (Int, Int64)] = [:]
        for event in store.read({ $0.playLog ?? [] }) where event.isPlay && event.time >= start && event.time <= end {
            let duration = event.videoId.flatMap { id in store.read { $0.videos[id]?.duration } } ?? 0
            let sum = out[Self.dayStart(event.time)] ?? (0, 0)
            out[Self.dayStart(event.time)] = (sum.0 + 1, sum.1 + Int64(duration * 1000))
        }
        return out.mapValues { (count: $0.0, milliseconds: $0.1) }
    }

    func describePlayUserAvg(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let plays = playsPerDay(start, end)
        let items: [JSON] = days(start, end).map { day in
            let sum = plays[day] ?? (0, 0)
            return .object([
                ("Date", .string(Self.compactDate(day))), ("AvgPlayCount", .string(String(sum.count))),
                ("AvgPlayDuration", .string(String(sum.milliseconds))),
            ])
        }
        return [("UserPlayStatisAvgs", .object([("UserPlayStatisAvg", .array(items))]))]
    }

    func describePlayUserTotal(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let plays = playsPerDay(start, end)
        let byPlayer = { (html5: Int) -> JSON in
            .object([
                ("Android", .string("0")), ("Flash", .string("0")), ("HTML5", .string(String(html5))),
                ("iOS", .string("0")),
            ])
        }
        let items: [JSON] = days(start, end).map { day in
            let sum = plays[day] ?? (0, 0)
            return .object([
                ("Date", .string(Self.compactDate(day))), ("PlayDuration", .string(String(sum.milliseconds))),
                ("PlayRange", .string("")), ("VV", byPlayer(sum.count)), ("UV", byPlayer(sum.count > 0 ? 1 : 0)),
            ])
        }
        return [("UserPlayStatisTotals", .object([("UserPlayStatisTotal", .array(items))]))]
    }

    func describeVodMediaPlayData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let mediaId = context.string("MediaId")
        var counts: [String: Int] = [:]
        for event in store.read({ $0.playLog ?? [] }) where event.isPlay {
            guard let id = event.videoId, mediaId == nil || id == mediaId else { continue }
            counts[id, default: 0] += 1
        }
        let descending = (context.string("OrderType") ?? "DESC").uppercased() != "ASC"
        let ranked = counts.sorted {
            $0.value != $1.value ? (descending ? $0.value > $1.value : $0.value < $1.value) : $0.key < $1.key
        }
        let items: [JSON] = ranked.page(page).map { id, count in
            let video = store.read { $0.videos[id] }
            let duration = video?.duration ?? 0
            return .object([
                ("MediaId", .string(id)), ("VideoTitle", .string(video?.title ?? "")),
                ("VideoDuration", .double(duration)), ("PlaySuccessVv", .double(Double(count))),
                ("PlayDuration", .double(duration * Double(count))), ("DAU", .double(1)),
                ("PlayDurationPerUv", .double(duration * Double(count))), ("PlayPerVv", .double(duration)),
            ])
        }
        return [
            ("PageNo", .int(page.number)), ("PageSize", .int(page.size)), ("TotalCount", .int(ranked.count)),
            ("QoeInfoList", .array(items)),
        ]
    }

    func describeMediaDistribution(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: 7 * Self.dayLength)
        let interval = context.string("Interval") ?? "day"
        guard ["day", "hour"].contains(interval) else { throw RPCFailure.invalid("Interval", "Use day or hour.") }
        let step = interval == "day" ? Self.dayLength : 3600
        let storageClass = context.string("StorageClass")
        let created = store.read { Array($0.videos.values) }
            .filter { storageClass == nil || ($0.storageClass ?? "Standard") == storageClass }.map(\.creationTime)
        var items: [JSON] = []
        var from = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / step).rounded(.down) * step)
        var total = 0
        while from <= end && items.count < 744 {
            let to = from.addingTimeInterval(step)
            let count = created.filter { $0 >= from && $0 < to }.count
            total += count
            items.append(.object([("StartTime", iso(from)), ("EndTime", iso(to)), ("Count", .int(count))]))
            from = to
        }
        return [("Total", .int(total)), ("MediaDistributionList", .array(items))]
    }

    func describeVodEditingUsageData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let produced = (store.read { $0.editingProjects } ?? [:]).values.compactMap(\.producedMediaId)
        let region = context.string("Region") ?? store.configuration.region
        var perDay: [Date: Double] = [:]
        for id in produced {
            guard let video = store.read({ $0.videos[id] }), video.creationTime >= start, video.creationTime <= end
            else { continue }
            perDay[Self.dayStart(video.creationTime), default: 0] += video.duration
        }
        let items: [JSON] = days(start, end).map { day in
            .object([
                ("TimeStamp", iso(day)), ("Region", .string(region)),
                ("Specification", .string(context.string("Specification") ?? "SD")),
                ("Duration", .int(Int((perDay[day] ?? 0).rounded(.up)))),
            ])
        }
        return [("StartTime", iso(start)), ("EndTime", iso(end)), ("EditingData", .array(items))]
    }

    /// Videos' stored bytes by storage class.
    private func bytesByClass() -> [String: (total: Int64, recent: Int64)] {
        let now = store.now()
        var out: [String: (Int64, Int64)] = [:]
        for video in store.read({ Array($0.videos.values) }) {
            let storageClass = video.storageClass ?? "Standard"
            let size = video.size ?? 0
            let recent = now.timeIntervalSince(video.modificationTime) < 30 * Self.dayLength ? size : 0
            let sum = out[storageClass] ?? (0, 0)
            out[storageClass] = (sum.0 + size, sum.1 + recent)
        }
        return out.mapValues { (total: $0.0, recent: $0.1) }
    }

    func describeVodTieringStorageData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let wanted = context.string("StorageClass")
        let region = context.string("Region") ?? store.configuration.region
        let classes = bytesByClass().filter { wanted == nil || $0.key == wanted }.sorted { $0.key < $1.key }
        let items: [JSON] = days(start, end).flatMap { day in
            classes.map { storageClass, bytes in
                JSON.object([
                    ("TimeStamp", iso(day)), ("Region", .string(region)), ("StorageClass", .string(storageClass)),
                    ("StorageUtilization", .int(bytes.total)),
                    ("LessthanMonthDatasize", .int(storageClass == "Standard" ? 0 : bytes.recent)),
                ])
            }
        }
        return [("StorageData", .array(items))]
    }

    func describeVodTieringStorageRetrievalData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let wanted = context.string("StorageClass")
        let region = context.string("Region") ?? store.configuration.region
        var perDay: [Date: [String: Int64]] = [:]
        for video in store.read({ Array($0.videos.values) }) {
            guard let restored = video.restoredAt, restored >= start, restored <= end else { continue }
            let storageClass = video.storageClass ?? "Standard"
            guard wanted == nil || storageClass == wanted else { continue }
            perDay[Self.dayStart(restored), default: [:]][storageClass, default: 0] += video.size ?? 0
        }
        let items: [JSON] = perDay.keys.sorted().flatMap { day in
            (perDay[day] ?? [:]).sorted { $0.key < $1.key }.map { storageClass, bytes in
                JSON.object([
                    ("TimeStamp", iso(day)), ("Region", .string(region)), ("StorageClass", .string(storageClass)),
                    ("RetrievalData", .int(bytes)), ("CAStdRetrievalData", .int(0)),
                    ("CAHighPriorRetrievalData", .int(0)), ("CABulkRetrievalData", .int(0)),
                ])
            }
        }
        return [("RetrievalData", .array(items))]
    }

    /// Seconds of video the AI jobs of each type processed, per day.
    func describeVodAIData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let (start, end) = try statisticsWindow(context, defaultSeconds: Self.dayLength)
        let types = context.list("AIType")
        let names = ["AIMediaAudit": "AIVideoCensor", "AIMediaDNA": "AIVideoFPShot", "AIVideoTag": "AIVideoTag"]
        var perDay: [Date: [String: Double]] = [:]
        // Video jobs only: an image audit (SubmitAIImageAuditJob) processes no seconds of video.
        for job in store.read({ Array($0.jobs.values) })
        where names[job.type] != nil
            && store.read({ $0.videos[job.mediaId] }) != nil
        {
            guard job.creationTime >= start, job.creationTime <= end else { continue }
            let name = names[job.type] ?? job.type
            guard types.isEmpty || types.contains(name) else { continue }
            let seconds = store.read { $0.videos[job.mediaId]?.duration } ?? 0
            perDay[Self.dayStart(job.creationTime), default: [:]][name, default: 0] += seconds
        }
        let items: [JSON] = perDay.keys.sorted().map { day in
            let data = (perDay[day] ?? [:]).sorted { $0.key < $1.key }.map { name, seconds in
                JSON.object([("Name", .string(name)), ("Value", .string(String(Int(seconds.rounded(.up)))))])
            }
            return .object([("TimeStamp", iso(day)), ("Data", .object([("DataItem", .array(data))]))])
        }
        return [("DataInterval", .string("day")), ("AIData", .object([("AIDataItem", .array(items))]))]
    }
}
