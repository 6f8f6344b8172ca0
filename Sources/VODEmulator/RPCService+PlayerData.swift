import FoundationEssentials
import VODSigning

/// Player statistics from the play log (each fetch of a signed play URL is one play, as for the other statistics
/// operations). The sandbox receives no player reports, so what only a player can measure (first frame, stalls,
/// seeks, errors, completion, bitrates) is 0, and the one viewer is the sandbox's caller.
extension RPCService {
    /// The metrics the player operations know (the fields of DescribeVodPlayerMetricData's items).
    static let playerMetrics: [String] = [
        "Vv", "RealVv", "Uv", "AvgPerVv", "TotalPlayDuration", "AvgPlayDuration", "AvgPerPlayDuration",
        "AvgVideoDuration", "CompletionVv", "CompletionRate", "AvgPerCompletionVv", "FirstFrame", "SecondPlayRate",
        "SlowPlayRate", "PlayFailRate", "SeedFailRate", "StuckCountRate", "StuckCount100s", "StuckDuration100s",
        "ErrorCount100s", "JumpRate5s", "SeekDuration", "AvgPlayBitrate", "AvgStartBitrate",
    ]

    /// Plays of the application's videos in [start, end).
    private func appPlays(_ appId: String, _ start: Date, _ end: Date) -> [(PlayEvent, VideoRecord)] {
        store.read { state in
            (state.playLog ?? []).compactMap { event -> (PlayEvent, VideoRecord)? in
                guard event.isPlay, event.time >= start, event.time < end, let id = event.videoId,
                    let video = state.videos[id], video.appId == appId
                else { return nil }
                return (event, video)
            }
        }
    }

    /// Every metric over a set of plays (play time in milliseconds, as DescribePlayUserTotal counts it).
    private func playerValues(_ plays: [(PlayEvent, VideoRecord)]) -> [String: Double] {
        let vv = Double(plays.count)
        let uv: Double = plays.isEmpty ? 0 : 1
        let total = plays.reduce(0.0) { $0 + $1.1.duration * 1000 }
        var values = Dictionary(uniqueKeysWithValues: Self.playerMetrics.map { ($0, 0.0) })
        values["Vv"] = vv
        values["RealVv"] = Double(plays.filter { $0.0.bytes > 0 }.count)
        values["Uv"] = uv
        values["AvgPerVv"] = uv == 0 ? 0 : vv / uv
        values["TotalPlayDuration"] = total
        values["AvgPlayDuration"] = vv == 0 ? 0 : total / vv
        values["AvgPerPlayDuration"] = uv == 0 ? 0 : total / uv
        values["AvgVideoDuration"] = vv == 0 ? 0 : total / vv
        return values
    }

    /// The window [StartTime, EndTime) of a player query: at most 31 days, and an Interval the span allows.
    private func playerWindow(_ context: RPCContext, interval: Bool) throws(RPCFailure) -> (Date, Date, Double) {
        let end = try context.date("EndTime") ?? store.now()
        let start = try context.date("StartTime") ?? end.addingTimeInterval(-86_400)
        guard start < end else { throw RPCFailure.invalid("StartTime", "StartTime must be before EndTime.") }
        let span = end.timeIntervalSince(start)
        guard span <= 31 * 86_400 else {
            throw RPCFailure.invalid("EndTime", "One query covers at most 31 days.")
        }
        guard interval else { return (start, end, 86_400) }
        let text = try context.required("Interval")
        guard let seconds = ["5m": 300.0, "1h": 3600, "1d": 86_400][text] else {
            throw RPCFailure.invalid("Interval", "Use 5m, 1h or 1d.")
        }
        if (span > 3 * 86_400 && seconds < 3600) || (span > 7 * 86_400 && seconds < 86_400) {
            throw RPCFailure.invalid(
                "Interval", "5m covers at most 3 days and 1h at most 7 days; use a coarser Interval.")
        }
        return (start, end, seconds)
    }

    private func playerMetricNames(_ context: RPCContext) throws(RPCFailure) -> [String] {
        let names = context.list("Metrics")
        guard !names.isEmpty else { throw RPCFailure.missing("Metrics") }
        for name in names where !Self.playerMetrics.contains(name) {
            throw RPCFailure.invalid(
                "Metrics", "\(name) is not a player metric; use " + Self.playerMetrics.joined(separator: ", ") + ".")
        }
        return names
    }

