"""Journeys through the official SDK (and oss2) against `vod-mcp sandbox`: what a user's code does end to end.

These are behind the ratchet (README.md): a journey runs in CI once passing.txt lists it as `journey_<name>`.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from alibabacloud_vod20170321 import models as vod_models
from Tea.exceptions import TeaException

import sdk_plan
import sdk_runner


@pytest.fixture(scope="module")
def sandbox(vod_mcp_bin):
    running = sdk_runner.Sandbox(vod_mcp_bin)
    yield running
    running.close()


@pytest.fixture(scope="module")
def peer():
    running = sdk_runner.LoopbackPeer()
    yield running
    running.close()


@pytest.fixture()
def client(sandbox):
    return sandbox.client()


def upload_video(client, title: str = "journey clip") -> str:
    created = client.create_upload_video(vod_models.CreateUploadVideoRequest(title=title, file_name="clip.mp4")).body
    sdk_runner.put_upload({"UploadAuth": created.upload_auth, "UploadAddress": created.upload_address},
                          sdk_runner.MEDIA)
    wait(lambda: client.get_video_info(vod_models.GetVideoInfoRequest(video_id=created.video_id)).body.video.status
         == "Normal", "the uploaded video to become Normal")
    return created.video_id


def wait(condition, what: str, timeout: float = 10.0):
    deadline = time.time() + timeout
    last_error = None
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except TeaException as error:
            if error.code == "Sandbox.Unsupported":  # waiting cannot help
                raise AssertionError(f"waiting for {what}: {error.code}: {error.message[:120]}") from None
            last_error = error
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}" + (f" (last error {last_error.code})" if last_error else ""))


def fetch(url: str) -> tuple[int, bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read(), dict(response.headers)


def transcode_group(client) -> str:
    templates = json.dumps(sdk_plan._transcode_templates({}))
    return client.add_transcode_template_group(vod_models.AddTranscodeTemplateGroupRequest(
        name=f"journey-{time.time_ns()}", transcode_template_list=templates)).body.transcode_template_group_id


def test_journey_hls_playback(client):
    """Transcode to HLS, then fetch the m3u8 playlist and one segment through the play URL."""
    video_id = upload_video(client, "hls journey")
    group_id = transcode_group(client)
    task_id = client.submit_transcode_jobs(vod_models.SubmitTranscodeJobsRequest(
        video_id=video_id, template_group_id=group_id)).body.transcode_task_id
    task = wait(lambda: (lambda t: t if t.task_status in ("CompleteAllSucc", "CompletePartialSucc") else None)(
        client.get_transcode_task(vod_models.GetTranscodeTaskRequest(transcode_task_id=task_id)).body.transcode_task),
        "the transcode task to complete")
    assert task.task_status == "CompleteAllSucc"
    assert {job.definition for job in task.transcode_job_info_list} >= {"SD", "HD"}
    listed = client.list_transcode_task(vod_models.ListTranscodeTaskRequest(video_id=video_id)).body
    assert task_id in {item.transcode_task_id for item in listed.transcode_task_list}
    sd_job = next(job for job in task.transcode_job_info_list if job.definition == "SD")
    detail = client.get_job_detail(vod_models.GetJobDetailRequest(
        job_id=sd_job.transcode_job_id, job_type="transcode")).body.transcode_job_detail
    assert (detail.job_id, detail.video_id, detail.definition) == (sd_job.transcode_job_id, video_id, "SD")

    play = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id, formats="m3u8")).body
    streams = play.play_info_list.play_info
    assert streams, "GetPlayInfo Formats=m3u8 returned no stream after the HLS transcode"
    assert {stream.format for stream in streams} == {"m3u8"}, "GetPlayInfo must honour its Formats filter"
    hls = streams[0]
    assert (hls.width, hls.height) == (640, 360), "the stream must have the template's size"
    assert hls.definition == "SD"

    hd = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id, definition="HD")).body
    hd_streams = hd.play_info_list.play_info
    assert hd_streams and {stream.definition for stream in hd_streams} == {"HD"}, \
        "GetPlayInfo must honour its Definition filter"
    assert (hd_streams[0].format, hd_streams[0].width, hd_streams[0].height) == ("mp4", 1280, 720)

    status, playlist, headers = fetch(hls.play_url)
    assert status == 200
    text = playlist.decode()
    assert text.startswith("#EXTM3U"), text[:200]
    assert "#EXT-X-TARGETDURATION" in text and "#EXTINF" in text and "#EXT-X-ENDLIST" in text
    segments = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert segments, "the playlist lists no segment"
    status, segment, _ = fetch(urllib.parse.urljoin(hls.play_url, segments[0]))
    assert status == 200 and len(segment) >= 188
    assert segment[0] == 0x47 and segment[188] == 0x47 if len(segment) > 188 else segment[0] == 0x47, \
        "an HLS segment must be MPEG-TS (sync byte 0x47 every 188 bytes)"


def test_journey_snapshot_then_list(client):
    video_id = upload_video(client, "snapshot journey")
    template_id = client.add_vod_template(vod_models.AddVodTemplateRequest(
        name=f"snap-{time.time_ns()}", template_type="Snapshot",
        template_config=json.dumps(sdk_plan.SNAPSHOT_CONFIG))).body.vod_template_id
    job = client.submit_snapshot_job(vod_models.SubmitSnapshotJobRequest(
        video_id=video_id, snapshot_template_id=template_id)).body.snapshot_job
    assert job.job_id
    listed = wait(lambda: (lambda s: s if s.media_snapshot and s.media_snapshot.total else None)(
        client.list_snapshots(vod_models.ListSnapshotsRequest(video_id=video_id, snapshot_type="NormalSnapshot")).body),
        "ListSnapshots to show the snapshots")
    snapshots = listed.media_snapshot.snapshots.snapshot
    assert listed.media_snapshot.total == len(snapshots)
    duration = client.get_video_info(vod_models.GetVideoInfoRequest(video_id=video_id)).body.video.duration or 0
    if duration >= 3:
        assert len(snapshots) == 3, "the template asks for 3 snapshots, 1 s apart, of a video that lasts long enough"
    else:
        assert 1 <= len(snapshots) <= 3, f"a {duration} s video gives 1 to 3 of the 3 snapshots asked for"
    assert listed.media_snapshot.job_id == job.job_id
    info = client.get_video_info(vod_models.GetVideoInfoRequest(video_id=video_id)).body.video
    assert info.snapshots and info.snapshots.snapshot, "GetVideoInfo must show the snapshots too"
    status, image, _ = fetch(snapshots[0].url)
    assert status == 200
    assert image[:3] == b"\xff\xd8\xff" or image[:8] == b"\x89PNG\r\n\x1a\n", "a snapshot must be an image"


def test_journey_ai_audit_results(client):
    video_id = upload_video(client, "audit journey")
    job_id = client.submit_aimedia_audit_job(vod_models.SubmitAIMediaAuditJobRequest(
        media_id=video_id, media_type="video")).body.job_id
    assert job_id
    job = wait(lambda: (lambda j: j if j and j.status in ("Success", "Fail") else None)(
        client.get_aimedia_audit_job(vod_models.GetAIMediaAuditJobRequest(job_id=job_id)).body.media_audit_job),
        "the AI audit job to finish")
    assert job.status == "Success" and job.media_id == video_id
    assert job.data.suggestion in ("pass", "review", "block")
    result = client.get_media_audit_result(vod_models.GetMediaAuditResultRequest(media_id=video_id)).body
    assert result.media_audit_result.suggestion == job.data.suggestion, "the job and the result must agree"
    detail = client.get_media_audit_result_detail(vod_models.GetMediaAuditResultDetailRequest(
        media_id=video_id, page_no=1)).body
    assert detail.media_audit_result_detail is not None
    timeline = client.get_media_audit_result_timeline(vod_models.GetMediaAuditResultTimelineRequest(
        media_id=video_id)).body
    assert timeline.media_audit_result_timeline is not None


def ai_jobs_done(client, job_ids: list[str]):
    """The AI jobs once every one has left processing (ListAIJob), else None."""
    jobs = client.list_aijob(vod_models.ListAIJobRequest(job_ids=",".join(job_ids))).body.aijob_list.aijob
    return jobs if len(jobs) == len(job_ids) and all(job.status in ("success", "fail") for job in jobs) else None


def test_journey_ai_tags_and_fingerprints(client):
    """Smart tagging and fingerprinting: submit, wait through ListAIJob, then the results, then leave the library."""
    first = upload_video(client, "harbour sunrise")
    client.update_video_info(vod_models.UpdateVideoInfoRequest(video_id=first, tags="boats,sea"))
    submitted = client.submit_aijob(vod_models.SubmitAIJobRequest(
        media_id=first, types="AIVideoTag,AIMediaDNA")).body.aijob_list.aijob
    assert {job.type for job in submitted} == {"AIVideoTag", "AIMediaDNA"}
    assert {job.media_id for job in submitted} == {first}
    with pytest.raises(TeaException) as early:
        client.get_aivideo_tag_result(vod_models.GetAIVideoTagResultRequest(media_id=first))
    assert early.value.code == "NoSuchResource" and "processing" in early.value.message
    jobs = wait(lambda: ai_jobs_done(client, [job.job_id for job in submitted]), "the AI jobs to finish")
    assert {job.status for job in jobs} == {"success"}, [(job.type, job.status, job.message) for job in jobs]

    tags = client.get_aivideo_tag_result(vod_models.GetAIVideoTagResultRequest(media_id=first)).body
    keywords = [item.tag for item in tags.video_tag_result.keyword]
    assert keywords[:4] == ["boats", "sea", "harbour", "sunrise"], "the video's tags, then its title's words"
    tag_job = next(job for job in jobs if job.type == "AIVideoTag")
    assert [item["Tag"] for item in json.loads(tag_job.data)["Keyword"]] == keywords, \
        "ListAIJob's Data and GetAIVideoTagResult must agree"
    analysis = client.get_media_ai_analysis(vod_models.GetMediaAiAnalysisRequest(
        media_id=first, result_types="Keyword,Summary")).body.ai_analysis_result_list.ai_analysis_result
    assert [item.result_type for item in analysis] == ["Keyword", "Summary"]
    assert json.loads(analysis[0].content) == keywords

    # A second upload of the same bytes is a duplicate of the first; its fingerprint finds it.
    second = upload_video(client, "harbour sunrise (copy)")
    dna_job = client.submit_aijob(vod_models.SubmitAIJobRequest(
        media_id=second, types="AIMediaDNA")).body.aijob_list.aijob[0].job_id
    wait(lambda: ai_jobs_done(client, [dna_job]), "the fingerprint job to finish")
    matches = client.get_media_dnaresult(vod_models.GetMediaDNAResultRequest(media_id=second)).body.dnaresult.video_dna
    assert first in {match.primary_key for match in matches}
    assert next(match for match in matches if match.primary_key == first).similarity == "1.0"

    assert client.submit_media_dnadelete_job(vod_models.SubmitMediaDNADeleteJobRequest(media_id=first)).body.job_id
    after = client.get_media_dnaresult(vod_models.GetMediaDNAResultRequest(media_id=second)).body.dnaresult.video_dna
    assert first not in {match.primary_key for match in after or []}, "a removed fingerprint matches no more"
    with pytest.raises(TeaException) as removed:
        client.get_media_dnaresult(vod_models.GetMediaDNAResultRequest(media_id=first))
    assert removed.value.code == "NoSuchResource"


def test_journey_ai_images_listed_served_and_deleted(client):
    """Smart thumbnails: the job's images appear in ListAIImageInfo, are served, and go when deleted."""
    video_id = upload_video(client, "thumbnail journey")
    template_id = client.add_aitemplate(vod_models.AddAITemplateRequest(
        template_name=f"thumbs-{time.time_ns()}", template_type="AIImage",
        template_config=json.dumps(sdk_plan.AI_IMAGE_CONFIG))).body.template_id
    job_id = client.submit_aiimage_job(vod_models.SubmitAIImageJobRequest(
        video_id=video_id, aitemplate_id=template_id)).body.job_id
    job = wait(lambda: (lambda jobs: jobs[0] if jobs and jobs[0].status == "success" else None)(
        client.get_aiimage_jobs(vod_models.GetAIImageJobsRequest(job_ids=job_id)).body.aiimage_job_list),
        "the smart-thumbnail job to finish")
    assert (job.video_id, job.template_id) == (video_id, template_id)
    results = json.loads(job.aiimage_result)
    images = client.list_aiimage_info(vod_models.ListAIImageInfoRequest(video_id=video_id)).body.aiimage_info_list
    assert len(images) == len(results) >= 1
    assert {image.job_id for image in images} == {job_id} and {image.format for image in images} == {"gif"}
    status, body, headers = fetch(images[0].file_url)
    assert status == 200 and body[:4] == b"GIF8", "a GIF template makes GIF images"
    client.delete_aiimage_infos(vod_models.DeleteAIImageInfosRequest(
        aiimage_info_ids=",".join(image.aiimage_info_id for image in images)))
    left = client.list_aiimage_info(vod_models.ListAIImageInfoRequest(video_id=video_id)).body.aiimage_info_list
    assert not left, "DeleteAIImageInfos must remove the images from ListAIImageInfo"
    with pytest.raises(urllib.error.HTTPError) as gone:
        fetch(images[0].file_url)
    assert gone.value.code == 404


