import FoundationEssentials
import TextSupport
import VODSigning

/// Routes authenticated RPC calls to the operations the sandbox implements.
struct RPCService: Sendable {
    let store: SandboxStore
    let fetcher: URLFetcher

    typealias Handler = @Sendable (RPCService, RPCContext) throws -> [(String, JSON)]

    /// Every implemented operation: the hand-written ones below plus those the resource families describe as data.
    static let handlers: [String: Handler] = custom.merging(TemplateFamily.handlers) { custom, _ in custom }
        .merging(DomainSeries.handlers) { custom, _ in custom }
        .merging(mediaJobHandlers) { custom, _ in custom }
        .merging(aiHandlers) { custom, _ in custom }

    /// Operations with behaviour of their own (uploads, jobs, media state).
    private static let custom: [String: Handler] = [
        "CreateUploadVideo": { try $0.createUploadVideo($1) },
        "RefreshUploadVideo": { try $0.refreshUploadVideo($1) },
        "CreateUploadImage": { try $0.createUploadImage($1) },
        "CreateUploadAttachedMedia": { try $0.createUploadAttachedMedia($1) },
        "UploadMediaByURL": { try $0.uploadMediaByURL($1) },
        "GetURLUploadInfos": { try $0.getURLUploadInfos($1) },
        "GetVideoInfo": { try $0.getVideoInfo($1) },
        "GetVideoInfos": { try $0.getVideoInfos($1) },
        "GetVideoList": { try $0.getVideoList($1) },
        "SearchMedia": { try $0.searchMedia($1) },
        "BatchGetMediaInfos": { try $0.batchGetMediaInfos($1) },
        "UpdateVideoInfo": { try $0.updateVideoInfo($1) },
        "UpdateImageInfos": { try $0.updateImageInfos($1) },
        "UpdateVideoInfos": { try $0.updateVideoInfos($1) },
        "UpdateCategory": { try $0.updateCategory($1) },
        "UpdateAppInfo": { try $0.updateAppInfo($1) },
        "DeleteAppInfo": { try $0.deleteAppInfo($1) },
        "GetImageInfos": { try $0.getImageInfos($1) },
        "DeleteVideo": { try $0.deleteVideo($1) },
        "DeleteAttachedMedia": { try $0.deleteAttachedMedia($1) },
        "DeleteImage": { try $0.deleteImage($1) },
        "GetImageInfo": { try $0.getImageInfo($1) },
        "GetAttachedMediaInfo": { try $0.getAttachedMediaInfo($1) },
        "GetPlayInfo": { try $0.getPlayInfo($1) },
        "GetVideoPlayAuth": { try $0.getVideoPlayAuth($1) },
        "CreateAudit": { try $0.createAudit($1) },
        "GetAuditHistory": { try $0.getAuditHistory($1) },
        "SubmitAIMediaAuditJob": { try $0.submitAIMediaAuditJob($1) },
        "GetAIMediaAuditJob": { try $0.getAIMediaAuditJob($1) },
        "GetMediaAuditResult": { try $0.getMediaAuditResult($1) },
        "GetMediaAuditResultDetail": { try $0.getMediaAuditResultDetail($1) },
        "GetMediaAuditResultTimeline": { try $0.getMediaAuditResultTimeline($1) },
        "SubmitTranscodeJobs": { try $0.submitTranscodeJobs($1) },
        "GetTranscodeTask": { try $0.getTranscodeTask($1) },
        "ListTranscodeTask": { try $0.listTranscodeTask($1) },
        "SubmitSnapshotJob": { try $0.submitSnapshotJob($1) },
        "ListSnapshots": { try $0.listSnapshots($1) },
        "GetJobDetail": { try $0.getJobDetail($1) },
        "AddTranscodeTemplateGroup": { try $0.addTranscodeTemplateGroup($1) },
        "AddVodTemplate": { try $0.addVodTemplate($1) },
        "AddAITemplate": { try $0.addAITemplate($1) },
        "AddWatermark": { try $0.addWatermark($1) },
        "AddCategory": { try $0.addCategory($1) },
        "GetCategories": { try $0.getCategories($1) },
        "DeleteCategory": { try $0.deleteCategory($1) },
        "AddVodDomain": { try $0.addVodDomain($1) },
        "BatchStartVodDomain": { try $0.setDomainStatus($1, online: true) },
        "BatchStopVodDomain": { try $0.setDomainStatus($1, online: false) },
        "DescribeVodDomainDetail": { try $0.describeVodDomainDetail($1) },
        "DescribeVodUserDomains": { try $0.describeVodUserDomains($1) },
        "DeleteVodDomain": { try $0.deleteVodDomain($1) },
        "UpdateVodDomain": { try $0.updateVodDomain($1) },
        "BatchSetVodDomainConfigs": { try $0.batchSetVodDomainConfigs($1) },
        "DescribeVodDomainConfigs": { try $0.describeVodDomainConfigs($1) },
        "DeleteVodSpecificConfig": { try $0.deleteVodSpecificConfig($1) },
        "DescribePlayTopVideos": { try $0.describePlayTopVideos($1) },
        "DescribePlayVideoStatis": { try $0.describePlayVideoStatis($1) },
        "DescribeVodDomainTrafficData": { try $0.describeVodDomainTrafficData($1) },
        "DescribeVodDomainBpsData": { try $0.describeVodDomainBpsData($1) },
        "DescribeVodStorageData": { try $0.describeVodStorageData($1) },
        "DescribeVodTranscodeData": { try $0.describeVodTranscodeData($1) },
        "AttachAppPolicyToIdentity": { try $0.attachAppPolicyToIdentity($1) },
        "DetachAppPolicyFromIdentity": { try $0.detachAppPolicyFromIdentity($1) },
        "ListAppPoliciesForIdentity": { try $0.listAppPoliciesForIdentity($1) },
        "UpdateAttachedMediaInfos": { try $0.updateAttachedMediaInfos($1) },
        "SetAuditSecurityIp": { try $0.setAuditSecurityIp($1) },
        "ListAuditSecurityIp": { try $0.listAuditSecurityIp($1) },
        "SetAppPlayKey": { try $0.setAppPlayKey($1) },
        "GetAppPlayKey": { try $0.getAppPlayKey($1) },
        "RefreshVodObjectCaches": { try $0.refreshVodObjectCaches($1) },
        "DescribeVodRefreshTasks": { try $0.describeVodRefreshTasks($1) },
        "DescribeVodRefreshQuota": { try $0.describeVodRefreshQuota($1) },
        "CancelUrlUploadJobs": { try $0.cancelUrlUploadJobs($1) },
        "DeleteStream": { try $0.deleteStream($1) },
        "SetMessageCallback": { try $0.setMessageCallback($1) },
        "GetMessageCallback": { try $0.getMessageCallback($1) },
        "DeleteMessageCallback": { try $0.deleteMessageCallback($1) },
        "CreateAppInfo": { try $0.createAppInfo($1) },
        "GetAppInfos": { try $0.getAppInfos($1) },
        "ListAppInfo": { try $0.listAppInfo($1) },
        "AddEditingProject": { try $0.addEditingProject($1) },
        "GetEditingProject": { try $0.getEditingProject($1) },
        "UpdateEditingProject": { try $0.updateEditingProject($1) },
        "DeleteEditingProject": { try $0.deleteEditingProject($1) },
        "SearchEditingProject": { try $0.searchEditingProject($1) },
        "AddEditingProjectMaterials": { try $0.addEditingProjectMaterials($1) },
        "SetEditingProjectMaterials": { try $0.setEditingProjectMaterials($1) },
        "DeleteEditingProjectMaterials": { try $0.deleteEditingProjectMaterials($1) },
        "GetEditingProjectMaterials": { try $0.getEditingProjectMaterials($1) },
        "ProduceEditingProjectVideo": { try $0.produceEditingProjectVideo($1) },
        "GenerateKMSDataKey": { try $0.generateKMSDataKey($1) },
        "DecryptKMSDataKey": { try $0.decryptKMSDataKey($1) },
        "SubmitDynamicImageJob": { try $0.submitDynamicImageJob($1) },
        "ListDynamicImage": { try $0.listDynamicImage($1) },
        "DeleteDynamicImage": { try $0.deleteDynamicImage($1) },
        "ListLiveRecordVideo": { try $0.listLiveRecordVideo($1) },
        "GetUploadDetails": { try $0.getUploadDetails($1) },
        "UpdateMediaStorageClass": { try $0.updateMediaStorageClass($1) },
        "RestoreMedia": { try $0.restoreMedia($1) },
        "DescribePlayUserAvg": { try $0.describePlayUserAvg($1) },
        "DescribePlayUserTotal": { try $0.describePlayUserTotal($1) },
        "DescribeVodMediaPlayData": { try $0.describeVodMediaPlayData($1) },
        "DescribeMediaDistribution": { try $0.describeMediaDistribution($1) },
        "DescribeVodEditingUsageData": { try $0.describeVodEditingUsageData($1) },
        "DescribeVodTieringStorageData": { try $0.describeVodTieringStorageData($1) },
        "DescribeVodTieringStorageRetrievalData": { try $0.describeVodTieringStorageRetrievalData($1) },
        "DescribeVodAIData": { try $0.describeVodAIData($1) },
        "DescribeVodVerifyContent": { try $0.describeVodVerifyContent($1) },
        "VerifyVodDomainOwner": { try $0.verifyVodDomainOwner($1) },
        "SetVodDomainCertificate": { try $0.setVodDomainCertificate($1) },
        "SetVodDomainSSLCertificate": { try $0.setVodDomainSSLCertificate($1) },
        "DescribeVodDomainCertificateInfo": { try $0.describeVodDomainCertificateInfo($1) },
        "DescribeVodCertificateList": { try $0.describeVodCertificateList($1) },
        "DescribeVodSSLCertificateList": { try $0.describeVodSSLCertificateList($1) },
        "DescribeVodUserVipsByDomain": { try $0.describeVodUserVipsByDomain($1) },
        "PreloadVodObjectCaches": { try $0.preloadVodObjectCaches($1) },
        "SetCrossdomainContent": { try $0.setCrossdomainContent($1) },
        "MoveAppResource": { try $0.moveAppResource($1) },
        "ChangeResourceGroup": { try $0.changeResourceGroup($1) },
        "AddVodStorageForApp": { try $0.addVodStorageForApp($1) },
        "DeleteMultipartUpload": { try $0.deleteMultipartUpload($1) },
        "DescribeVodDomainMax95BpsData": { try $0.describeVodDomainMax95BpsData($1) },
        "DescribeVodDomainRealTimeHttpCodeData": { try $0.describeVodDomainRealTimeHttpCodeData($1) },
    ]

