"""The run: every VOD operation once, in an order where what an operation refers to exists by then.

Arguments come from the catalog (tools/catalog/vod-catalog.json): every required parameter gets a value of its
type (the first enum value, a time in the catalog's format, the minimum of an integer...). IDs that must name a
resource created earlier in the run come from `NAMED`, by parameter name, filled from what earlier responses
captured; `STEPS` adds per-operation arguments where the catalog alone would not make a realistic call (optional
parameters the service needs in practice, JSON-text parameters, the right kind of template). Creates come first,
then reads, then updates, and deletes last.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import pathlib
import re
from typing import Any, Callable

CATALOG = pathlib.Path(__file__).resolve().parents[3] / "tools" / "catalog" / "vod-catalog.json"

DOMAIN = "sdk-models.example.com"
WORKFLOW_ID = "5a3e7c1b9d2f4e6a8b0c1d2e3f4a5b6c"  # no operation creates workflows; the console does
RESOURCE_GROUP = "rg-acfmsdkmodels01"
SSL_PUB = "-----BEGIN CERTIFICATE-----\nMIIBsDCCAVagAwIBAgIUSDKMODELS\n-----END CERTIFICATE-----"
SSL_PRI = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----"
CALLBACK_AUTH_KEY = "SdkModels2024Key"

# What a state key holds before an operation has captured it: well-formed but unknown, so the call is still made
# and its answer (NotFound, most likely) is reported.
PLACEHOLDERS = {
    "video_id": "0" * 32, "image_id": "1" * 32, "attached_id": "2" * 32, "registered_id": "3" * 32,
    "produced_id": "4" * 32, "image_url": "http://127.0.0.1:9/image/missing.png", "app_id": "app-1000000",
    "cate_id": 1, "group_id": "5" * 32, "snapshot_template_id": "6" * 32, "dynamic_template_id": "7" * 32,
    "watermark_id": "8" * 32, "ai_template_id": "9" * 32, "ai_image_template_id": "a" * 32,
    "project_id": "b" * 32, "transcode_task_id": "c" * 32, "transcode_job_id": "d" * 32, "snapshot_job_id": "e" * 32,
    "dynamic_job_id": "f" * 32, "audit_job_id": "1a" * 16, "ai_image_job_id": "1b" * 16, "ai_job_id": "1c" * 16,
    "watermark_extract_job_id": "1d" * 16, "url_job_id": "1e" * 16, "stream_job_id": "1f" * 16,
    "refresh_job_id": "2a" * 16, "cipher": "c2Fua2JveC1jaXBoZXJ0ZXh0", "config_id": "1234567",
    "ai_image_info_id": "2b" * 16, "dynamic_image_id": "2c" * 16, "play_job_id": "2d" * 16,
    "workflow_task_id": "2e" * 16, "preprocess_job_id": "2f" * 16, "original_default_group": "3a" * 16,
    "loopback": "http://127.0.0.1:9", "video_file_url": "http://outin-sandbox.oss-cn-shanghai.aliyuncs.com/sv/x.mp4",
    "start": "", "end": "", "start_minutes": "", "end_minutes": "", "date": "",
}

# Values for parameters by name (catalog name), wherever they occur, required or not.
NAMED: dict[str, str] = {
    "VideoId": "{video_id}", "VideoIds": "{video_id}", "MediaId": "{video_id}", "MediaIds": "{video_id}",
    "ImageId": "{image_id}", "ImageIds": "{image_id}", "AppId": "{app_id}", "AppIds": "{app_id}",
    "TargetAppId": "{app_id}", "CateId": "{cate_id}", "TemplateGroupId": "{group_id}",
    "TranscodeTemplateGroupId": "{group_id}", "VodTemplateId": "{snapshot_template_id}",
    "DynamicImageTemplateId": "{dynamic_template_id}", "WatermarkId": "{watermark_id}",
    "TemplateId": "{ai_template_id}", "AITemplateId": "{ai_image_template_id}", "ProjectId": "{project_id}",
    "ProjectIds": "{project_id}", "MaterialIds": "{video_id}", "TranscodeTaskId": "{transcode_task_id}",
    "DomainName": DOMAIN, "DomainNames": DOMAIN, "StartTime": "{start}", "EndTime": "{end}",
    "CipherText": "{cipher}", "MediaRefreshJobId": "{refresh_job_id}", "ConfigId": "{config_id}",
    "WorkflowId": WORKFLOW_ID, "IdentityName": "sdk-models-user", "IdentityType": "RamUser",
    "PolicyNames": "VODAppFullAccess", "AIImageInfoIds": "{ai_image_info_id}", "ObjectPath": f"http://{DOMAIN}/sv/",
    "StorageLocation": "{storage_location}", "BizDate": "{start}", "Date": "{date}", "MediaRegion": "cn-shanghai",
    "ResourceGroupId": RESOURCE_GROUP, "ResourceRegionId": "cn-shanghai", "ResourceId": "{app_id}",
}

# Optional parameters filled from NAMED when an operation has them (the service needs them in practice).
FILL_OPTIONAL = {"VideoId", "DomainName", "StartTime", "EndTime", "TranscodeTaskId", "MediaId"}


def _hours_before(stamp: str, hours: int) -> str:
    moment = datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") - datetime.timedelta(hours=hours)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _json(value: Any) -> Callable[[dict], str]:
    return lambda state: json.dumps(value(state) if callable(value) else value, separators=(",", ":"))


@dataclasses.dataclass
class Step:
    action: str
    args: dict[str, Any] = dataclasses.field(default_factory=dict)
    capture: dict[str, str] = dataclasses.field(default_factory=dict)  # state key -> dotted path in the body
    after: str | None = None      # a hook the runner calls with the body (upload through oss2, wait for jobs)
    report: bool = True           # False: a second call that only sets state up (e.g. another kind of template)


def _transcode_templates(state: dict) -> list[dict]:
    return [
        {"TemplateName": "hls-sd", "Definition": "SD", "Container": {"Format": "m3u8"},
         "Video": {"Codec": "H.264", "Width": "640", "Height": "360", "Bitrate": "400", "Fps": "25"},
         "Audio": {"Codec": "AAC", "Bitrate": "64", "Samplerate": "44100"},
         "MuxConfig": {"Segment": {"Duration": "6"}}},
        {"TemplateName": "mp4-hd", "Definition": "HD", "Container": {"Format": "mp4"},
         "Video": {"Codec": "H.264", "Width": "1280", "Height": "720", "Bitrate": "1500", "Fps": "25"},
         "Audio": {"Codec": "AAC", "Bitrate": "128", "Samplerate": "44100"}},
    ]


SNAPSHOT_CONFIG = {"SnapshotConfig": {"FrameType": "normal", "Count": 3, "Interval": 1, "SpecifiedOffsetTime": 0,
                                      "Width": 320, "Height": 180}, "SnapshotType": "NormalSnapshot"}
DYNAMIC_CONFIG = {"Format": "gif", "Fps": "5", "Width": "320", "Height": "180", "TimeRange": "0:5"}
AUDIT_CONFIG = {"AuditItem": ["terrorism", "porn"], "AuditRange": ["text-title", "video"], "AuditContent": ["screen"],
                "AuditAutoBlock": "no"}
AI_IMAGE_CONFIG = {"AIImageType": "GIF", "Format": "gif", "Width": 320, "Height": 180, "Duration": 5}
WATERMARK_CONFIG = {"Content": "sdk-models", "FontName": "SimSun", "FontSize": 25, "FontColor": "Black",
                    "FontAlpha": "0.2", "BorderWidth": 5, "BorderColor": "White", "Top": 20, "Left": 20}

STEPS: list[Step] = [
    # --- creates -------------------------------------------------------------------------------------------
    Step("CreateAppInfo", {"AppName": "sdk-models-app", "Description": "created by the SDK models suite"},
         {"app_id": "AppId"}),
    Step("AddCategory", {"CateName": "sdk-models"}, {"cate_id": "Category.CateId"}),
    Step("CreateUploadVideo", {"Title": "sdk models clip", "FileName": "clip.mp4", "Description": "a test clip",
                               "Tags": "sdk,models", "CateId": "{cate_id}", "FileSize": "307200",
                               "ReferenceId": "sdk-models-clip-1", "CoverURL": "{loopback}/media/cover.png",
                               "UserData": _json({"Extend": {"suite": "sdk-models"}})},
         {"video_id": "VideoId"}, after="upload_video"),
    Step("RefreshUploadVideo", {"VideoId": "{video_id}"}),
    Step("CreateUploadImage", {"ImageType": "default", "ImageExt": "png", "Title": "sdk models image",
                               "CateId": "{cate_id}", "Description": "a test image", "Tags": "sdk,image"},
         {"image_id": "ImageId", "image_url": "ImageURL"}, after="upload_image"),
    Step("CreateUploadAttachedMedia", {"BusinessType": "watermark", "MediaExt": "png", "Title": "sdk models mark"},
         {"attached_id": "MediaId"}, after="upload_attached"),
    # The uploaded video's own file (an object that exists in the bucket), so the service finds it registered.
    Step("RegisterMedia", {"RegisterMetadatas": _json(lambda s: [{"FileURL": s["video_file_url"],
                                                                  "Title": "registered"}])},
         {"registered_id": "RegisteredMediaList.0.MediaId"}),
    Step("UploadMediaByURL", {"UploadURLs": "{loopback}/media/pulled.mp4",
                              "UploadMetadatas": _json(lambda s: [{"SourceURL": f"{s['loopback']}/media/pulled.mp4",
                                                                   "Title": "pulled"}])},
         {"url_job_id": "UploadJobs.0.JobId"}),
    Step("AddTranscodeTemplateGroup",
         {"Name": "sdk-models-group", "TranscodeTemplateList": _json(_transcode_templates)},
         {"group_id": "TranscodeTemplateGroupId"}),
    Step("AddVodTemplate", {"Name": "sdk-models-snapshot", "TemplateType": "Snapshot",
                            "TemplateConfig": _json(SNAPSHOT_CONFIG)}, {"snapshot_template_id": "VodTemplateId"}),
    Step("AddVodTemplate", {"Name": "sdk-models-gif", "TemplateType": "DynamicImage",
                            "TemplateConfig": _json(DYNAMIC_CONFIG)}, {"dynamic_template_id": "VodTemplateId"},
         report=False),
    Step("AddWatermark", {"Name": "sdk-models-text", "Type": "Text", "WatermarkConfig": _json(WATERMARK_CONFIG)},
         {"watermark_id": "WatermarkInfo.WatermarkId"}),
    Step("AddAITemplate", {"TemplateName": "sdk-models-audit", "TemplateType": "AIMediaAudit",
                           "TemplateConfig": _json(AUDIT_CONFIG)}, {"ai_template_id": "TemplateId"}),
    Step("AddAITemplate", {"TemplateName": "sdk-models-image", "TemplateType": "AIImage",
                           "TemplateConfig": _json(AI_IMAGE_CONFIG)}, {"ai_image_template_id": "TemplateId"},
         report=False),
    Step("AddEditingProject", {"Title": "sdk models project", "Timeline": _json(lambda s: {
        "VideoTracks": [{"VideoTrackClips": [{"MediaId": s["video_id"], "In": 0, "Out": 2}]}]})},
         {"project_id": "Project.ProjectId"}),
    Step("AddEditingProjectMaterials", {"MaterialType": "video"}),
    Step("SetEditingProjectMaterials", {}),
    Step("VerifyVodDomainOwner", {"VerifyType": "dnsCheck"}),
    Step("AddVodDomain", {"Sources": _json([{"content": "origin.sdk-models.example.com", "type": "domain",
                                              "priority": "20", "port": 80}]), "Scope": "domestic"}),
    Step("AddVodStorageForApp", {"StorageType": "vod_oss_bucket"}),
    Step("SetMessageCallback", {"CallbackType": "HTTP", "CallbackURL": "{loopback}/callback", "EventTypeList": "ALL",
                                "AuthSwitch": "on", "AuthKey": CALLBACK_AUTH_KEY}),
    Step("SetAppPlayKey", {"PlayKey": "SdkModelsPlayKey01"}),
    Step("SetAuditSecurityIp", {"Ips": "10.0.0.1,10.0.0.2", "SecurityGroupName": "sdkmodels"}),
    Step("SetCrossdomainContent", {"Content": "<?xml version=\"1.0\"?><cross-domain-policy>"
                                              "<allow-access-from domain=\"*\"/></cross-domain-policy>"}),
    Step("SetDefaultAITemplate", {}),
    Step("ListTranscodeTemplateGroup", {}, {"original_default_group":
                                            "TranscodeTemplateGroupList[IsDefault=Default].TranscodeTemplateGroupId"},
         report=False),
    Step("SetDefaultTranscodeTemplateGroup", {}),
    Step("SetDefaultWatermark", {}),
    Step("SetVodDomainCertificate", {"SSLProtocol": "on", "CertName": "sdk-models-cert", "SSLPub": SSL_PUB,
                                     "SSLPri": SSL_PRI}),
    Step("SetVodDomainSSLCertificate", {"SSLProtocol": "on", "CertName": "sdk-models-cert2", "SSLPub": SSL_PUB,
                                        "SSLPri": SSL_PRI}),
    Step("GenerateKMSDataKey", {}, {"cipher": "CiphertextBlob"}),
    Step("GenerateDownloadSecretKey", {"AppDecryptKey": "SdkModelsKey0001", "AppIdentification": "com.example.app"}),
    Step("AttachAppPolicyToIdentity", {}),
    Step("SubmitTranscodeJobs", {}, {"transcode_task_id": "TranscodeTaskId",
                                     "transcode_job_id": "TranscodeJobs.TranscodeJob.0.JobId"}),
    Step("SubmitSnapshotJob", {"SnapshotTemplateId": "{snapshot_template_id}"},
         {"snapshot_job_id": "SnapshotJob.JobId"}),
    Step("SubmitDynamicImageJob", {}, {"dynamic_job_id": "DynamicImageJob.JobId"}),
    Step("SubmitAIMediaAuditJob", {"TemplateId": "{ai_template_id}", "MediaType": "video"}, {"audit_job_id": "JobId"}),
    Step("SubmitAIImageJob", {}, {"ai_image_job_id": "JobId"}),
    Step("SubmitAIImageAuditJob", {"MediaId": "{image_id}"}),
    # Both job types, so GetMediaDNAResult and SubmitMediaDNADeleteJob find a fingerprint.
    Step("SubmitAIJob", {"Types": "AIVideoTag,AIMediaDNA"}, {"ai_job_id": "AIJobList.AIJob.0.JobId"}),
    Step("SubmitPreprocessJobs", {"PreprocessType": "LivePreprocess"},
         {"preprocess_job_id": "PreprocessJobs.PreprocessJob.0.JobId"}),
    Step("SubmitWorkflowJob", {}, {"workflow_task_id": "TaskId"}),
    Step("SubmitDigitalWatermarkExtractJob", {}, {"watermark_extract_job_id": "JobId"}),
    Step("CreateAudit", {"AuditContent": _json(lambda s: [{"VideoId": s["video_id"], "Status": "Normal",
                                                           "Comment": "reviewed"}])}),
    Step("UploadStreamByURL", {"Definition": "FHD", "StreamURL": "{loopback}/media/stream.mp4", "FileExtension": "mp4"},
         {"stream_job_id": "JobId"}),
    # The service needs ProjectId or Timeline; neither is required on its own, so the catalog sends none.
    Step("ProduceEditingProjectVideo", {"ProjectId": "{project_id}"}, {"produced_id": "MediaId"}),
    Step("PreloadVodObjectCaches", {"ObjectPath": f"http://{DOMAIN}/sv/clip.mp4"}),
    Step("RefreshVodObjectCaches", {"ObjectType": "Directory"}),
    Step("RefreshMediaPlayUrls", {"TaskType": "Refresh", "Formats": "mp4,m3u8"},
         {"refresh_job_id": "MediaRefreshJobId"},
         after="wait_for_jobs"),
    # --- reads ---------------------------------------------------------------------------------------------
    Step("GetVideoInfo"), Step("GetVideoInfos"), Step("GetVideoList", {"CateId": "{cate_id}"}),
    Step("SearchMedia", {"SearchType": "video", "Match": "Title = 'sdk models clip'"}),
    Step("BatchGetMediaInfos"),
    Step("GetPlayInfo", {"Formats": "mp4,m3u8"}, {"play_job_id": "PlayInfoList.PlayInfo.0.JobId"}),
    Step("GetVideoPlayAuth"), Step("GetMezzanineInfo", {"AdditionType": "video,audio"}),
    Step("GetUploadDetails", {"MediaType": "video"}), Step("GetURLUploadInfos", {"JobIds": "{url_job_id}"}),
    Step("GetImageInfo"), Step("GetImageInfos"), Step("GetAttachedMediaInfo", {"MediaIds": "{attached_id}"}),
    Step("GetCategories", {"CateId": "{cate_id}"}),
    Step("GetTranscodeTask", {"JobIds": "{transcode_job_id}"}), Step("ListTranscodeTask"),
    Step("GetTranscodeSummary"), Step("GetJobDetail", {"JobId": "{transcode_job_id}", "JobType": "transcode"}),
    Step("ListJobInfo", {"JobType": "transcode"}), Step("GetWorkflowTask", {"TaskId": "{workflow_task_id}"}),
    Step("GetTranscodeTemplateGroup"), Step("ListTranscodeTemplateGroup"),
    Step("GetVodTemplate"), Step("ListVodTemplate", {"TemplateType": "Snapshot"}),
    Step("ListSnapshots", {"SnapshotType": "NormalSnapshot"}), Step("ListDynamicImage"),
    Step("GetWatermark"), Step("ListWatermark"),
    Step("GetAITemplate"), Step("ListAITemplate", {"TemplateType": "AIMediaAudit"}),
    Step("GetDefaultAITemplate", {"TemplateType": "AIMediaAudit"}),
    Step("GetAIMediaAuditJob", {"JobId": "{audit_job_id}"}), Step("GetMediaAuditResult"),
    Step("GetMediaAuditResultDetail", {"PageNo": 1}), Step("GetMediaAuditResultTimeline"),
    Step("GetMediaAuditAudioResultDetail", {"PageNo": 1}), Step("GetAuditHistory"),
    Step("GetAIImageJobs", {"JobIds": "{ai_image_job_id}"}),
    Step("ListAIImageInfo", {}, {"ai_image_info_id": "AIImageInfoList.0.AIImageInfoId"}),
    Step("ListAIJob", {"JobIds": "{ai_job_id}"}), Step("GetAIVideoTagResult"), Step("GetMediaDNAResult"),
    Step("GetMediaAiAnalysis"),
    Step("GetDigitalWatermarkExtractResult", {"JobId": "{watermark_extract_job_id}"}),
    Step("GetEditingProject"), Step("GetEditingProjectMaterials"), Step("SearchEditingProject"),
    Step("GetAppInfos"), Step("ListAppInfo"), Step("ListAppPoliciesForIdentity", {"IdentityName": "sdk-models-user",
                                                                                  "IdentityType": "RamUser"}),
    Step("GetAppPlayKey"), Step("GetMessageCallback"), Step("ListAuditSecurityIp"),
    Step("DecryptKMSDataKey"),
    Step("GetMediaRefreshJobs"),
    Step("ListLiveRecordVideo", {"DomainName": DOMAIN, "AppName": "live", "StreamName": "sdk-models"}),
    Step("DescribeVodUserDomains", {"DomainName": DOMAIN}), Step("DescribeVodDomainDetail"),
    Step("DescribeVodDomainConfigs", {"FunctionNames": "referer_white_list_set,ip_black_list_set"},
         {"config_id": "DomainConfigs.DomainConfig.0.ConfigId"}),
    Step("DescribeVodDomainCertificateInfo"), Step("DescribeVodCertificateList", {"DomainName": DOMAIN}),
    Step("DescribeVodSSLCertificateList", {"DomainName": DOMAIN}), Step("DescribeVodUserVipsByDomain"),
    Step("DescribeVodVerifyContent"), Step("DescribeVodDomainLog"),
    Step("DescribeVodRefreshQuota"), Step("DescribeVodRefreshTasks", {"DomainName": DOMAIN}),
    Step("DescribeVodDomainBpsData"), Step("DescribeVodDomainBpsDataByLayer"), Step("DescribeVodDomainHitRateData"),
    Step("DescribeVodDomainMax95BpsData"), Step("DescribeVodDomainQpsData"),
    Step("DescribeVodDomainRealTimeBpsData"), Step("DescribeVodDomainRealTimeByteHitRateData"),
    Step("DescribeVodDomainRealTimeDetailData", {"Field": "bps", "Merge": "true"}),
    Step("DescribeVodDomainRealTimeHttpCodeData"), Step("DescribeVodDomainRealTimeQpsData"),
    Step("DescribeVodDomainRealTimeReqHitRateData"), Step("DescribeVodDomainRealTimeTrafficData"),
    Step("DescribeVodDomainReqHitRateData"), Step("DescribeVodDomainSrcBpsData"),
    Step("DescribeVodDomainSrcTrafficData"), Step("DescribeVodDomainTrafficData"),
    Step("DescribeVodDomainUsageData", {"Field": "traf", "Type": "static", "Area": "CN"}),
    # The service answers at most one hour per query (the API reference's operation description).
    Step("DescribeVodRangeDataByLocateAndIspService", {"StartTime": lambda s: _hours_before(s["end"], 1)}),
    Step("DescribePlayTopVideos", {"PageSize": 10}), Step("DescribePlayUserAvg"), Step("DescribePlayUserTotal"),
    Step("DescribePlayVideoStatis"), Step("DescribeVodMediaPlayData", {"PageNo": 1, "PageSize": 10}),
    Step("DescribeVodPlayerCollectData", {"Interval": "1h", "Metrics": "Vv", "TerminalType": "web"}),
    Step("DescribeVodPlayerDimensionData", {"Dimension": "Os", "Region": "CN"}),
    Step("DescribeVodPlayerMetricData", {"Interval": "1h", "Metrics": "Vv", "TerminalType": "web"}),
    Step("GetDailyPlayRegionStatis"),
    Step("DescribeMediaDistribution", {"Interval": "day"}), Step("DescribeVodAIData", {"AIType": "AIVideoCensor"}),
    Step("DescribeVodEditingUsageData"), Step("DescribeVodStorageData", {"Storage": "{bucket}"}),
    Step("DescribeVodTieringStorageData"), Step("DescribeVodTieringStorageRetrievalData"),
    Step("DescribeVodTranscodeData"),
    # --- updates -------------------------------------------------------------------------------------------
    Step("UpdateVideoInfo", {"Title": "sdk models clip (renamed)"}),
    Step("UpdateVideoInfos", {"UpdateContent": _json(lambda s: [{"VideoId": s["video_id"], "Title": "batch title",
                                                                 "Tags": "sdk"}])}),
    Step("UpdateImageInfos",
         {"UpdateContent": _json(lambda s: [{"ImageId": s["image_id"], "Title": "renamed image"}])}),
    Step("UpdateAttachedMediaInfos", {"UpdateContent": _json(lambda s: [{"MediaId": s["attached_id"],
                                                                         "Title": "renamed mark"}])}),
    Step("UpdateCategory", {"CateName": "sdk-models-renamed"}),
    Step("UpdateAppInfo", {"AppName": "sdk-models-app2", "Status": "Normal"}),
    Step("UpdateAITemplate", {"TemplateName": "sdk-models-audit2", "TemplateConfig": _json(AUDIT_CONFIG)}),
    Step("UpdateEditingProject", {"Title": "sdk models project (renamed)"}),
    Step("UpdateTranscodeTemplateGroup", {"Name": "sdk-models-group2"}),
    Step("UpdateVodTemplate", {"Name": "sdk-models-snapshot2", "TemplateConfig": _json(SNAPSHOT_CONFIG)}),
    Step("UpdateWatermark", {"Name": "sdk-models-text2", "WatermarkConfig": _json(WATERMARK_CONFIG)}),
    Step("UpdateVodDomain", {"Sources": _json([{"content": "origin2.sdk-models.example.com", "type": "domain",
                                                 "priority": "20", "port": 80}])}),
    Step("BatchSetVodDomainConfigs", {"Functions": _json([{"functionArgs": [{"argName": "refer_domain_allow_list",
                                                                              "argValue": "example.com"}],
                                                            "functionName": "referer_white_list_set"}])}),
    Step("BatchStopVodDomain"), Step("BatchStartVodDomain"),
    Step("UpdateMediaStorageClass", {"StorageClass": "Archive", "Scope": "All", "AllowUpdateWithoutTimeLimit": True}),
    Step("RestoreMedia", {"RestoreDays": "1", "Scope": "All"}),
    Step("MoveAppResource", {"ResourceType": "image", "ResourceIds": "{image_id}"}),
    Step("ChangeResourceGroup", {"ResourceType": "app"}),
    Step("CancelUrlUploadJobs", {"JobIds": "{url_job_id}"}),
    # --- deletes -------------------------------------------------------------------------------------------
    Step("DeleteVodSpecificConfig"),
    Step("DetachAppPolicyFromIdentity"),
    Step("DeleteAIImageInfos"),
    Step("DeleteDynamicImage"),
    Step("DeleteStream", {"JobIds": "{play_job_id}"}),
    Step("DeleteMultipartUpload", {"MediaId": "{video_id}", "MediaType": "video"}),
    Step("DeleteEditingProjectMaterials", {"MaterialType": "video"}),
    Step("DeleteEditingProject"),
    Step("DeleteAttachedMedia", {"MediaIds": "{attached_id}"}),
    Step("DeleteImage", {"DeleteImageType": "ImageId", "ImageIds": "{image_id}"}),
    Step("DeleteMessageCallback"),
    Step("DeleteWatermark"),
    Step("DeleteVodTemplate"),
    Step("DeleteAITemplate"),
    # The default group cannot be deleted (as in the service): give the default back first.
    Step("SetDefaultTranscodeTemplateGroup", {"TranscodeTemplateGroupId": "{original_default_group}"}, report=False),
    Step("DeleteTranscodeTemplateGroup", {"ForceDelGroup": "true"}),
    Step("SubmitMediaDNADeleteJob"),
    Step("DeleteVodDomain"),
    # The service needs VideoIds or ReferenceIds; neither is required on its own, so the catalog sends none.
    Step("DeleteMezzanines", {"VideoIds": "{video_id}", "Force": "false"}),
    Step("DeleteVideo"),
    Step("DeleteCategory"),
    Step("DeleteAppInfo"),
]


def catalog() -> dict[str, dict]:
    return {op["action"]: op for op in json.loads(CATALOG.read_text())["operations"]}


def initial_state(info: dict, loopback: str) -> dict:
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    start = (now - datetime.timedelta(hours=1)).replace(minute=0, second=0)
    state = dict(PLACEHOLDERS)
    state.update({
        "loopback": loopback, "bucket": info.get("bucket", "outin-sandbox"),
        "storage_location":
            f"{info.get('bucket', 'outin-sandbox')}.oss-{info.get('region', 'cn-shanghai')}.aliyuncs.com",
        "start": start.strftime("%Y-%m-%dT%H:%M:%SZ"), "end": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "start_minutes": start.strftime("%Y-%m-%dT%H:%MZ"), "end_minutes": now.strftime("%Y-%m-%dT%H:%MZ"),
        "date": (now - datetime.timedelta(days=1)).strftime("%Y-%m-%d"),
    })
    return state


def _generic(parameter: dict) -> Any:
    if "enum" in parameter:
        return parameter["enum"][0]
    kind = parameter["type"]
    if kind == "integer":
        return max(int(parameter.get("minimum", 1)), 1) if "minimum" in parameter else 1
    if kind == "boolean":
        return False
    if parameter.get("wire") in ("jsonString", "jsonArrayString"):
        return "[]" if parameter.get("wire") == "jsonArrayString" else "{}"
    return "sdk-models"


def _resolve(value: Any, state: dict) -> Any:
    if callable(value):
        return value(state)
    if isinstance(value, str):
        whole = re.fullmatch(r"\{([a-z_]+)\}", value)
        if whole:
            return state[whole.group(1)]
        return re.sub(r"\{([a-z_]+)\}", lambda match: str(state[match.group(1)]), value)
    return value


def arguments(step: Step, operation: dict, state: dict) -> dict[str, Any]:
    """The wire arguments of one call: the step's own, then NAMED and generic values for required parameters."""
    args: dict[str, Any] = {name: _resolve(value, state) for name, value in step.args.items()}
    for parameter in operation["parameters"]:
        name = parameter["name"]
        if name in args:
            continue
        if name in NAMED and (parameter["required"] or name in FILL_OPTIONAL):
            value = NAMED[name]
            if parameter.get("time") == "minutes":
                value = value.replace("{start}", "{start_minutes}").replace("{end}", "{end_minutes}")
            args[name] = _resolve(value, state)
        elif parameter["required"]:
            args[name] = _generic(parameter)
    for group in operation.get("requiresOneOf", []):
        if not any(name in args for name in group):
            first = group[0]
            args[first] = _resolve(NAMED.get(first, "sdk-models"), state)
    return args


def dig(body: Any, path: str) -> Any:
    """The value at a dotted path; a list is indexed by a number or filtered by `Name[Key=Value]`."""
    for part in path.split("."):
        chosen = re.fullmatch(r"(\w+)\[(\w+)=([^\]]*)\]", part)
        if chosen:
            items = body.get(chosen.group(1)) if isinstance(body, dict) else None
            matches = [item for item in items or [] if isinstance(item, dict)
                       and str(item.get(chosen.group(2))) == chosen.group(3)]
            body = matches[0] if matches else None
            continue
        if isinstance(body, list):
            body = body[int(part)] if part.isdigit() and int(part) < len(body) else None
        elif isinstance(body, dict):
            body = body.get(part)
        else:
            return None
    return body