def test_journey_domain_lifecycle(client):
    domain = f"journey{time.time_ns() % 100000}.example.com"
    sources = json.dumps([{"content": "origin.example.com", "type": "domain", "priority": "20", "port": 80}])
    client.add_vod_domain(vod_models.AddVodDomainRequest(domain_name=domain, sources=sources, scope="domestic"))

    def detail():
        return client.describe_vod_domain_detail(vod_models.DescribeVodDomainDetailRequest(
            domain_name=domain)).body.domain_detail

    first = detail()
    assert first.domain_name == domain and first.cname.endswith(".com")
    assert first.sources.source[0].content == "origin.example.com"
    wait(lambda: detail().domain_status == "online", "the domain to come online")
    users = client.describe_vod_user_domains(vod_models.DescribeVodUserDomainsRequest(domain_name=domain)).body
    assert [item.domain_name for item in users.domains.page_data] == [domain]

    functions = json.dumps([{"functionName": "referer_white_list_set", "functionArgs": [
        {"argName": "refer_domain_allow_list", "argValue": "example.com"}]}])
    client.batch_set_vod_domain_configs(vod_models.BatchSetVodDomainConfigsRequest(
        domain_names=domain, functions=functions))
    configs = client.describe_vod_domain_configs(vod_models.DescribeVodDomainConfigsRequest(
        domain_name=domain, function_names="referer_white_list_set")).body.domain_configs.domain_config
    assert [config.function_name for config in configs] == ["referer_white_list_set"]
    assert {arg.arg_name: arg.arg_value for arg in configs[0].function_args.function_arg} == {
        "refer_domain_allow_list": "example.com"}

    client.batch_stop_vod_domain(vod_models.BatchStopVodDomainRequest(domain_names=domain))
    assert wait(lambda: detail().domain_status == "offline", "the domain to go offline")
    client.batch_start_vod_domain(vod_models.BatchStartVodDomainRequest(domain_names=domain))
    assert wait(lambda: detail().domain_status == "online", "the domain to come back online")
    client.delete_vod_domain(vod_models.DeleteVodDomainRequest(domain_name=domain))
    with pytest.raises(TeaException) as caught:
        detail()
    assert caught.value.code in ("InvalidDomain.NotFound", "DomainNotExist"), caught.value.code