    /// The operations the sandbox implements, sorted.
    static var supportedOperations: [String] { handlers.keys.sorted() }

    func handle(_ call: AuthenticatedCall, host: String) throws(RPCFailure) -> [(String, JSON)] {
        guard call.version == "2017-03-21" else {
            throw RPCFailure(
                status: 400, code: "InvalidVersion",
                message: "Specified parameter Version \"\(call.version)\" is not valid; VOD uses 2017-03-21.")
        }
        guard let operation = CatalogRules.operation(call.action) else {
            throw RPCFailure(
                status: 404, code: "InvalidAction.NotFound",
                message: "Specified api \(call.action) is not found, please check your url and method.")
        }
        guard let handler = Self.handlers[call.action] else {
            throw RPCFailure(
                status: 400, code: "Sandbox.Unsupported",
                message: "The local VOD sandbox does not implement \(call.action) (\(Self.handlers.count) of "
                    + "\(CatalogRules.allActions.count) operations are; `vod-mcp sandbox --coverage` lists them). "
                    + "Run it against the real service.")
        }
        try CatalogRules.check(operation, call.parameters)
        do {
            return try handler(self, RPCContext(parameters: call.parameters, host: host))
        } catch let failure as RPCFailure {
            throw failure
        } catch {
            throw RPCFailure(status: 500, code: "InternalError", message: "The sandbox failed on \(call.action).")
        }
    }
}

