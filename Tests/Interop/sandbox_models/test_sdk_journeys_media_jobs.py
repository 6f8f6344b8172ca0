"""Journeys through the official SDK (and oss2) for source files, workflows, stream uploads, media refresh and the
player statistics: each write is followed by the reads that show its effect.

Like test_sdk_journeys.py, these run in CI once passing.txt lists them as `journey_<name>`.
"""

from __future__ import annotations

import datetime
import hashlib
import time
import urllib.error

import oss2
import pytest
from alibabacloud_vod20170321 import models as vod_models
from Tea.exceptions import TeaException

import sdk_runner
from test_sdk_journeys import fetch, peer, sandbox, transcode_group, upload_video, wait  # noqa: F401 (fixtures)


@pytest.fixture()
def client(sandbox):  # noqa: F811 (the imported module fixture)
    return sandbox.client()


def put_own_object(sandbox, key: str, payload: bytes) -> str:
    """Stores an object in the sandbox bucket with the account's own AccessKey, as a user's code puts files in its
    OSS bucket before registering them; answers the OSS-style URL RegisterMedia takes."""
    info = sandbox.info
    auth = oss2.Auth(info["accessKeyId"], info["accessKeySecret"])
    oss2.Bucket(auth, info["endpoint"], info["bucket"]).put_object(key, payload)
    return f"http://{info['bucket']}.oss-{info['region']}.aliyuncs.com/{key}"


def error_code(call) -> str | None:
    try:
        call()
    except TeaException as error:
        return error.code
    return None


def test_journey_register_then_mezzanine(client, sandbox):
    """RegisterMedia of an object put in the bucket; GetVideoInfo and GetMezzanineInfo show it; preprocessing
    shows in GetMezzanineInfo; DeleteMezzanines keeps the only stream unless forced, then the source is gone."""
    file_url = put_own_object(sandbox, f"in/registered-{time.time_ns()}.mp4", sdk_runner.MEDIA)
    missing_url = file_url.replace("registered-", "never-put-")
    request = vod_models.RegisterMediaRequest(register_metadatas=(
        f'[{{"FileURL":"{file_url}","Title":"registered journey"}},'
        f'{{"FileURL":"{missing_url}","Title":"not there"}}]'))
    first = client.register_media(request).body
    assert first.failed_file_urls == [missing_url]
    assert [(item.file_url, item.new_register) for item in first.registered_media_list] == [(file_url, True)]
    media_id = first.registered_media_list[0].media_id
    again = client.register_media(vod_models.RegisterMediaRequest(
        register_metadatas=f'[{{"FileURL":"{file_url}","Title":"again"}}]')).body.registered_media_list[0]
    assert (again.media_id, again.new_register) == (media_id, False), "a registered file keeps its MediaId"

    video = wait(lambda: (lambda v: v if v.status == "Normal" else None)(
        client.get_video_info(vod_models.GetVideoInfoRequest(video_id=media_id)).body.video),
        "the registered media to become Normal")
    assert video.title == "registered journey" and video.size == len(sdk_runner.MEDIA)

    mezzanine = client.get_mezzanine_info(vod_models.GetMezzanineInfoRequest(
        video_id=media_id, addition_type="video")).body.mezzanine
    assert mezzanine.video_id == media_id and mezzanine.size == len(sdk_runner.MEDIA)
    assert mezzanine.file_md5 == hashlib.md5(sdk_runner.MEDIA).hexdigest()
    assert mezzanine.preprocess_status == "UnPreprocess" and mezzanine.video_stream_list
    status, body, _ = fetch(mezzanine.file_url)
    assert status == 200 and body == sdk_runner.MEDIA, "the source URL serves the registered bytes"

    job = client.submit_preprocess_jobs(vod_models.SubmitPreprocessJobsRequest(
        video_id=media_id, preprocess_type="LivePreprocess")).body.preprocess_jobs.preprocess_job[0]
    assert job.job_id
    wait(lambda: client.get_mezzanine_info(vod_models.GetMezzanineInfoRequest(video_id=media_id)).body.mezzanine
         .preprocess_status == "PreprocessSucceed", "the preprocess job to finish")

    kept = client.delete_mezzanines(vod_models.DeleteMezzaninesRequest(video_ids=media_id)).body
    assert kept.un_removeable_video_ids == [media_id], "the source is the only stream of untranscoded media"
    removed = client.delete_mezzanines(vod_models.DeleteMezzaninesRequest(
        video_ids=f"{media_id},{'0' * 32}", force=True)).body
    assert removed.un_removeable_video_ids == [] and removed.non_exist_video_ids == ["0" * 32]
    assert error_code(lambda: client.get_mezzanine_info(vod_models.GetMezzanineInfoRequest(
        video_id=media_id))) == "InvalidVideo.NotFound"
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(mezzanine.file_url)
    assert gone.value.code == 404, "the deleted source no longer answers"
    play = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=media_id)).body.play_info_list.play_info
    assert play and fetch(play[0].play_url)[0] == 200, "the streams stay playable without the source"


