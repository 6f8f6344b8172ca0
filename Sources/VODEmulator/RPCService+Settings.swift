import FoundationEssentials
import VODSigning

/// Account settings and small records: review security IPs, play keys, CDN refresh tasks, URL-upload cancels and
/// stream deletion.
extension RPCService {
    func setAuditSecurityIp(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ips = context.list("Ips")
        guard !ips.isEmpty, ips.count <= 100 else { throw RPCFailure.invalid("Ips", "Send 1 to 100 IP addresses.") }
        let name = context.string("SecurityGroupName") ?? "Default"
        let mode = context.string("OperateMode") ?? "Append"
        guard ["Append", "Cover"].contains(mode) else {
            throw RPCFailure.invalid("OperateMode", "Use Append or Cover.")
        }
        let now = store.now()
        store.mutate { state in
            var all = state.securityIps ?? [:]
            let previous = all[name]
            let merged =
                mode == "Cover" ? ips : (previous?.ips ?? []) + ips.filter { !(previous?.ips ?? []).contains($0) }
            all[name] = SecurityIpRecord(
                ips: merged, creationTime: previous?.creationTime ?? now, modificationTime: now)
            state.securityIps = all
        }
        return []
    }

    func listAuditSecurityIp(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let name = context.string("SecurityGroupName")
        let groups = (store.read { $0.securityIps } ?? [:]).filter { name == nil || $0.key == name }.sorted {
            $0.key < $1.key
        }
        return [
            (
                "SecurityIpList",
                .array(
                    groups.map { name, record in
                        .object([
                            ("SecurityGroupName", .string(name)), ("Ips", .string(record.ips.joined(separator: ","))),
                            ("CreationTime", iso(record.creationTime)),
                            ("ModificationTime", iso(record.modificationTime)),
                        ])
                    })
            )
        ]
    }

    func setAppPlayKey(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId") ?? "app-1000000"
        let key = try context.required("PlayKey")
        guard key.count <= 64, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw RPCFailure.invalid("PlayKey", "Use up to 64 letters and digits.")
        }
        let now = store.now()
        store.mutate { state in
            var all = state.playKeys ?? [:]
            all[appId] = PlayKeyRecord(
                playKey: key, creationTime: all[appId]?.creationTime ?? now, modificationTime: now)
            state.playKeys = all
        }
        return []
    }

    func getAppPlayKey(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = context.string("AppId") ?? "app-1000000"
        guard let record = store.read({ $0.playKeys?[appId] }) else {
            throw RPCFailure.notFound("PlayKeyNotFound", "No play key is set for \(appId); set one with SetAppPlayKey.")
        }
        return [
            (
                "AppPlayKey",
                .object([
                    ("AppId", .string(appId)), ("PlayKey", .string(record.playKey)),
                    ("CreationTime", iso(record.creationTime)), ("ModificationTime", iso(record.modificationTime)),
                ])
            )
        ]
    }

    private static let refreshQuota = (url: 10_000, directory: 100, preload: 500, block: 100)

    func refreshVodObjectCaches(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let paths = (try context.required("ObjectPath")).split(whereSeparator: \.isNewline).map(String.init)
        let type = context.string("ObjectType") ?? "File"
        guard ["File", "Directory", "Regex", "IgnoreParams"].contains(type) else {
            throw RPCFailure.invalid("ObjectType", "Use File, Directory, Regex or IgnoreParams.")
        }
        let now = store.now()
        let tasks = paths.map {
            RefreshTaskRecord(
                taskId: String(Int.random(in: 10_000_000...99_999_999)), objectPath: $0, objectType: type,
                creationTime: now)
        }
        store.mutate { $0.refreshTasks = ($0.refreshTasks ?? []) + tasks }
        return [("RefreshTaskId", .string(tasks.map(\.taskId).joined(separator: ",")))]
    }

    func describeVodRefreshTasks(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = context.string("TaskId")
        let path = context.string("ObjectPath")
        let number = Int(try context.int("PageNumber") ?? 1)
        let size = Int(try context.int("PageSize") ?? 20)
        guard number >= 1, (1...100).contains(size) else { throw RPCFailure.invalid("PageSize", "Use 1 to 100.") }
        let tasks = (store.read { $0.refreshTasks } ?? [])
            .filter { (id == nil || $0.taskId == id) && (path == nil || $0.objectPath.contains(path ?? "")) }
            .reversed()
        let page: [JSON] = Array(tasks).page((number, size)).map { task in
            .object([
                ("TaskId", .string(task.taskId)), ("ObjectPath", .string(task.objectPath)),
                ("ObjectType", .string(["File": "file", "Preload": "preload"][task.objectType] ?? "path")),
                ("Status", .string("Complete")),
                ("Process", .string("100%")), ("Description", .string("")), ("CreationTime", iso(task.creationTime)),
            ])
        }
        return [
            ("Tasks", .object([("Task", .array(page))])), ("PageNumber", .int(number)), ("PageSize", .int(size)),
            ("TotalCount", .int(tasks.count)),
        ]
    }

    func describeVodRefreshQuota(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let today = (store.now().timeIntervalSince1970 / 86_400).rounded(.down)
        let used = (store.read { $0.refreshTasks } ?? []).filter {
            ($0.creationTime.timeIntervalSince1970 / 86_400).rounded(.down) == today
        }
        let files = used.filter { $0.objectType == "File" || $0.objectType == "IgnoreParams" }.count
        let preloads = used.filter { $0.objectType == "Preload" }.count
        let directories = used.count - files - preloads
        let quota = Self.refreshQuota
        return [
            ("UrlQuota", .string(String(quota.url))), ("UrlRemain", .string(String(max(0, quota.url - files)))),
            ("DirQuota", .string(String(quota.directory))),
            ("DirRemain", .string(String(max(0, quota.directory - directories)))),
            ("PreloadQuota", .string(String(quota.preload))),
            ("PreloadRemain", .string(String(max(0, quota.preload - preloads)))),
            // The SDK model spells this key with a lowercase b.
            ("BlockQuota", .string(String(quota.block))), ("blockRemain", .string(String(quota.block))),
        ]
    }

    func cancelUrlUploadJobs(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("JobIds")
        let urls = context.list("UploadUrls").map { PercentEncodingShim.decode($0) }
        guard !ids.isEmpty || !urls.isEmpty else { throw RPCFailure.missing("JobIds") }
        var canceled: [JSON] = []
        var missing: [JSON] = []
        store.mutate { state in
            for (id, job) in state.jobs
            where job.type == "URLUpload" && (ids.contains(id) || urls.contains(job.sourceURL ?? "")) {
                if job.status == "PENDING" {
                    state.jobs[id]?.status = "CANCELED"
                    canceled.append(.string(id))
                }
            }
            for id in ids where state.jobs[id]?.type != "URLUpload" { missing.append(.string(id)) }
        }
        return [("CanceledJobs", .array(canceled)), ("NonExists", .array(missing))]
    }

    func deleteStream(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let video = try requireVideo(try context.required("VideoId"))
        let ids = context.list("JobIds")
        let definitions = ids.compactMap { id -> String? in
            guard let dash = id.lastIndex(of: "-") else { return nil }
            return String(id[id.index(after: dash)...])
        }
        store.mutate { state in
            state.videos[video.videoId]?.deletedStreams = Array(Set((video.deletedStreams ?? []) + definitions))
                .sorted()
        }
        return []
    }
}

/// Percent-decoding for list items (a URL in a comma list arrives encoded).
enum PercentEncodingShim {
    static func decode(_ text: String) -> String { PercentEncoding.decode(text) ?? text }
}