/// The parameters of one call with typed accessors.
struct RPCContext: Sendable {
    var parameters: [String: String]
    var host: String

    func string(_ name: String) -> String? {
        guard let value = parameters[name], !value.isEmpty else { return nil }
        return value
    }

    func required(_ name: String) throws(RPCFailure) -> String {
        guard let value = string(name) else { throw RPCFailure.missing(name) }
        return value
    }

    func int(_ name: String) throws(RPCFailure) -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text) else { throw RPCFailure.invalid(name, "It must be an integer.") }
        return value
    }

    func bool(_ name: String) -> Bool? {
        guard let text = string(name)?.lowercased() else { return nil }
        return text == "true"
    }

    func list(_ name: String) -> [String] {
        (string(name) ?? "").split(separator: ",").map { $0.trimmingWhitespace() }.filter {
            !$0.isEmpty
        }
    }

    func date(_ name: String) throws(RPCFailure) -> Date? {
        guard let text = string(name) else { return nil }
        // Some operations take minutes (yyyy-MM-ddTHH:mmZ); seconds are accepted everywhere.
        let minutes = text.count == 17 && text.hasSuffix("Z") ? text.dropLast() + ":00Z" : text
        guard let date = RequestClock.parseISO8601(minutes) else {
            throw RPCFailure.invalid(name, "Use UTC ISO 8601, yyyy-MM-ddTHH:mm:ssZ (or yyyy-MM-ddTHH:mmZ).")
        }
        return date
    }

    func page(defaultSize: Int = 10, maxSize: Int = 100) throws(RPCFailure) -> (number: Int, size: Int) {
        let number = Int(try int("PageNo") ?? 1)
        let size = Int(try int("PageSize") ?? Int64(defaultSize))
        guard number >= 1 else { throw RPCFailure.invalid("PageNo", "It starts at 1.") }
        guard (1...maxSize).contains(size) else { throw RPCFailure.invalid("PageSize", "Use 1 to \(maxSize).") }
        return (number, size)
    }
}

extension Array {
    func page(_ page: (number: Int, size: Int)) -> [Element] {
        let start = (page.number - 1) * page.size
        guard start < count else { return [] }
        return Array(self[start..<Swift.min(count, start + page.size)])
    }
}

func iso(_ date: Date) -> JSON { .string(RequestClock.iso8601(date)) }

func optional(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
