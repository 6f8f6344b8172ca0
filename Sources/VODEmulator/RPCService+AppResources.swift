import FoundationEssentials

/// Moving media between applications, resource groups and storage of applications, and abandoning uploads.
extension RPCService {
    private func requireApp(_ id: String, _ name: String) throws(RPCFailure) -> AppRecord {
        guard let app = store.read({ $0.apps[id] }) else {
            throw RPCFailure.notFound("AppNotExist", "The application \(id) (\(name)) does not exist; see ListAppInfo.")
        }
        return app
    }

    func moveAppResource(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let target = try requireApp(try context.required("TargetAppId"), "TargetAppId")
        let type = try context.required("ResourceType")
        guard ["video", "image", "attached"].contains(type) else {
            throw RPCFailure.invalid("ResourceType", "Use video, image or attached.")
        }
        let ids = context.list("ResourceIds")
        guard !ids.isEmpty, ids.count <= 20 else { throw RPCFailure.invalid("ResourceIds", "Send 1 to 20 ids.") }
        let missing = store.mutate { state -> [String] in
            var missing: [String] = []
            for id in ids {
                if type == "video", state.videos[id] != nil {
                    state.videos[id]?.appId = target.appId
                } else if type != "video", state.assets[id]?.kind == type {
                    state.assets[id]?.appId = target.appId
                } else {
                    missing.append(id)
                }
            }
            return missing
        }
        return [("NonExistResourceIds", .array(missing.map(JSON.string))), ("FailedResourceIds", .array([]))]
    }

    func changeResourceGroup(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let app = try requireApp(try context.required("ResourceId"), "ResourceId")
        if let type = context.string("ResourceType"), type != "app" {
            throw RPCFailure.invalid("ResourceType", "Only applications (app) have resource groups.")
        }
        let group = try context.required("ResourceGroupId")
        guard group.hasPrefix("rg-"), group.count <= 64 else {
            throw RPCFailure.invalid("ResourceGroupId", "Use a Resource Manager group id such as rg-acfm...")
        }
        let region = try context.required("ResourceRegionId")
        guard region == store.configuration.region else {
            throw RPCFailure.invalid(
                "ResourceRegionId", "The sandbox's applications are in \(store.configuration.region).")
        }
        store.mutate { $0.apps[app.appId]?.resourceGroupId = group }
        return []
    }

    func addVodStorageForApp(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let app = try requireApp(try context.required("AppId"), "AppId")
        let own = "\(store.bucket).oss-\(store.configuration.region).aliyuncs.com"
        let type = context.string("StorageType") ?? "vod_oss_bucket"
        let location: String
        switch type {
        case "vod_oss_bucket":
            location = own
        case "user_oss_bucket":
            let asked = try context.required("StorageLocation")
            guard asked == own || asked == store.bucket else {
                throw RPCFailure.notFound(
                    "InvalidStorage.NotFound", "The sandbox has one bucket, \(own); \(asked) is not it.")
            }
            location = own
        default:
            throw RPCFailure.invalid("StorageType", "Use vod_oss_bucket or user_oss_bucket.")
        }
        store.mutate { state in
            var locations = state.apps[app.appId]?.storageLocations ?? []
            if !locations.contains(location) { locations.append(location) }
            state.apps[app.appId]?.storageLocations = locations
        }
        return [("StorageLocation", .string(location))]
    }

    /// Abandons the unfinished multipart uploads of a media's file (their parts are deleted).
    func deleteMultipartUpload(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = try context.required("MediaId")
        let type = try context.required("MediaType")
        let target: (bucket: String, key: String)?
        switch type {
        case "video": target = store.read { $0.videos[id].map { ($0.bucket, $0.objectKey) } }
        case "image", "attached":
            target = store.read { state in
                state.assets[id].flatMap { $0.kind == type ? ($0.bucket, $0.objectKey) : nil }
            }
        default: throw RPCFailure.invalid("MediaType", "Use video, image or attached.")
        }
        guard let target else {
            throw RPCFailure.notFound("InvalidMedia.NotFound", "No \(type) \(id) exists in the sandbox.")
        }
        let abandoned = store.mutate { state -> [MultipartRecord] in
            let matching = state.multiparts.values.filter { $0.bucket == target.bucket && $0.key == target.key }
            for upload in matching { state.multiparts.removeValue(forKey: upload.uploadId) }
            return matching
        }
        for upload in abandoned {
            for part in upload.parts.values {
                if let path = part.path { try? FileManager.default.removeItem(at: store.objectPath(path)) }
            }
        }
        return []
    }
}
