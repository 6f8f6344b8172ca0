"""Which reads show the effect of each write (issue 14: "every supported write has its read").

Hand-kept: for every write or destructive operation, the read operations a user would call to see what it did.
"""

from __future__ import annotations

_VIDEO = ("GetVideoInfo", "GetVideoInfos", "SearchMedia")
_DOMAIN = ("DescribeVodDomainDetail", "DescribeVodUserDomains")
_CERT = ("DescribeVodDomainCertificateInfo", "DescribeVodCertificateList", "DescribeVodSSLCertificateList")

READS: dict[str, tuple[str, ...]] = {
    "AddAITemplate": ("GetAITemplate", "ListAITemplate"),
    "AddCategory": ("GetCategories",),
    "AddEditingProject": ("GetEditingProject", "SearchEditingProject"),
    "AddEditingProjectMaterials": ("GetEditingProjectMaterials",),
    "AddTranscodeTemplateGroup": ("GetTranscodeTemplateGroup", "ListTranscodeTemplateGroup"),
    "AddVodDomain": _DOMAIN,
    "AddVodStorageForApp": ("DescribeVodStorageData",),
    "AddVodTemplate": ("GetVodTemplate", "ListVodTemplate"),
    "AddWatermark": ("GetWatermark", "ListWatermark"),
    "AttachAppPolicyToIdentity": ("ListAppPoliciesForIdentity",),
    "BatchSetVodDomainConfigs": ("DescribeVodDomainConfigs",),
    "BatchStartVodDomain": _DOMAIN,
    "BatchStopVodDomain": _DOMAIN,
    "CancelUrlUploadJobs": ("GetURLUploadInfos",),
    "ChangeResourceGroup": ("GetAppInfos", "ListAppInfo"),
    "CreateAppInfo": ("GetAppInfos", "ListAppInfo"),
    "CreateAudit": ("GetAuditHistory",),
    "CreateUploadAttachedMedia": ("GetAttachedMediaInfo",),
    "CreateUploadImage": ("GetImageInfo", "GetImageInfos"),
    "CreateUploadVideo": _VIDEO,
    "DeleteAIImageInfos": ("ListAIImageInfo",),
    "DeleteAITemplate": ("GetAITemplate", "ListAITemplate"),
    "DeleteAppInfo": ("GetAppInfos", "ListAppInfo"),
    "DeleteAttachedMedia": ("GetAttachedMediaInfo",),
    "DeleteCategory": ("GetCategories",),
    "DeleteDynamicImage": ("ListDynamicImage",),
    "DeleteEditingProject": ("GetEditingProject", "SearchEditingProject"),
    "DeleteEditingProjectMaterials": ("GetEditingProjectMaterials",),
    "DeleteImage": ("GetImageInfo", "GetImageInfos"),
    "DeleteMessageCallback": ("GetMessageCallback",),
    "DeleteMezzanines": ("GetMezzanineInfo",),
    "DeleteMultipartUpload": ("GetUploadDetails",),
    "DeleteStream": ("GetPlayInfo",),
    "DeleteTranscodeTemplateGroup": ("GetTranscodeTemplateGroup", "ListTranscodeTemplateGroup"),
    "DeleteVideo": _VIDEO,
    "DeleteVodDomain": _DOMAIN,
    "DeleteVodSpecificConfig": ("DescribeVodDomainConfigs",),
    "DeleteVodTemplate": ("GetVodTemplate", "ListVodTemplate"),
    "DeleteWatermark": ("GetWatermark", "ListWatermark"),
    "DetachAppPolicyFromIdentity": ("ListAppPoliciesForIdentity",),
    "GenerateDownloadSecretKey": (),
    "GenerateKMSDataKey": ("DecryptKMSDataKey",),
    "MoveAppResource": ("GetImageInfo",),
    "PreloadVodObjectCaches": ("DescribeVodRefreshTasks", "DescribeVodRefreshQuota"),
    "ProduceEditingProjectVideo": ("GetEditingProject",) + _VIDEO,
    "RefreshMediaPlayUrls": ("GetMediaRefreshJobs",),
    "RefreshUploadVideo": ("GetUploadDetails",) + _VIDEO,
    "RefreshVodObjectCaches": ("DescribeVodRefreshTasks", "DescribeVodRefreshQuota"),
    "RegisterMedia": ("BatchGetMediaInfos",) + _VIDEO,
    "RestoreMedia": _VIDEO,
    "SetAppPlayKey": ("GetAppPlayKey",),
    "SetAuditSecurityIp": ("ListAuditSecurityIp",),
    "SetCrossdomainContent": (),
    "SetDefaultAITemplate": ("GetDefaultAITemplate", "ListAITemplate"),
    "SetDefaultTranscodeTemplateGroup": ("ListTranscodeTemplateGroup", "GetTranscodeTemplateGroup"),
    "SetDefaultWatermark": ("ListWatermark", "GetWatermark"),
    "SetEditingProjectMaterials": ("GetEditingProjectMaterials",),
    "SetMessageCallback": ("GetMessageCallback",),
    "SetVodDomainCertificate": _CERT,
    "SetVodDomainSSLCertificate": _CERT,
    # An image audit is an AI audit job: the SubmitAIImageAuditJob page sends its result to GetAIMediaAuditJob.
    "SubmitAIImageAuditJob": ("GetAIMediaAuditJob", "GetMediaAuditResult"),
    "SubmitAIImageJob": ("GetAIImageJobs", "ListAIImageInfo"),
    "SubmitAIJob": ("ListAIJob", "GetAIVideoTagResult"),
    "SubmitAIMediaAuditJob": ("GetAIMediaAuditJob", "GetMediaAuditResult"),
    "SubmitDigitalWatermarkExtractJob": ("GetDigitalWatermarkExtractResult",),
    "SubmitDynamicImageJob": ("ListDynamicImage",),
    "SubmitMediaDNADeleteJob": ("GetMediaDNAResult",),
    "SubmitPreprocessJobs": ("ListJobInfo", "GetVideoInfo"),
    "SubmitSnapshotJob": ("ListSnapshots",),
    "SubmitTranscodeJobs": ("GetTranscodeTask", "ListTranscodeTask", "GetPlayInfo"),
    "SubmitWorkflowJob": ("GetWorkflowTask",),
    "UpdateAITemplate": ("GetAITemplate", "ListAITemplate"),
    "UpdateAppInfo": ("GetAppInfos", "ListAppInfo"),
    "UpdateAttachedMediaInfos": ("GetAttachedMediaInfo",),
    "UpdateCategory": ("GetCategories",),
    "UpdateEditingProject": ("GetEditingProject", "SearchEditingProject"),
    "UpdateImageInfos": ("GetImageInfo", "GetImageInfos"),
    "UpdateMediaStorageClass": _VIDEO,
    "UpdateTranscodeTemplateGroup": ("GetTranscodeTemplateGroup", "ListTranscodeTemplateGroup"),
    "UpdateVideoInfo": _VIDEO,
    "UpdateVideoInfos": _VIDEO,
    "UpdateVodDomain": _DOMAIN,
    "UpdateVodTemplate": ("GetVodTemplate", "ListVodTemplate"),
    "UpdateWatermark": ("GetWatermark", "ListWatermark"),
    "UploadMediaByURL": ("GetURLUploadInfos",),
    "UploadStreamByURL": ("GetPlayInfo",),
    "VerifyVodDomainOwner": ("DescribeVodVerifyContent",),
}


def writes_without_read(outcomes: dict) -> dict[str, tuple[str, ...]]:
    """Passing writes none of whose reads passes (writes with no read at all, like key generation, excepted)."""
    return {write: reads for write, reads in READS.items()
            if reads and write in outcomes and outcomes[write].passed
            and not any(outcomes[read].passed for read in reads if read in outcomes)}
