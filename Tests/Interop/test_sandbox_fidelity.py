"""Fidelity tests: Alibaba Cloud's own Python SDKs against the local VOD sandbox.

Run by tools/test (it makes the venv). The sandbox is `vod-mcp sandbox` from VOD_MCP_BIN (default
.build/debug/vod-mcp), started with --port 0; its JSON line is read.
"""

import base64
import hashlib
import json
import os
import subprocess
import time

import oss2
import pytest
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_vod20170321 import models as vod_models
from alibabacloud_vod20170321.client import Client as VodClient
from Tea.exceptions import TeaException

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
BINARY = os.environ.get("VOD_MCP_BIN", os.path.join(ROOT, ".build", "debug", "vod-mcp"))


@pytest.fixture(scope="module")
def sandbox():
    process = subprocess.Popen(
        [BINARY, "sandbox", "--port", "0", "--sandbox-transcode-delay", "0.3", "--sandbox-upload-ttl", "600"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    if not line:
        process.kill()
        raise RuntimeError("vod-sandbox printed nothing: " + process.stderr.read())
    info = json.loads(line)
    yield info
    process.terminate()
    process.wait(timeout=10)


def vod_client(info, *, v1=False, secret=None):
    config = open_api_models.Config(
        access_key_id=info["accessKeyId"],
        access_key_secret=secret or info["accessKeySecret"],
        endpoint=info["endpoint"].replace("http://", ""),
        protocol="http",
        region_id=info["region"],
    )
    if v1:
        config.signature_algorithm = "v2"
    return VodClient(config)


def decode(text):
    return json.loads(base64.b64decode(text))


def oss_bucket(upload_auth, upload_address):
    auth = oss2.StsAuth(upload_auth["AccessKeyId"], upload_auth["AccessKeySecret"], upload_auth["SecurityToken"])
    return oss2.Bucket(auth, upload_address["Endpoint"], upload_address["Bucket"])


def wait_for_status(client, video_id, wanted, timeout=20.0):
    deadline = time.time() + timeout
    status = None
    while time.time() < deadline:
        status = client.get_video_info(vod_models.GetVideoInfoRequest(video_id=video_id)).body.video.status
        if status == wanted:
            return status
        time.sleep(0.1)
    return status


@pytest.mark.parametrize("v1", [False, True], ids=["acs3", "rpc-v1"])
def test_video_lifecycle_with_simple_put(sandbox, v1):
    client = vod_client(sandbox, v1=v1)
    created = client.create_upload_video(
        vod_models.CreateUploadVideoRequest(title="fidelity clip", file_name="clip.mp4", tags="a,b")
    ).body
    assert len(created.video_id) == 32
    auth = decode(created.upload_auth)
    address = decode(created.upload_address)
    assert auth["Expiration"] == "600"
    assert auth["AccessKeyId"].startswith("STS.")
    assert address["Endpoint"] == sandbox["endpoint"]

    info = client.get_video_info(vod_models.GetVideoInfoRequest(video_id=created.video_id)).body
    assert info.video.status == "Uploading"
    assert info.video.title == "fidelity clip"

    payload = os.urandom(300 * 1024)
    result = oss_bucket(auth, address).put_object(address["FileName"], payload)  # oss2 checks the CRC itself
    assert result.status == 200
    assert result.etag == hashlib.md5(payload).hexdigest().upper()

    client.update_video_info(vod_models.UpdateVideoInfoRequest(video_id=created.video_id, title="renamed"))
    assert wait_for_status(client, created.video_id, "Normal") == "Normal"
    info = client.get_video_info(vod_models.GetVideoInfoRequest(video_id=created.video_id)).body
    assert info.video.title == "renamed"
    assert info.video.size == len(payload)

    play = client.get_play_info(vod_models.GetPlayInfoRequest(video_id=created.video_id)).body
    url = play.play_info_list.play_info[0].play_url
    assert url.startswith(sandbox["endpoint"] + "/")

    deleted = client.delete_video(vod_models.DeleteVideoRequest(video_ids=created.video_id)).body
    assert not deleted.non_exist_video_ids
    with pytest.raises(TeaException) as caught:
        client.get_video_info(vod_models.GetVideoInfoRequest(video_id=created.video_id))
    assert caught.value.code == "InvalidVideo.NotFound"


def test_resumable_multipart_upload(sandbox, tmp_path):
    client = vod_client(sandbox)
    created = client.create_upload_video(
        vod_models.CreateUploadVideoRequest(title="multipart", file_name="big.mov")
    ).body
    auth = decode(created.upload_auth)
    address = decode(created.upload_address)
    source = tmp_path / "big.mov"
    payload = os.urandom(700 * 1024 + 123)
    source.write_bytes(payload)
    bucket = oss_bucket(auth, address)
    result = oss2.resumable_upload(
        bucket,
        address["FileName"],
        str(source),
        store=oss2.ResumableStore(root=str(tmp_path)),
        multipart_threshold=200 * 1024,
        part_size=200 * 1024,
        num_threads=2,
    )
    assert result.status == 200
    assert result.etag.endswith("-4")
    head = bucket.head_object(address["FileName"])
    assert head.content_length == len(payload)
    assert wait_for_status(client, created.video_id, "Normal") == "Normal"


def test_wrong_secret_is_signature_mismatch(sandbox):
    for v1 in (False, True):
        client = vod_client(sandbox, v1=v1, secret="not-the-secret")
        with pytest.raises(TeaException) as caught:
            client.get_video_info(vod_models.GetVideoInfoRequest(video_id="0" * 32))
        assert caught.value.code == "SignatureDoesNotMatch"
        assert "server string to sign is:" in caught.value.message


def test_wrong_oss_secret_is_rejected_with_string_to_sign(sandbox):
    client = vod_client(sandbox)
    created = client.create_upload_video(vod_models.CreateUploadVideoRequest(title="bad", file_name="x.mp4")).body
    auth = decode(created.upload_auth)
    address = decode(created.upload_address)
    auth["AccessKeySecret"] = "wrong"
    with pytest.raises(oss2.exceptions.OssError) as caught:
        oss_bucket(auth, address).put_object(address["FileName"], b"hello")
    assert caught.value.status == 403
    assert caught.value.code == "SignatureDoesNotMatch"
    assert "PUT\n" in caught.value.details.get("StringToSign", "")


def test_upload_credential_scope(sandbox):
    client = vod_client(sandbox)
    created = client.create_upload_video(vod_models.CreateUploadVideoRequest(title="scope", file_name="x.mp4")).body
    auth = decode(created.upload_auth)
    address = decode(created.upload_address)
    with pytest.raises(oss2.exceptions.OssError) as caught:
        oss_bucket(auth, address).put_object("sv/other/key.mp4", b"hello")
    assert caught.value.code == "AccessDenied"


def test_the_built_sandbox_serves_every_operation():
    # Issue 14's bar, read from the shipped binary's own coverage data: no operation answers Sandbox.Unsupported.
    coverage = json.loads(subprocess.run([BINARY, "sandbox", "--coverage"], capture_output=True, text=True,
                                         check=True).stdout)
    assert len(coverage) == 188
    unsupported = [entry["action"] for entry in coverage if entry["level"] == "unsupported"]
    assert unsupported == [], f"operations that answer Sandbox.Unsupported: {unsupported}"


def test_search_media_and_categories(sandbox):
    client = vod_client(sandbox, v1=True)
    category = client.add_category(vod_models.AddCategoryRequest(cate_name="fidelity")).body.category
    ids = []
    for title in ("alpha one", "beta two"):
        created = client.create_upload_video(
            vod_models.CreateUploadVideoRequest(title=title, file_name="s.mp4", cate_id=category.cate_id)
        ).body
        ids.append(created.video_id)
    found = client.search_media(
        vod_models.SearchMediaRequest(match="Title in ('alpha one','beta two') and CateId = %d" % category.cate_id)
    ).body
    assert found.total == 2
    assert sorted(item.media_id for item in found.media_list) == sorted(ids)
    listed = client.get_video_list(vod_models.GetVideoListRequest(cate_id=category.cate_id, page_size=1)).body
    assert listed.total == 2
    assert len(listed.video_list.video) == 1


def test_search_media_scrolls_past_page_numbers_with_the_token(sandbox):
    # SearchMedia API reference: page numbers reach 5,000 records; audio and video go further with the ScrollToken
    # of the previous page, PageNo advanced with it.
    client = vod_client(sandbox)
    for title in ("scroll one", "scroll two", "scroll three"):
        client.create_upload_video(vod_models.CreateUploadVideoRequest(title=title, file_name="s.mp4"))
    match = "Title in ('scroll one','scroll two','scroll three')"
    first = client.search_media(vod_models.SearchMediaRequest(match=match, page_no=1, page_size=2)).body
    assert first.total == 3 and len(first.media_list) == 2
    assert first.scroll_token
    second = client.search_media(vod_models.SearchMediaRequest(
        match=match, page_no=2, page_size=2, scroll_token=first.scroll_token)).body
    assert len(second.media_list) == 1
    assert {item.media_id for item in first.media_list}.isdisjoint({item.media_id for item in second.media_list})
    with pytest.raises(TeaException) as stale:
        client.search_media(vod_models.SearchMediaRequest(
            match=match, page_no=1, page_size=2, scroll_token=first.scroll_token))
    assert stale.value.code == "InvalidParameter" and "advance PageNo" in stale.value.message
    with pytest.raises(TeaException) as deep:
        client.search_media(vod_models.SearchMediaRequest(match=match, page_no=51, page_size=100))
    assert deep.value.code == "InvalidParameter" and "ScrollToken" in deep.value.message


def test_a_locked_transcode_group_changes_only_its_lock(sandbox):
    # UpdateTranscodeTemplateGroup API reference: a locked group takes no template changes; passing Locked changes
    # only the lock.
    client = vod_client(sandbox)
    group = client.add_transcode_template_group(vod_models.AddTranscodeTemplateGroupRequest(
        name="locked", transcode_template_list=json.dumps([{
            "TemplateName": "sd", "Definition": "SD", "Container": {"Format": "mp4"},
            "Video": {"Codec": "H.264", "Bitrate": "800", "Width": "640", "Height": "360"},
            "Audio": {"Codec": "AAC", "Bitrate": "64"}}]))).body.transcode_template_group_id
    client.update_transcode_template_group(vod_models.UpdateTranscodeTemplateGroupRequest(
        transcode_template_group_id=group, locked="Enabled", name="ignored while locking"))
    shown = client.get_transcode_template_group(vod_models.GetTranscodeTemplateGroupRequest(
        transcode_template_group_id=group)).body.transcode_template_group
    assert shown.locked == "Enabled" and shown.name == "locked"
    with pytest.raises(TeaException) as refused:
        client.update_transcode_template_group(vod_models.UpdateTranscodeTemplateGroupRequest(
            transcode_template_group_id=group, name="renamed"))
    assert refused.value.code == "Forbidden.IllegalStatus" and "Locked=Disabled" in refused.value.message
    with pytest.raises(TeaException):
        client.delete_transcode_template_group(vod_models.DeleteTranscodeTemplateGroupRequest(
            transcode_template_group_id=group))
    client.update_transcode_template_group(vod_models.UpdateTranscodeTemplateGroupRequest(
        transcode_template_group_id=group, locked="Disabled"))
    client.update_transcode_template_group(vod_models.UpdateTranscodeTemplateGroupRequest(
        transcode_template_group_id=group, name="renamed"))
    shown = client.get_transcode_template_group(vod_models.GetTranscodeTemplateGroupRequest(
        transcode_template_group_id=group)).body.transcode_template_group
    assert shown.locked == "Disabled" and shown.name == "renamed"
