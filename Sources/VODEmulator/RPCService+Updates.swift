/// Batch updates and the remaining record changes (videos, categories, applications, images).
extension RPCService {
    func updateVideoInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let updates = JSON.parse(try context.required("UpdateContent")) as? [[String: Any]] else {
            throw RPCFailure.invalid("UpdateContent", "It must be a JSON array of objects with VideoId.")
        }
        guard updates.count <= 20 else { throw RPCFailure.invalid("UpdateContent", "At most 20 videos per call.") }
        var missing: [JSON] = []
        let now = store.now()
        for update in updates {
            guard let id = update["VideoId"] as? String else { throw RPCFailure.missing("VideoId") }
            let cateId =
                (update["CateId"] as? JSONNumber)?.int64Value ?? (update["CateId"] as? String).flatMap { Int64($0) }
            if cateId != nil { try checkCategory(cateId) }
            if let title = update["Title"] as? String, title.utf8.count > 128 {
                throw RPCFailure(
                    status: 400, code: "LengthExceededMax", message: "Title of \(id) is longer than 128 bytes.")
            }
            let found = store.mutate { state -> Bool in
                guard var video = state.videos[id] else { return false }
                if let value = update["Title"] as? String { video.title = value }
                if let value = update["Description"] as? String { video.description = value }
                if let value = update["Tags"] as? String { video.tags = value }
                if let value = update["CoverURL"] as? String { video.coverURL = value }
                if let cateId { video.cateId = cateId }
                video.modificationTime = now
                state.videos[id] = video
                return true
            }
            if !found { missing.append(.string(id)) }
        }
        return [
            ("NonExistVideoIds", .array(missing)), ("ForbiddenVideoIds", .array([])),
            ("NonExistReferenceIds", .array([])),
        ]
    }

    func updateCategory(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        guard let cateId = try context.int("CateId") else { throw RPCFailure.missing("CateId") }
        let name = try context.required("CateName")
        let found = store.mutate { state -> Bool in
            guard state.categories[cateId] != nil else { return false }
            state.categories[cateId]?.cateName = name
            return true
        }
        guard found else {
            throw RPCFailure.notFound("InvalidCateId.NotFound", "The category \(cateId) does not exist.")
        }
        return []
    }

    func updateAppInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try context.required("AppId")
        if let status = context.string("Status"), !["Normal", "Disable"].contains(status) {
            throw RPCFailure.invalid("Status", "Use Normal or Disable.")
        }
        let found = store.mutate { state -> Bool in
            guard state.apps[appId] != nil else { return false }
            if let name = context.string("AppName") { state.apps[appId]?.appName = name }
            if let description = context.string("Description") { state.apps[appId]?.description = description }
            return true
        }
        guard found else {
            throw RPCFailure.notFound("InvalidAppId.NotFound", "The application \(appId) does not exist.")
        }
        return []
    }

    func deleteAppInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try context.required("AppId")
        guard appId != "app-1000000" else {
            throw RPCFailure(
                status: 403, code: "Forbidden.DeleteSystemApp", message: "The default application cannot be deleted.")
        }
        let inUse = store.read { state in
            state.videos.values.contains { $0.appId == appId } || state.assets.values.contains { $0.appId == appId }
        }
        guard !inUse else {
            throw RPCFailure(
                status: 403, code: "Forbidden.AppInUse",
                message: "The application \(appId) still holds media; move or delete them first.")
        }
        let removed = store.mutate { $0.apps.removeValue(forKey: appId) }
        guard removed != nil else {
            throw RPCFailure.notFound("InvalidAppId.NotFound", "The application \(appId) does not exist.")
        }
        return []
    }

    func getImageInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("ImageIds")
        guard ids.count <= 20 else { throw RPCFailure.invalid("ImageIds", "At most 20 ImageIds per call.") }
        var found: [JSON] = []
        var missing: [JSON] = []
        for id in ids {
            if let asset = store.read({ $0.assets[id] }), asset.kind == "image" {
                found.append(assetJSON(asset, view: .image))
            } else {
                missing.append(.string(id))
            }
        }
        return [("ImageInfo", .array(found)), ("NonExistImageIds", .array(missing))]
    }
}
