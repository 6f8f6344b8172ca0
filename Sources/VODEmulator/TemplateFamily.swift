/// A kind of template-like resource (AI templates, snapshot/dynamic-image templates, watermarks, transcode template
/// groups) described as data: its keys, where it is stored, and which VOD operations read and change it. One generic
/// implementation (`RPCService+Families.swift`) serves every operation listed here.
struct TemplateFamily: Sendable {
    /// What one operation does to the family.
    enum Verb: Sendable {
        case get, list, update, delete, setDefault, getDefault
    }

    /// What an update, delete or set-default call answers besides RequestId.
    enum Answer: Sendable {
        case id, info, nothing
    }

    /// Where the records live in the snapshot.
    enum Storage: Sendable {
        case aiTemplates, vodTemplates, watermarks, transcodeGroups
    }

    let storage: Storage
    /// Name of the id in parameters and responses.
    let idKey: String
    let nameKey: String
    let typeKey: String
    /// Parameter and response key of the configuration; `TranscodeTemplateList` for groups (an array on output).
    let configKey: String
    /// Wrapper of one record in Get answers, and of the list in List answers.
    let infoKey: String
    let listKey: String
    let notFoundCode: String
    /// Where records show their AppId (each SDK model decides), and whether AI templates' `Source` shows.
    let appIdIn: Set<Verb>
    let showsSource: Bool
    /// Whether a default is kept per TemplateType (AI templates) rather than one for the whole family.
    let defaultPerType: Bool
    let updateAnswer: Answer
    let deleteAnswer: Answer
    let setDefaultAnswer: Answer
    /// Whether the list is paged with PageNo/PageSize and answers Total (ListWatermark pages; the others do not).
    let pagedList: Bool

    static let ai = TemplateFamily(
        storage: .aiTemplates, idKey: "TemplateId", nameKey: "TemplateName", typeKey: "TemplateType",
        configKey: "TemplateConfig", infoKey: "TemplateInfo", listKey: "TemplateInfoList",
        notFoundCode: "InvalidAITemplate.NotFound", appIdIn: [], showsSource: true, defaultPerType: true,
        updateAnswer: .id, deleteAnswer: .id, setDefaultAnswer: .id, pagedList: false)

    static let vod = TemplateFamily(
        storage: .vodTemplates, idKey: "VodTemplateId", nameKey: "Name", typeKey: "TemplateType",
        configKey: "TemplateConfig", infoKey: "VodTemplateInfo", listKey: "VodTemplateInfoList",
        notFoundCode: "InvalidVodTemplate.NotFound", appIdIn: [.list], showsSource: false, defaultPerType: true,
        updateAnswer: .id, deleteAnswer: .id, setDefaultAnswer: .id, pagedList: false)

    static let watermark = TemplateFamily(
        storage: .watermarks, idKey: "WatermarkId", nameKey: "Name", typeKey: "Type", configKey: "WatermarkConfig",
        infoKey: "WatermarkInfo", listKey: "WatermarkInfos", notFoundCode: "InvalidWatermark.NotFound",
        appIdIn: [.get, .list], showsSource: false, defaultPerType: false, updateAnswer: .info, deleteAnswer: .nothing,
        setDefaultAnswer: .nothing, pagedList: false)

    static let transcodeGroup = TemplateFamily(
        storage: .transcodeGroups, idKey: "TranscodeTemplateGroupId", nameKey: "Name", typeKey: "",
        configKey: "TranscodeTemplateList", infoKey: "TranscodeTemplateGroup", listKey: "TranscodeTemplateGroupList",
        notFoundCode: "InvalidTranscodeTemplateGroup.NotFound", appIdIn: [.get, .list], showsSource: false,
        defaultPerType: false, updateAnswer: .id, deleteAnswer: .nothing, setDefaultAnswer: .nothing, pagedList: false)

    /// The operations the families serve.
    static let operations: [String: (family: TemplateFamily, verb: Verb)] = [
        "GetAITemplate": (ai, .get), "ListAITemplate": (ai, .list), "UpdateAITemplate": (ai, .update),
        "DeleteAITemplate": (ai, .delete), "SetDefaultAITemplate": (ai, .setDefault),
        "GetDefaultAITemplate": (ai, .getDefault),
        "GetVodTemplate": (vod, .get), "ListVodTemplate": (vod, .list), "UpdateVodTemplate": (vod, .update),
        "DeleteVodTemplate": (vod, .delete),
        "GetWatermark": (watermark, .get), "ListWatermark": (watermark, .list), "UpdateWatermark": (watermark, .update),
        "DeleteWatermark": (watermark, .delete), "SetDefaultWatermark": (watermark, .setDefault),
        "GetTranscodeTemplateGroup": (transcodeGroup, .get), "ListTranscodeTemplateGroup": (transcodeGroup, .list),
        "UpdateTranscodeTemplateGroup": (transcodeGroup, .update),
        "DeleteTranscodeTemplateGroup": (transcodeGroup, .delete),
        "SetDefaultTranscodeTemplateGroup": (transcodeGroup, .setDefault),
    ]

    /// The snapshot's dictionary of this family's records.
    var store: WritableKeyPath<SandboxSnapshot, [String: TemplateRecord]> {
        switch storage {
        case .aiTemplates: \.aiTemplates
        case .vodTemplates: \.vodTemplates
        case .watermarks: \.watermarks
        case .transcodeGroups: \.transcodeGroups
        }
    }

    static var handlers: [String: RPCService.Handler] {
        operations.mapValues { entry in
            { service, context in try service.serve(entry.family, entry.verb, context) }
        }
    }
}