def test_journey_statistics_after_plays(client):
    video_id = upload_video(client, "statistics journey")
    play = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id)).body
    url = play.play_info_list.play_info[0].play_url
    served = 0
    for _ in range(3):
        status, payload, _ = fetch(url)
        assert status == 200
        served += len(payload)
    today = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime())
    top = wait(lambda: [item for item in (client.describe_play_top_videos(vod_models.DescribePlayTopVideosRequest(
        biz_date=today, page_size=100)).body.top_play_videos.top_play_video_statis or []) if item.video_id == video_id],
        "DescribePlayTopVideos to count the plays")
    assert int(top[0].vv) == 3, "three fetches of the play URL are three plays"
    start = time.strftime("%Y-%m-%dT%H:00:00Z", time.gmtime(time.time() - 3600))
    end = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 60))
    traffic = client.describe_vod_domain_traffic_data(vod_models.DescribeVodDomainTrafficDataRequest(
        start_time=start, end_time=end)).body
    assert float(traffic.total_traffic) >= served, "traffic must count the bytes the play URL served"
    per_interval = [float(item.value) for item in traffic.traffic_data_per_interval.data_module]
    assert abs(sum(per_interval) - float(traffic.total_traffic)) <= max(1.0, 1e-6 * served), \
        "TotalTraffic must be the sum of the per-interval values"
    day_start = time.strftime("%Y-%m-%dT00:00:00Z", time.gmtime())
    statis = client.describe_play_video_statis(vod_models.DescribePlayVideoStatisRequest(
        video_id=video_id, start_time=day_start, end_time=end)).body
    details = statis.video_play_statis_details.video_play_statis_detail
    assert sum(int(item.vv) for item in details) == 3, "DescribePlayVideoStatis must agree with DescribePlayTopVideos"