def test_journey_workflow_then_summary(client):
    """SubmitWorkflowJob runs a transcode task: GetWorkflowTask, GetTranscodeSummary, ListJobInfo and
    GetTranscodeTask agree on it."""
    video_id = upload_video(client, "workflow journey")
    workflow = "5a3e7c1b9d2f4e6a8b0c1d2e3f4a5b6c"
    assert error_code(lambda: client.submit_workflow_job(vod_models.SubmitWorkflowJobRequest(
        workflow_id="not-a-workflow", media_id=video_id))) == "InvalidParameter"
    task_id = client.submit_workflow_job(vod_models.SubmitWorkflowJobRequest(
        workflow_id=workflow, media_id=video_id)).body.task_id
    task = wait(lambda: (lambda t: t if t.status == "succeeded" else None)(
        client.get_workflow_task(vod_models.GetWorkflowTaskRequest(task_id=task_id)).body), "the workflow to finish")
    assert (task.task_id, task.workflow_id) == (task_id, workflow) and task.finish_time_utc

    summary = client.get_transcode_summary(vod_models.GetTranscodeSummaryRequest(
        video_ids=f"{video_id},{'f' * 32}")).body
    assert summary.non_exist_video_ids == ["f" * 32]
    (latest,) = summary.transcode_summary_list
    assert latest.video_id == video_id and latest.transcode_status == "CompleteAllSucc"
    tasks = client.list_transcode_task(vod_models.ListTranscodeTaskRequest(video_id=video_id)).body
    newest = tasks.transcode_task_list[0]
    assert newest.task_status == "CompleteAllSucc" and newest.creation_time == latest.creation_time
    detail = client.get_transcode_task(vod_models.GetTranscodeTaskRequest(
        transcode_task_id=newest.transcode_task_id)).body.transcode_task
    job_ids = [job.transcode_job_id for job in detail.transcode_job_info_list]
    assert len(latest.transcode_job_info_summary_list) == len(job_ids)
    jobs = client.list_job_info(vod_models.ListJobInfoRequest(job_type="transcode", media_id=video_id)).body
    assert set(job_ids) <= {job.job_id for job in jobs.job_info_list}
    assert all(job.status == "TranscodeSuccess" for job in jobs.job_info_list if job.job_id in job_ids)


def test_journey_stream_upload_then_play(client, peer):  # noqa: F811
    """UploadStreamByURL pulls a stream from a loopback server; GetPlayInfo lists it under its definition and its
    play URL serves the pulled bytes."""
    video_id = upload_video(client, "stream journey")
    answer = client.upload_stream_by_url(vod_models.UploadStreamByURLRequest(
        media_id=video_id, definition="2K", stream_url=f"{peer.url}/media/stream.mp4", file_extension="mp4")).body
    assert answer.stream_job_id and answer.source_url.endswith("/media/stream.mp4")
    streams = wait(lambda: client.get_play_info(vod_models.GetPlayInfoRequest(
        video_id=video_id, definition="2K")).body.play_info_list.play_info, "the pulled stream to be listed")
    assert [(stream.definition, stream.format) for stream in streams] == [("2K", "mp4")]
    status, body, _ = fetch(streams[0].play_url)
    assert status == 200 and body == sdk_runner.MEDIA
    client.delete_video(vod_models.DeleteVideoRequest(video_ids=video_id))
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(streams[0].play_url)
    assert gone.value.code == 404, "deleting the video deletes the pulled stream file too"


