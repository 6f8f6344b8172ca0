"""Bad calls of the source-file, workflow, refresh and player operations, through the official SDK against
`vod-mcp sandbox`: each is refused with the status and code the service uses and a message that names the problem.
(Not behind the ratchet: these always run.)"""

from __future__ import annotations

import datetime

import pytest
from alibabacloud_vod20170321 import models as vod_models
from Tea.exceptions import TeaException

from test_sdk_journeys import sandbox, upload_video  # noqa: F401 (module fixture)

NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def stamp(delta_hours: float) -> str:
    return (NOW + datetime.timedelta(hours=delta_hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


@pytest.fixture(scope="module")
def client(sandbox):  # noqa: F811
    return sandbox.client()


@pytest.fixture(scope="module")
def video_id(client):
    return upload_video(client, "errors")


# (operation method, request, status, code, words the message must hold); "{video}" stands for an uploaded video.
CASES = [
    ("generate_download_secret_key", vod_models.GenerateDownloadSecretKeyRequest(
        app_decrypt_key="short", app_identification="com.example.app"), 400, "InvalidParameter", "16 to 32"),
    ("describe_vod_range_data_by_locate_and_isp_service", vod_models.DescribeVodRangeDataByLocateAndIspServiceRequest(
        domain_name="nowhere.example.com", start_time=stamp(-1), end_time=stamp(0)), 404, "InvalidDomain.NotFound",
     "nowhere.example.com"),
    ("get_media_refresh_jobs", vod_models.GetMediaRefreshJobsRequest(media_refresh_job_id="9" * 32), 404,
     "InvalidMediaRefreshJob.NotFound", "9" * 32),
    ("get_workflow_task", vod_models.GetWorkflowTaskRequest(task_id="8" * 32), 404, "InvalidWorkflowTask.NotFound",
     "8" * 32),
    ("delete_mezzanines", vod_models.DeleteMezzaninesRequest(), 400, "MissingParameter", "VideoIds"),
    ("get_mezzanine_info", vod_models.GetMezzanineInfoRequest(video_id="7" * 32), 404, "InvalidVideo.NotFound",
     "7" * 32),
    ("submit_preprocess_jobs", vod_models.SubmitPreprocessJobsRequest(video_id="{video}", preprocess_type="Other"),
     400, "InvalidParameter", "LivePreprocess"),
    ("upload_stream_by_url", vod_models.UploadStreamByURLRequest(
        media_id="{video}", definition="HD", stream_url="http://example.com/stream.mp4"), 400, "InvalidParameter",
     "loopback"),
    ("upload_stream_by_url", vod_models.UploadStreamByURLRequest(
        media_id="{video}", definition="HD", stream_url="http://127.0.0.1:9/s.m3u8", file_extension="m3u8"), 400,
     "InvalidParameter", "single-file"),
    ("register_media", vod_models.RegisterMediaRequest(register_metadatas='[{"Title":"no file"}]'), 400,
     "InvalidParameter", "FileURL"),
    ("describe_vod_player_metric_data", vod_models.DescribeVodPlayerMetricDataRequest(
        app_id="app-1000000", start_time=stamp(-24 * 5), end_time=stamp(0), interval="5m", metrics="Vv",
        terminal_type="web"), 400, "InvalidParameter", "Interval"),
    ("describe_vod_player_collect_data", vod_models.DescribeVodPlayerCollectDataRequest(
        app_id="app-1000000", start_time=stamp(-1), end_time=stamp(0), interval="1h", metrics="Loudness",
        terminal_type="web"), 400, "InvalidParameter", "Loudness"),
    ("describe_vod_player_collect_data", vod_models.DescribeVodPlayerCollectDataRequest(
        app_id="app-1000000", start_time=stamp(-24 * 40), end_time=stamp(0), interval="1d", metrics="Vv",
        terminal_type="web"), 400, "InvalidParameter", "31 days"),
    ("get_daily_play_region_statis", vod_models.GetDailyPlayRegionStatisRequest(
        date="29/11/2026", media_region="cn-shanghai"), 400, "InvalidParameter", "yyyy-MM-dd"),
    ("submit_workflow_job", vod_models.SubmitWorkflowJobRequest(workflow_id="5a3e7c1b9d2f4e6a8b0c1d2e3f4a5b6c",
                                                                media_id="6" * 32), 404, "InvalidVideo.NotFound",
     "6" * 32),
]


@pytest.mark.parametrize("method, request_model, status, code, words", CASES,
                         ids=[f"{case[0]}-{case[3]}-{index}" for index, case in enumerate(CASES)])
def test_bad_call_is_refused_with_the_service_code(client, video_id, method, request_model, status, code, words):
    for field, value in vars(request_model).items():
        if value == "{video}":
            setattr(request_model, field, video_id)
    with pytest.raises(TeaException) as refused:
        getattr(client, method)(request_model)
    error = refused.value
    answered = getattr(error, "status_code", None) or (error.data or {}).get("statusCode")
    assert (error.code, answered) == (code, status)
    assert words in error.message, error.message
