"""Issue 15 item 6: each common task, as an agent would run it from what the server says alone, through the built
binary against `--sandbox`, with its number of tools/call requests asserted. Every result text of every journey is
also checked: each tool it names is listed by default or written as `call_api <Name>`."""
import http.server
import json
import socketserver
import threading

import pytest

from journeys import Session, operation_names, text_of, unreachable_mentions

HLS_GROUP = [{"TemplateName": "hls-720p", "Definition": "HD", "Container": {"Format": "m3u8"},
              "Video": {"Codec": "H.264", "Bitrate": 1500, "Height": 720, "Fps": 30},
              "Audio": {"Codec": "AAC", "Bitrate": 128, "Samplerate": 44100, "Channels": 2}}]
AUDIT_TEMPLATE = {"AuditItem": ["terrorism", "porn"], "AuditRange": ["video", "image-cover", "text-title"],
                  "AuditContent": ["screen"], "AuditAutoBlock": "no"}


class Missing(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_error(404)


@pytest.fixture(scope="module")
def missing_source():
    server = socketserver.TCPServer(("127.0.0.1", 0), Missing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/gone.mp4"
    server.shutdown()


@pytest.fixture()
def session(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "talk.mp4").write_bytes(b"sandbox video bytes " * 512)
    (tmp_path / "cover.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"sandbox image" * 64)
    running = Session(vod_mcp_bin, ["--sandbox", "--sandbox-transcode-delay", "0.3"], tmp_path, clean_env)
    listed = {tool["name"] for tool in running.request("tools/list")["result"]["tools"]}
    running.listed = listed
    yield running
    running.close()
    names = operation_names() | listed | {"upload_media_file", "upload_media_url", "wait_for_media", "call_api"}
    problems = [problem for text in running.texts for problem in unreachable_mentions(text, names, listed)]
    assert problems == [], "\n".join(problems)


def ok(result):
    assert not result["isError"], text_of(result)
    return result["structuredContent"]


def uploaded_video(session, title="talk"):
    """An uploaded, transcoded video (set-up for journeys that start from one; their counts start after it)."""
    video = ok(session.call("upload_media_file", {"FilePath": "talk.mp4", "Title": title}))["VideoId"]
    assert ok(session.call("wait_for_media", {"VideoId": video}))["status"] == "reached"
    return video


def counted(session):
    session.calls = 0
    return session


def test_upload_then_play_url_in_three_calls(session):
    uploaded = ok(session.call("upload_media_file", {"FilePath": "talk.mp4", "Title": "Launch talk"}))
    follow = uploaded["NextStep"]
    waited = ok(session.call(follow["tool"], follow["arguments"]))
    assert waited["status"] == "reached" and waited["current"] == "Normal"
    play = ok(session.call("GetPlayInfo", {"VideoId": uploaded["VideoId"]}))
    assert play["PlayInfoList"]["PlayInfo"][0]["PlayURL"].startswith("http")
    assert session.calls == 3


def test_batch_description_update_through_search_media_in_two_calls(session):
    videos = [uploaded_video(session, f"Lecture {n}") for n in range(3)]
    counted(session)
    found = ok(session.call("SearchMedia", {"SearchType": "video", "Match": "Title = 'Lecture'", "Fields": "Title"}))
    ids = [item["Video"]["VideoId"] for item in found["MediaList"]]
    assert sorted(ids) == sorted(videos)
    content = [{"VideoId": video, "Description": "Course 101"} for video in ids]
    ok(session.call("UpdateVideoInfos", {"UpdateContent": json.dumps(content)}))
    assert session.calls == 2
    for video in videos:
        assert ok(session.call("GetVideoInfo", {"VideoId": video}))["Video"]["Description"] == "Course 101"


def test_rename_every_title_in_two_calls(session):
    videos = [uploaded_video(session, f"clip {n}") for n in range(3)]
    counted(session)
    listed = ok(session.call("SearchMedia", {"SearchType": "video", "Fields": "Title", "PageSize": 100}))
    content = [{"VideoId": item["Video"]["VideoId"], "Title": item["Video"]["Title"].title()}
               for item in listed["MediaList"]]
    ok(session.call("UpdateVideoInfos", {"UpdateContent": json.dumps(content)}))
    assert session.calls == 2
    titles = {ok(session.call("GetVideoInfo", {"VideoId": video}))["Video"]["Title"] for video in videos}
    assert titles == {"Clip 0", "Clip 1", "Clip 2"}


def test_template_group_transcode_and_hls_url_in_four_calls(session):
    video = uploaded_video(session)
    counted(session)
    group = ok(session.call("AddTranscodeTemplateGroup", {
        "Name": "hls", "TranscodeTemplateList": json.dumps(HLS_GROUP)}))["TranscodeTemplateGroupId"]
    submitted = session.call("SubmitTranscodeJobs", {"VideoId": video, "TemplateGroupId": group})
    task = ok(submitted)["TranscodeTaskId"]
    assert f'wait_for_media {{"TranscodeTaskId":"{task}"}}' in text_of(submitted)
    assert ok(session.call("wait_for_media", {"TranscodeTaskId": task}))["status"] == "reached"
    play = ok(session.call("GetPlayInfo", {"VideoId": video, "Formats": "m3u8"}))
    assert ".m3u8" in play["PlayInfoList"]["PlayInfo"][0]["PlayURL"]
    assert session.calls == 4


def test_delete_with_confirmation_in_two_calls(session):
    video = uploaded_video(session)
    counted(session)
    preview = session.call("DeleteVideo", {"VideoIds": video})
    assert '"Confirm": true' in text_of(preview)
    ok(session.call("DeleteVideo", {"VideoIds": video, "Confirm": True}))
    assert session.calls == 2
    assert session.call("GetVideoInfo", {"VideoId": video})["isError"]


def test_cover_image_in_two_calls(session):
    video = uploaded_video(session)
    counted(session)
    image = ok(session.call("upload_media_file", {"FilePath": "cover.png"}))
    assert image["ImageURL"].startswith("http")
    ok(session.call("UpdateVideoInfo", {"VideoId": video, "CoverURL": image["ImageURL"]}))
    assert session.calls == 2
    assert ok(session.call("GetVideoInfo", {"VideoId": video}))["Video"]["CoverURL"] == image["ImageURL"]


def test_category_in_two_calls(session):
    video = uploaded_video(session)
    counted(session)
    added = ok(session.call("call_api", {"Action": "AddCategory", "Parameters": json.dumps({"CateName": "Talks"})}))
    category = added["Category"]["CateId"]
    ok(session.call("UpdateVideoInfo", {"VideoId": video, "CateId": category}))
    assert session.calls == 2
    assert ok(session.call("GetVideoInfo", {"VideoId": video}))["Video"]["CateId"] == category


def test_snapshots_in_three_calls(session):
    video = uploaded_video(session)
    counted(session)
    submitted = session.call("call_api", {"Action": "SubmitSnapshotJob",
                                          "Parameters": json.dumps({"VideoId": video, "Count": 3})})
    job = ok(submitted)["SnapshotJob"]["JobId"]
    assert '"JobType": "snapshot"' in text_of(submitted).replace('":"', '": "')
    waited = ok(session.call("wait_for_media", {"JobId": job, "JobType": "snapshot"}))
    assert waited["status"] == "reached", waited
    snapshots = ok(session.call("call_api", {"Action": "ListSnapshots", "Parameters": json.dumps({"VideoId": video})}))
    assert len(snapshots["MediaSnapshot"]["Snapshots"]["Snapshot"]) == 3
    assert session.calls == 3


def test_ai_template_and_audit_in_three_calls(session):
    video = uploaded_video(session)
    counted(session)
    template = ok(session.call("AddAITemplate", {
        "TemplateName": "review", "TemplateType": "AIMediaAudit", "TemplateConfig": json.dumps(AUDIT_TEMPLATE)}))
    submitted = session.call("call_api", {"Action": "SubmitAIMediaAuditJob", "Parameters": json.dumps(
        {"MediaId": video, "TemplateId": template["TemplateId"]})})
    job = ok(submitted)["JobId"]
    assert "wait_for_media" in text_of(submitted) and "audit" in text_of(submitted)
    waited = ok(session.call("wait_for_media", {"JobId": job, "JobType": "audit"}))
    assert waited["status"] == "reached" and waited["info"]["Suggestion"] == "pass", waited
    assert session.calls == 3


def test_ai_tagging_job_waited_and_read_in_three_calls(session):
    video = uploaded_video(session)
    counted(session)
    submitted = session.call("call_api", {"Action": "SubmitAIJob", "Parameters": json.dumps(
        {"MediaId": video, "Types": "AIVideoTag"})})
    job = ok(submitted)["AIJobList"]["AIJob"][0]["JobId"]
    assert '"JobType": "ai"' in text_of(submitted).replace('":"', '": "')
    waited = ok(session.call("wait_for_media", {"JobId": job, "JobType": "ai"}))
    assert (waited["status"], waited["current"]) == ("reached", "Success"), waited
    assert waited["info"]["Type"] == "AIVideoTag" and waited["info"]["MediaId"] == video, waited
    tags = ok(session.call("call_api", {"Action": "GetAIVideoTagResult", "Parameters": json.dumps(
        {"MediaId": video})}))
    keywords = [item["Tag"] for item in tags["VideoTagResult"]["Keyword"]]
    assert keywords == ["talk"], "the tags come from the video's title"
    assert [item["Tag"] for item in json.loads(waited["info"]["Data"])["Keyword"]] == keywords
    assert session.calls == 3


def test_url_import_that_fails_in_one_call(session, missing_source):
    result = session.call("upload_media_url", {"URLs": [missing_source], "Title": "gone"})
    job = ok(result)["Jobs"][0]
    assert "FAIL" in job["Status"].upper(), job
    assert job["ErrorCode"] and job["ErrorMessage"], job
    assert job["ErrorCode"] in text_of(result) and job["ErrorMessage"] in text_of(result)
    assert job["VideoId"]
    assert session.calls == 1


def test_wait_for_media_follows_each_job_kind(session, missing_source):
    video = uploaded_video(session)
    submitted = ok(session.call("SubmitTranscodeJobs", {"VideoId": video, "TemplateGroupId": "VOD_NO_TRANSCODE"}))
    task = ok(session.call("call_api", {"Action": "GetTranscodeTask", "Parameters": json.dumps(
        {"TranscodeTaskId": submitted["TranscodeTaskId"]})}))
    job = task["TranscodeTask"]["TranscodeJobInfoList"][0]["TranscodeJobId"]
    waited = ok(session.call("wait_for_media", {"JobId": job, "JobType": "transcode"}))
    assert (waited["status"], waited["current"]) == ("reached", "TranscodeSuccess"), waited
    pulled = ok(session.call("upload_media_url", {"URLs": [missing_source], "WaitSeconds": 0}))["Jobs"][0]
    failed = ok(session.call("wait_for_media", {"JobId": pulled["JobId"]}))
    assert failed["status"] == "failed" and failed["info"]["ErrorCode"], failed
    image = ok(session.call("upload_media_file", {"FilePath": "cover.png"}))["ImageId"]
    assert ok(session.call("wait_for_media", {"ImageId": image}))["info"]["URL"].startswith("http")
    unknown = session.call("wait_for_media", {"JobId": "0" * 32, "JobType": "snapshot"})
    assert unknown["isError"] and "snapshot" in text_of(unknown)
    short = ok(session.call("wait_for_media", {"VideoId": video, "Target": "NeverReached", "TimeoutSeconds": 1}))
    assert short["status"] == "still_running" and short["resume"]["arguments"]["VideoId"] == video


def test_unlisted_signing_helper_is_a_call_api_target(session):
    assert "sign_playback_url" not in session.listed
    signed = ok(session.call("call_api", {"Action": "sign_playback_url", "Parameters": json.dumps(
        {"URL": "http://cdn.example.com/video/a.mp4", "Key": "aliyuncdnexp1234", "Type": "A", "Timestamp": 1444435200})}))
    assert "auth_key=1444435200-0-0-" in json.dumps(signed)
    described = ok(session.call("describe_api", {"Action": "sign_playback_url"}))
    assert "Key" in described["inputSchema"]["properties"]
