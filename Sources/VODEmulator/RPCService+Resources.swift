extension RPCService {
    private func validJSON(_ context: RPCContext, _ name: String) throws(RPCFailure) -> String {
        let text = try context.required(name)
        guard JSON.parse(text) != nil else { throw RPCFailure.invalid(name, "It must be JSON.") }
        return text
    }

    func addTranscodeTemplateGroup(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let list = context.string("TranscodeTemplateList") ?? "[]"
        guard JSON.parse(list) is [Any] else {
            throw RPCFailure.invalid("TranscodeTemplateList", "It must be a JSON array.")
        }
        if let existing = context.string("TranscodeTemplateGroupId") {
            guard let group = store.read({ $0.transcodeGroups[existing] }) else {
                throw RPCFailure.notFound(
                    "InvalidTranscodeTemplateGroup.NotFound", "The transcode template group \(existing) does not exist."
                )
            }
            try refuseIfLocked(group)
            store.mutate { $0.transcodeGroups[existing]?.config = list }
            return [("TranscodeTemplateGroupId", .string(existing))]
        }
        guard let name = context.string("Name") else { throw RPCFailure.missing("Name") }
        let id = randomHex()
        let now = store.now()
        store.mutate {
            $0.transcodeGroups[id] = TemplateRecord(
                id: id, name: name, type: "TranscodeTemplateGroup", config: list, appId: appId, isDefault: false,
                creationTime: now)
        }
        return [("TranscodeTemplateGroupId", .string(id))]
    }

    func addVodTemplate(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let type = try context.required("TemplateType")
        guard ["Snapshot", "DynamicImage"].contains(type) else {
            throw RPCFailure.invalid("TemplateType", "Use Snapshot or DynamicImage.")
        }
        let record = TemplateRecord(
            id: randomHex(), name: try context.required("Name"), type: type,
            config: try validJSON(context, "TemplateConfig"),
            appId: appId, isDefault: false, creationTime: store.now())
        store.mutate { $0.vodTemplates[record.id] = record }
        return [("VodTemplateId", .string(record.id))]
    }

    func addAITemplate(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        // The catalog's strict enum (AIMediaAudit, AIImage) has checked TemplateType already.
        let type = try context.required("TemplateType")
        let record = TemplateRecord(
            id: randomHex(), name: try context.required("TemplateName"), type: type,
            config: try validJSON(context, "TemplateConfig"), appId: "app-1000000", isDefault: false,
            creationTime: store.now())
        store.mutate { $0.aiTemplates[record.id] = record }
        return [("TemplateId", .string(record.id))]
    }

    func addWatermark(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let appId = try checkApp(context)
        let type = try context.required("Type")
        guard ["Image", "Text"].contains(type) else { throw RPCFailure.invalid("Type", "Use Image or Text.") }
        let record = TemplateRecord(
            id: randomHex(), name: try context.required("Name"), type: type,
            config: try validJSON(context, "WatermarkConfig"), appId: appId, isDefault: false, creationTime: store.now()
        )
        store.mutate { $0.watermarks[record.id] = record }
        return [
            (
                "WatermarkInfo",
                .object([
                    ("WatermarkId", .string(record.id)), ("Name", .string(record.name)), ("Type", .string(type)),
                    ("WatermarkConfig", .string(record.config)), ("IsDefault", .string("NotDefault")),
                    ("CreationTime", iso(record.creationTime)),
                ])
            )
        ]
    }

    private func categoryJSON(_ category: CategoryRecord) -> JSON {
        .object([
            ("CateId", .int(category.cateId)), ("CateName", .string(category.cateName)),
            ("ParentId", .int(category.parentId)), ("Level", .int(category.level)), ("Type", .string(category.type)),
        ])
    }

    func addCategory(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let name = try context.required("CateName")
        let parentId = try context.int("ParentId") ?? -1
        let type = context.string("Type") ?? "default"
        guard ["default", "material"].contains(type) else {
            throw RPCFailure.invalid("Type", "Use default or material.")
        }
        var level = 0
        if parentId != -1 {
            guard let parent = store.read({ $0.categories[parentId] }) else {
                throw RPCFailure.notFound("InvalidCateId.NotFound", "The parent category \(parentId) does not exist.")
            }
            level = parent.level + 1
            guard level <= 2 else {
                throw RPCFailure(
                    status: 400, code: "LevelExceededMax", message: "Categories nest at most 3 levels deep.")
            }
        }
        let category = store.mutate { state -> CategoryRecord in
            let category = CategoryRecord(
                cateId: state.nextCategoryId, cateName: name, parentId: parentId, level: level, type: type)
            state.nextCategoryId += 1
            state.categories[category.cateId] = category
            return category
        }
        return [("Category", categoryJSON(category))]
    }

    func getCategories(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let cateId = try context.int("CateId") ?? -1
        let type = context.string("Type") ?? "default"
        let page = try context.page(defaultSize: 10, maxSize: 100)
        var result: [(String, JSON)] = []
        if cateId != -1 {
            guard let category = store.read({ $0.categories[cateId] }) else {
                throw RPCFailure.notFound("InvalidCateId.NotFound", "The category \(cateId) does not exist.")
            }
            result.append(("Category", categoryJSON(category)))
        } else {
            result.append(
                (
                    "Category",
                    .object([
                        ("CateId", .int(-1)), ("CateName", .string("")), ("Level", .int(-1)), ("Type", .string(type)),
                    ])
                ))
        }
        let children = store.read { Array($0.categories.values) }
            .filter { $0.parentId == cateId && $0.type == type }
            .sorted { $0.cateId < $1.cateId }
        result.append(("SubTotal", .int(children.count)))
        result.append(("SubCategories", .object([("Category", .array(children.page(page).map(categoryJSON)))])))
        return result
    }

    func deleteCategory(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let id = Int64(try context.required("CateId")) ?? 0
        let removed = store.mutate { state -> Bool in
            guard state.categories[id] != nil else { return false }
            var doomed: Set<Int64> = [id]
            var grew = true
            while grew {
                let more = state.categories.values.filter {
                    doomed.contains($0.parentId) && !doomed.contains($0.cateId)
                }
                grew = !more.isEmpty
                for category in more { doomed.insert(category.cateId) }
            }
            for victim in doomed { state.categories[victim] = nil }
            return true
        }
        guard removed else { throw RPCFailure.notFound("InvalidCateId.NotFound", "The category \(id) does not exist.") }
        return []
    }

    func addVodDomain(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let name = try context.required("DomainName").lowercased()
        guard name.contains("."), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "*" })
        else {
            throw RPCFailure(
                status: 400, code: "InvalidDomainName.Malformed", message: "The domain name \(name) is malformed.")
        }
        let sources = try context.required("Sources")
        guard JSON.parse(sources) is [Any] else {
            throw RPCFailure(status: 400, code: "InvalidSources.Malformed", message: "Sources must be a JSON array.")
        }
        let scope = context.string("Scope") ?? "domestic"
        guard ["domestic", "overseas", "global"].contains(scope) else {
            throw RPCFailure(status: 400, code: "InvalidScope.Malformed", message: "Use domestic, overseas or global.")
        }
        let now = store.now()
        let added = store.mutate { state -> Bool in
            guard state.domains[name] == nil else { return false }
            state.domains[name] = DomainRecord(
                domainName: name, sources: sources, scope: scope, status: "online", cname: name + ".w.alikunlun.com",
                creationTime: now)
            return true
        }
        guard added else {
            throw RPCFailure(status: 400, code: "DomainAlreadyExist", message: "The domain \(name) was already added.")
        }
        return []
    }

    func setDomainStatus(_ context: RPCContext, online: Bool) throws(RPCFailure) -> [(String, JSON)] {
        let names = context.list("DomainNames").map { $0.lowercased() }
        for name in names where store.read({ $0.domains[name] }) == nil {
            throw RPCFailure.notFound("InvalidDomain.NotFound", "The domain \(name) does not belong to this account.")
        }
        store.mutate { state in
            for name in names { state.domains[name]?.status = online ? "online" : "offline" }
        }
        return []
    }

    /// ListAppInfo's model has RegionId; GetAppInfos' does not.
    private func appJSON(_ app: AppRecord, region: Bool = false) -> JSON {
        .object(
            (region ? [("RegionId", .string(store.configuration.region))] : []) + [
                ("AppId", .string(app.appId)), ("AppName", .string(app.appName)),
                ("Description", .string(app.description ?? "")),
                ("Type", .string(app.appId == "app-1000000" ? "System" : "Custom")), ("Status", .string("Normal")),
                ("CreationTime", iso(app.creationTime)), ("ModificationTime", iso(app.creationTime)),
                ("ResourceGroupId", .string(app.resourceGroupId ?? "rg-sandbox-default")),
            ])
    }

    func createAppInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let name = try context.required("AppName")
        let app = AppRecord(
            appId: "app-" + randomHex(8), appName: name, description: context.string("Description"),
            creationTime: store.now())
        let created = store.mutate { state -> Bool in
            guard !state.apps.values.contains(where: { $0.appName == name }) else { return false }
            guard state.apps.count < 10 else { return false }
            state.apps[app.appId] = app
            return true
        }
        guard created else {
            throw RPCFailure(
                status: 409, code: "AlreadyExist.AppName",
                message: "An application named \(name) exists, or 10 apps exist.")
        }
        return [("AppId", .string(app.appId))]
    }

    func getAppInfos(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let ids = context.list("AppIds")
        let apps = store.read { state in ids.map { state.apps[$0] } }
        return [
            ("AppInfoList", .array(apps.compactMap { $0.map { appJSON($0) } })),
            ("NonExistAppIds", .array(zip(ids, apps).filter { $0.1 == nil }.map { .string($0.0) })),
        ]
    }

    func listAppInfo(_ context: RPCContext) throws(RPCFailure) -> [(String, JSON)] {
        let page = try context.page(defaultSize: 10, maxSize: 100)
        let apps = store.read { Array($0.apps.values) }.sorted {
            $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.appId < $1.appId
        }
        return [
            ("Total", .int(apps.count)), ("AppInfoList", .array(apps.page(page).map { appJSON($0, region: true) })),
        ]
    }
}