    /// DescribeVodPlayerCollectData: each metric over the window and over the comparison period before it.
    func describeVodPlayerCollectData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let (start, end, _) = try playerWindow(context, interval: true)
        let names = try playerMetricNames(context)
        var back = end.timeIntervalSince(start)
        if let period = context.string("Period") {
            guard period.hasSuffix("d"), let days = Int(period.dropLast()), days >= 1 else {
                throw RPCFailure.invalid("Period", "Use a number of days such as 1d or 7d.")
            }
            back = Double(days) * 86_400
        }
        let now = playerValues(appPlays(appId, start, end))
        let before = playerValues(appPlays(appId, start.addingTimeInterval(-back), end.addingTimeInterval(-back)))
        let items: [JSON] = names.map { name in
            let value = now[name] ?? 0
            let refer = before[name] ?? 0
            return .object([
                ("Metric", .string(name)), ("Value", .double(value)), ("ValueRefer", .double(refer)),
                ("ValueRatio", .double(refer == 0 ? 0 : (value - refer) / refer)),
            ])
        }
        return [("DataList", .array(items))]
    }

    /// DescribeVodPlayerMetricData: every metric per interval of the window, paged.
    func describeVodPlayerMetricData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let (start, end, interval) = try playerWindow(context, interval: true)
        _ = try playerMetricNames(context)
        let number = Int(try context.int("PageNumber") ?? 1)
        let size = Int(try context.int("PageSize") ?? 5000)
        let plays = appPlays(appId, start, end)
        var points: [JSON] = []
        var time = Date(timeIntervalSince1970: (start.timeIntervalSince1970 / interval).rounded(.down) * interval)
        while time < end && points.count < 10_000 {
            let next = time.addingTimeInterval(interval)
            let values = playerValues(plays.filter { $0.0.time >= time && $0.0.time < next })
            var fields: [(String, JSON)] = [
                ("TimeStamp", iso(time)), ("Dimension", .string(context.string("Os") ?? "")),
            ]
            for name in Self.playerMetrics {
                let value = values[name] ?? 0
                fields.append((name, name == "StuckCount100s" ? .string(String(Int(value))) : .double(value)))
            }
            points.append(.object(fields))
            time = next
        }
        return [
            ("DataList", .array(points.page((number, size)))), ("PageNumber", .int(number)), ("PageSize", .int(size)),
            ("TotalCnt", .int(points.count)),
            (
                "Extend",
                .object([
                    ("ActualStartTime", iso(start)), ("ActualEndTime", iso(end)),
                    ("IntervalSeconds", .int(Int(interval))),
                ])
            ),
        ]
    }

    /// DescribeVodPlayerDimensionData: the values a dimension took in the window. Only what the sandbox serves is
    /// known (its own domain, H.264); dimensions that come from player reports have no values.
    func describeVodPlayerDimensionData(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let (start, end, _) = try playerWindow(context, interval: false)
        let dimension = try context.required("Dimension")
        let played = !appPlays(appId, start, end).isEmpty
        var values: [String] = []
        if played {
            switch dimension {
            case "Domain": values = [URLComponents(string: endpoint)?.host ?? "127.0.0.1"]
            case "Codec": values = ["h264"]
            default: values = []
            }
        }
        return [("DataList", .array(values.map(JSON.string)))]
    }

    /// GetDailyPlayRegionStatis: per day, a CSV file of plays by region (the sandbox's viewers are all local),
    /// written to the bucket under `statis/play-region/`. Days without plays are EmptyDates.
    func getDailyPlayRegionStatis(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let dates = context.list("Date")
        guard !dates.isEmpty else { throw RPCFailure.missing("Date") }
        let today = String(RequestClock.iso8601(store.now()).prefix(10))
        var files: [JSON] = []
        var empty: [JSON] = []
        for date in dates {
            guard date.count == 10, let day = RequestClock.parseISO8601(date + "T00:00:00Z") else {
                throw RPCFailure.invalid("Date", "Use yyyy-MM-dd.")
            }
            guard date <= today else { throw RPCFailure.invalid("Date", "\(date) has not happened yet.") }
            let plays = store.read { state in
                (state.playLog ?? []).filter {
                    $0.isPlay && $0.time >= day && $0.time < day.addingTimeInterval(86_400)
                }.compactMap { event in event.videoId.flatMap { state.videos[$0] }.map { (event, $0) } }
            }
            guard !plays.isEmpty else {
                empty.append(.string(date))
                continue
            }
            let values = playerValues(plays)
            var csv = "Date,MediaRegion,Region,VV,UV,PlayDuration(ms)\n"
            csv += "\(date),\(try context.required("MediaRegion")),local,\(Int(values["Vv"] ?? 0)),"
            csv += "\(Int(values["Uv"] ?? 0)),\(Int(values["TotalPlayDuration"] ?? 0))\n"
            let key = "statis/play-region/\(date).csv"
            storeGenerated(key: key, text: csv, contentType: "text/csv")
            files.append(.object([("Date", .string(date)), ("FileUrl", .string(signedURL(key)))]))
        }
        return [("DailyPlayRegionStatisList", .array(files)), ("EmptyDates", .array(empty)), ("FailDates", .array([]))]
    }

    /// Writes a file the sandbox generates (a report, a log) as an object of its bucket, replacing an older one.
    func storeGenerated(key: String, text: String, contentType: String) {
        let bytes = Array(text.utf8)
        var crc = CRC64()
        crc.update(bytes)
        let segment = store.configuration.discardObjectBodies ? nil : "gen-" + randomHex(12)
        if let segment {
            _ = FileManager.default.createFile(atPath: store.objectPath(segment).path, contents: Data(bytes))
        }
        store.objectStored(
            ObjectRecord(
                bucket: store.bucket, key: key, size: Int64(bytes.count),
                etag: Digest.hash(.md5, bytes).hexString.uppercased(), crc64: crc.value,
                contentType: contentType, segments: segment.map { [$0] } ?? [], lastModified: store.now()))
    }
}
