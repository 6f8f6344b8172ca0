extension RPCService {
    /// One record of a family as Get and List show it.
    func familyJSON(_ family: TemplateFamily, _ record: TemplateRecord, verb: TemplateFamily.Verb) -> JSON {
        var fields: [(String, JSON)] = [(family.idKey, .string(record.id)), (family.nameKey, .string(record.name))]
        if !family.typeKey.isEmpty { fields.append((family.typeKey, .string(record.type))) }
        if family.configKey == "TranscodeTemplateList" {
            if verb == .get {
                // The SDK model declares an array of templates, not JSON text.
                fields.append((family.configKey, .array(groupTemplates(record))))
            }
            fields.append(("Locked", .string(record.locked == true ? "Enabled" : "Disabled")))
        } else {
            fields.append((family.configKey, .string(record.config)))
        }
        fields.append(("IsDefault", .string(record.isDefault ? "Default" : "NotDefault")))
        if family.appIdIn.contains(verb) { fields.append(("AppId", .string(record.appId))) }
        if family.showsSource { fields.append(("Source", .string("User"))) }
        fields.append(("CreationTime", iso(record.creationTime)))
        if family.idKey != "WatermarkId" {
            fields.append(("ModifyTime", iso(record.modificationTime ?? record.creationTime)))
        }
        return .object(fields)
    }

    private func familyRecord(_ family: TemplateFamily, _ context: RPCContext) throws(RPCFailure) -> TemplateRecord {
        let id = try context.required(family.idKey)
        guard let record = store.read({ $0[keyPath: family.store][id] }) else {
            throw RPCFailure.notFound(family.notFoundCode, "No \(family.idKey) \(id) exists in the sandbox.")
        }
        return record
    }

    private func answer(_ kind: TemplateFamily.Answer, _ family: TemplateFamily, _ id: String) -> [(String, JSON)] {
        switch kind {
        case .id: return [(family.idKey, .string(id))]
        case .nothing: return []
        case .info:
            guard let record = store.read({ $0[keyPath: family.store][id] }) else { return [] }
            return [(family.infoKey, familyJSON(family, record, verb: .update))]
        }
    }

    /// Serves one family operation: the generic read, update, delete and default handling of template-like records.
    func serve(
        _ family: TemplateFamily, _ verb: TemplateFamily.Verb, _ context: RPCContext
    ) throws(RPCFailure)
        -> [(String, JSON)]
    {
        switch verb {
        case .get:
            return [(family.infoKey, familyJSON(family, try familyRecord(family, context), verb: .get))]
        case .list:
            let type = family.typeKey.isEmpty ? nil : context.string(family.typeKey)
            let appId = context.string("AppId")
            var records = store.read { Array($0[keyPath: family.store].values) }
                .filter { (type == nil || $0.type == type) && (appId == nil || $0.appId == appId) }
                .sorted { $0.creationTime != $1.creationTime ? $0.creationTime < $1.creationTime : $0.id < $1.id }
            if context.string("PageNo") != nil || context.string("PageSize") != nil {
                records = records.page(try context.page(defaultSize: 10, maxSize: 100))
            }
            return [(family.listKey, .array(records.map { familyJSON(family, $0, verb: .list) }))]
        case .update:
            var record = try familyRecord(family, context)
            if family.storage == .transcodeGroups, let lock = context.string("Locked") {
                // Passing Locked changes only the lock; name and templates stay as they are (API reference).
                guard ["Enabled", "Disabled"].contains(lock) else {
                    throw RPCFailure.invalid("Locked", "Use Enabled or Disabled.")
                }
                store.mutate { $0.transcodeGroups[record.id]?.locked = lock == "Enabled" }
                return answer(family.updateAnswer, family, record.id)
            }
            if family.storage == .transcodeGroups { try refuseIfLocked(record) }
            if let name = context.string(family.nameKey) { record.name = name }
            if let config = context.string(family.configKey) {
                let parsed = JSON.parse(config)
                guard parsed != nil, family.configKey != "TranscodeTemplateList" || parsed is [Any] else {
                    throw RPCFailure.invalid(family.configKey, "It must be JSON text.")
                }
                record.config = config
            }
            record.modificationTime = store.now()
            let updated = record
            store.mutate { $0[keyPath: family.store][updated.id] = updated }
            return answer(family.updateAnswer, family, record.id)
        case .delete:
            let record = try familyRecord(family, context)
            if family.storage == .transcodeGroups { try refuseIfLocked(record) }
            if family.configKey == "TranscodeTemplateList", !context.list("TranscodeTemplateIds").isEmpty {
                return deleteTemplatesOfGroup(record, ids: context.list("TranscodeTemplateIds"))
            }
            store.mutate { state in
                state[keyPath: family.store].removeValue(forKey: record.id)
                // Uploads without a TemplateGroupId still need a default group: the built-in one takes over.
                if record.isDefault && family.storage == .transcodeGroups {
                    state.transcodeGroups[SandboxSnapshot.defaultGroup]?.isDefault = true
                }
            }
            if family.storage == .transcodeGroups { return [("NonExistTranscodeTemplateIds", .array([]))] }
            return answer(family.deleteAnswer, family, record.id)
        case .setDefault:
            let record = try familyRecord(family, context)
            store.mutate { state in
                for (id, other) in state[keyPath: family.store]
                where !family.defaultPerType || other.type == record.type {
                    state[keyPath: family.store][id]?.isDefault = id == record.id
                }
            }
            return answer(family.setDefaultAnswer, family, record.id)
        case .getDefault:
            let type = try context.required(family.typeKey)
            guard
                let record = store.read({ $0[keyPath: family.store].values.first { $0.isDefault && $0.type == type } })
            else {
                throw RPCFailure.notFound(family.notFoundCode, "No default \(type) template is set in the sandbox.")
            }
            return [(family.infoKey, familyJSON(family, record, verb: .get))]
        }
    }

    /// A locked transcode template group takes no added, changed or deleted templates until it is unlocked.
    func refuseIfLocked(_ group: TemplateRecord) throws(RPCFailure) {
        guard group.locked == true else { return }
        throw RPCFailure(
            status: 403, code: "Forbidden.IllegalStatus",
            message: "The transcode template group \(group.id) is locked (Locked=Enabled). Unlock it first with "
                + "UpdateTranscodeTemplateGroup and Locked=Disabled, then change its templates.")
    }

    /// DeleteTranscodeTemplateGroup with TranscodeTemplateIds: removes those templates from the group.
    private func deleteTemplatesOfGroup(_ group: TemplateRecord, ids: [String]) -> [(String, JSON)] {
        let templates = JSON.parse(group.config) as? [[String: Any]] ?? []
        let present = Set(templates.compactMap { $0["TranscodeTemplateId"] as? String })
        let kept = templates.filter { !ids.contains($0["TranscodeTemplateId"] as? String ?? "") }
        let config = JSON.text(of: kept)
        store.mutate {
            $0.transcodeGroups[group.id]?.config = config.isEmpty ? "[]" : config
            $0.transcodeGroups[group.id]?.modificationTime = store.now()
        }
        return [("NonExistTranscodeTemplateIds", .array(ids.filter { !present.contains($0) }.map(JSON.string)))]
    }

    /// The templates of a group as GetTranscodeTemplateGroup shows them: every key of the SDK model, nested settings
    /// (Video, Audio, Container, ...) as JSON text, as the service returns them.
    func groupTemplates(_ group: TemplateRecord) -> [JSON] {
        let templates = JSON.parse(group.config) as? [[String: Any]] ?? []
        let textKeys = [
            "Video", "Audio", "Container", "MuxConfig", "Clip", "TransConfig", "EncryptSetting", "PackageSetting",
            "SubtitleList", "CopyrightMark", "TraceMark", "Rotate", "TranscodeFileRegular",
        ]
        return templates.enumerated().map { index, template in
            var fields: [(String, JSON)] = [
                (
                    "TranscodeTemplateId",
                    .string(template["TranscodeTemplateId"] as? String ?? "\(group.id)-\(index + 1)")
                ),
                ("TemplateName", .string(template["TemplateName"] as? String ?? "")),
                ("Definition", .string(template["Definition"] as? String ?? "")),
                ("Type", .string(template["Type"] as? String ?? "Normal")),
            ]
            for key in textKeys {
                let value = template[key]
                let text = value.map { ($0 as? String) ?? JSON.text(of: $0) } ?? ""
                fields.append((key, .string(text)))
            }
            let watermarks = (template["WatermarkIds"] as? [Any])?.compactMap { $0 as? String } ?? []
            fields.append(("WatermarkIds", .array(watermarks.map(JSON.string))))
            return .object(fields)
        }
    }
}
