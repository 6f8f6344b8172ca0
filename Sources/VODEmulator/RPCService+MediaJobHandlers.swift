/// The operations of the job, source-file, refresh and player-statistics files (issue 14, second part), kept
/// apart from the main table so that each part of the emulator adds its operations in a file of its own.
extension RPCService {
    static let mediaJobHandlers: [String: Handler] = [
        "GetTranscodeSummary": { try $0.getTranscodeSummary($1) },
        "ListJobInfo": { try $0.listJobInfo($1) },
        "SubmitPreprocessJobs": { try $0.submitPreprocessJobs($1) },
        "SubmitWorkflowJob": { try $0.submitWorkflowJob($1) },
        "GetWorkflowTask": { try $0.getWorkflowTask($1) },
        "RegisterMedia": { try $0.registerMedia($1) },
        "UploadStreamByURL": { try $0.uploadStreamByURL($1) },
        "GetMezzanineInfo": { try $0.getMezzanineInfo($1) },
        "DeleteMezzanines": { try $0.deleteMezzanines($1) },
        "GenerateDownloadSecretKey": { try $0.generateDownloadSecretKey($1) },
        "RefreshMediaPlayUrls": { try $0.refreshMediaPlayUrls($1) },
        "GetMediaRefreshJobs": { try $0.getMediaRefreshJobs($1) },
        "DescribeVodPlayerCollectData": { try $0.describeVodPlayerCollectData($1) },
        "DescribeVodPlayerMetricData": { try $0.describeVodPlayerMetricData($1) },
        "DescribeVodPlayerDimensionData": { try $0.describeVodPlayerDimensionData($1) },
        "GetDailyPlayRegionStatis": { try $0.getDailyPlayRegionStatis($1) },
        "DescribeVodDomainLog": { try $0.describeVodDomainLog($1) },
        "DescribeVodDomainRealTimeDetailData": { try $0.describeVodDomainRealTimeDetailData($1) },
        "DescribeVodRangeDataByLocateAndIspService": { try $0.describeVodRangeDataByLocateAndIspService($1) },
    ]
}