def json_object(body: bytes) -> dict:
    """A callback body as a JSON object; anything else (the sandbox's bug, not the test's) as an empty one."""
    try:
        value = json.loads(body)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def callback_signature(url: str, timestamp: str, key: str) -> str:
    """X-VOD-SIGNATURE per Alibaba's callback authentication: md5 hex of `CallbackURL|timestamp|AuthKey`."""
    return hashlib.md5(f"{url}|{timestamp}|{key}".encode()).hexdigest()


def test_callback_signature_matches_the_documented_vector():
    """The verifier the callback journey uses, against the example in Alibaba's callback authentication docs."""
    assert callback_signature("https://www.example.com/your/callback", "1519375990", "test123") \
        == "c72b60894140fa98920f1279219b7ed4"


def test_journey_callback_delivered_and_signed(client, peer):
    callback_url = f"{peer.url}/callback/journey"
    key = "JourneyKey2024ab"
    client.set_message_callback(vod_models.SetMessageCallbackRequest(
        callback_type="HTTP", callback_url=callback_url, event_type_list="ALL", auth_switch="on", auth_key=key))
    configured = client.get_message_callback(vod_models.GetMessageCallbackRequest()).body.message_callback
    assert configured.callback_url == callback_url and configured.auth_switch == "on"
    video_id = upload_video(client, "callback journey")
    arrived = peer.wait_for(lambda item: item["path"] == "/callback/journey"
                            and json_object(item["body"]).get("VideoId") == video_id, timeout=15)
    assert arrived, "no callback arrived for the upload"
    events = {json_object(item["body"]).get("EventType"): item for item in arrived}
    assert "FileUploadComplete" in events, sorted(events)
    delivery = events["FileUploadComplete"]
    body = json.loads(delivery["body"])
    assert body["Status"] == "success" and body["VideoId"] == video_id
    assert time.strptime(body["EventTime"], "%Y-%m-%dT%H:%M:%SZ")
    headers = {name.lower(): value for name, value in delivery["headers"].items()}
    timestamp = headers.get("x-vod-timestamp", "")
    assert len(timestamp) == 10 and timestamp.isdigit() and abs(int(timestamp) - time.time()) < 300
    assert headers.get("x-vod-signature") == callback_signature(callback_url, timestamp, key)
    assert headers.get("x-vod-signature") != callback_signature(callback_url, timestamp, key + "x")