def test_journey_media_refresh_then_jobs(client):
    """RefreshMediaPlayUrls makes one task per play URL (TS slices included on request): GetMediaRefreshJobs and
    DescribeVodRefreshTasks show them."""
    video_id = upload_video(client, "refresh journey")
    task_id = client.submit_transcode_jobs(vod_models.SubmitTranscodeJobsRequest(
        video_id=video_id, template_group_id=transcode_group(client))).body.transcode_task_id
    wait(lambda: client.get_transcode_task(vod_models.GetTranscodeTaskRequest(transcode_task_id=task_id)).body
         .transcode_task.task_status == "CompleteAllSucc", "the transcode to finish")
    missing = "e" * 32
    answer = client.refresh_media_play_urls(vod_models.RefreshMediaPlayUrlsRequest(
        media_ids=f"{video_id},{missing}", task_type="Preload", formats="m3u8", slice_flag=True,
        slice_count=2)).body
    assert answer.non_exist_media_ids == missing and answer.forbidden_media_ids == ""
    jobs = client.get_media_refresh_jobs(vod_models.GetMediaRefreshJobsRequest(
        media_refresh_job_id=answer.media_refresh_job_id)).body.media_refresh_jobs
    (job,) = jobs
    assert (job.media_id, job.task_type, job.status) == (video_id, "Preload", "Success")
    urls = job.success_play_urls.split(",")
    assert len(urls) == 3 and urls[0].endswith("/index.m3u8") and all(url.endswith(".ts") for url in urls[1:])
    for refresh_task in job.task_ids.split(","):
        tasks = client.describe_vod_refresh_tasks(vod_models.DescribeVodRefreshTasksRequest(
            task_id=refresh_task)).body.tasks.task
        assert [(task.object_path in urls, task.status) for task in tasks] == [(True, "Complete")]


def test_journey_player_data_after_plays(client):
    """Two plays of a video: the player summary, the per-interval series and the day's region file all count
    them, consistently."""
    def played() -> tuple[float, float]:
        end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1)
        start = end.replace(hour=0, minute=0, second=0, microsecond=0)
        window = dict(app_id="app-1000000", start_time=start.strftime("%Y-%m-%dT%H:%M:%SZ"),
                      end_time=end.strftime("%Y-%m-%dT%H:%M:%SZ"), terminal_type="web")
        collect = client.describe_vod_player_collect_data(vod_models.DescribeVodPlayerCollectDataRequest(
            interval="1h", metrics="Vv,Uv", **window)).body.data_list
        series = client.describe_vod_player_metric_data(vod_models.DescribeVodPlayerMetricDataRequest(
            interval="5m", metrics="Vv", **window)).body.data_list
        vv = {item.metric: item.value for item in collect}["Vv"]
        assert sum(point.vv for point in series) == vv, "the series adds up to the summary"
        return vv, {item.metric: item.value for item in collect}["Uv"]

    video_id = upload_video(client, "player journey")
    before, _ = played()
    url = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id)).body.play_info_list.play_info[0]
    for _ in range(2):
        assert fetch(url.play_url)[0] == 200
    after, viewers = played()
    assert after - before == 2 and viewers == 1

    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    regions = client.get_daily_play_region_statis(vod_models.GetDailyPlayRegionStatisRequest(
        date=today, media_region="cn-shanghai")).body
    (day,) = regions.daily_play_region_statis_list
    status, csv, _ = fetch(day.file_url)
    header, row = csv.decode().strip().splitlines()
    assert status == 200 and day.date == today
    assert int(dict(zip(header.split(","), row.split(",")))["VV"]) == after
    earlier = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=30)).strftime("%Y-%m-%d")
    assert client.get_daily_play_region_statis(vod_models.GetDailyPlayRegionStatisRequest(
        date=earlier, media_region="cn-shanghai")).body.empty_dates == [earlier]
    domains = client.describe_vod_player_dimension_data(vod_models.DescribeVodPlayerDimensionDataRequest(
        app_id="app-1000000", dimension="Codec")).body.data_list
    assert domains == ["h264"]