def test_journey_transcode_complete_callback(client, peer):
    """Transcoding ends by elapsed time; its end still reaches the callback: one StreamTranscodeComplete per stream
    and a TranscodeComplete listing them, signed like every callback."""
    callback_url = f"{peer.url}/callback/transcode"
    key = "TranscodeKey2024"
    client.set_message_callback(vod_models.SetMessageCallbackRequest(
        callback_type="HTTP", callback_url=callback_url, event_type_list="ALL", auth_switch="on", auth_key=key))
    video_id = upload_video(client, "transcode callback journey")

    def of_video(event_type):
        return lambda item: (item["path"] == "/callback/transcode"
                             and json_object(item["body"]).get("VideoId") == video_id
                             and json_object(item["body"]).get("EventType") == event_type)

    done = peer.wait_for(of_video("TranscodeComplete"), timeout=15)
    assert len(done) == 1, "TranscodeComplete did not arrive exactly once"
    body = json.loads(done[0]["body"])
    assert body["Status"] == "success"
    streams = body["StreamInfos"]
    assert streams and all(s["Status"] == "success" and s["Definition"] and s["FileUrl"] for s in streams)
    play = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id)).body.play_info_list.play_info
    assert sorted(s["Definition"] for s in streams) == sorted(p.definition for p in play)
    per_stream = peer.wait_for(of_video("StreamTranscodeComplete"), timeout=5)
    assert sorted(json.loads(i["body"])["Definition"] for i in per_stream) == sorted(s["Definition"] for s in streams)
    headers = {name.lower(): value for name, value in done[0]["headers"].items()}
    assert headers.get("x-vod-signature") == callback_signature(callback_url, headers.get("x-vod-timestamp", ""), key)
