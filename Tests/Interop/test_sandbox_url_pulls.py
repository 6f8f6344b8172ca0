"""Issue 12 item 3 through the built binary: the sandbox's URL pulls and its play URLs.

`vod-mcp sandbox` is driven with Alibaba's official Python SDK; a second group of tests goes through the MCP server
(`vod-mcp --sandbox`, the UploadMediaByURL tool and call_api). A local HTTP server on 127.0.0.1 plays the hostile
source: redirects out of loopback, an endless body, an oversized Content-Length.
"""

import hashlib
import http.server
import json
import os
import socketserver
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_vod20170321 import models as vod_models
from alibabacloud_vod20170321.client import Client as VodClient
from Tea.exceptions import TeaException

from hostile.process import ENVELOPE, LineProcess, Sandbox, binary, clean_env

PULL_LIMIT = 1 << 20
SOURCE = os.urandom(4096)


class Source(http.server.BaseHTTPRequestHandler):
    """Routes: /ok.mp4, /hop -> /ok.mp4, /out -> a non-loopback host, /endless (chunked, never ends), /huge."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        port = self.server.server_address[1]
        if self.path == "/ok.mp4":
            self.send_response(200)
            self.send_header("Content-Length", str(len(SOURCE)))
            self.end_headers()
            self.wfile.write(SOURCE)
        elif self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", "/ok.mp4")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path.startswith("/out"):
            target = {"/out": "http://10.255.255.1/ok.mp4", "/out-name": f"http://127.example.com:{port}/ok.mp4",
                      "/out-file": "file:///proc/self/environ"}[self.path]
            self.send_response(302)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"%x\r\n%s\r\n" % (65536, b"\0" * 65536)
            try:
                for _ in range(20_000):  # 1.3 GB at most, far past the limit
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Length", str(50 * PULL_LIMIT))
            self.end_headers()
            try:
                for _ in range(50 * 16):
                    self.wfile.write(b"\0" * 65536)
            except OSError:
                pass
        else:
            self.send_error(404)


class ThreadedServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


@pytest.fixture(scope="module")
def source():
    server = ThreadedServer(("127.0.0.1", 0), Source)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def box():
    sandbox = Sandbox("--sandbox-transcode-delay", "0.2", "--sandbox-pull-limit", str(PULL_LIMIT))
    yield sandbox
    sandbox.close()


def client(info):
    config = open_api_models.Config(
        access_key_id=info["accessKeyId"], access_key_secret=info["accessKeySecret"],
        endpoint=info["endpoint"].replace("http://", ""), protocol="http", region_id=info["region"],
    )
    return VodClient(config)


def pull(vod, url):
    return vod.upload_media_by_url(vod_models.UploadMediaByURLRequest(upload_urls=urllib.parse.quote(url, safe="")))


def job_outcome(vod, job_id, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        infos = vod.get_urlupload_infos(vod_models.GetURLUploadInfosRequest(job_ids=job_id)).body
        info = infos.urlupload_info_list[0]
        if info.status != "PENDING":
            return info
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} still pending after {timeout}s")


def refused(vod, url):
    started = time.time()
    with pytest.raises(TeaException) as caught:
        pull(vod, url)
    assert time.time() - started < 5, f"{url} took {time.time() - started:.1f}s to refuse"
    return caught.value


def objects_size(info):
    folder = os.path.join(info["stateDirectory"], "objects")
    return sum(os.path.getsize(os.path.join(folder, name)) for name in os.listdir(folder))


@pytest.mark.parametrize("url", [
    "file:///proc/self/environ", "file:///dev/zero", "file:///etc/passwd", "http://127.example.com/a.mp4",
    "http://127.0.0.1.example.com/a.mp4", "http://127.0.0.1@example.com/a.mp4", "http://10.0.0.1/a.mp4",
    "ftp://127.0.0.1/a.mp4",
])
def test_non_loopback_or_non_http_sources_are_refused(box, url):
    error = refused(client(box.info), url)
    assert error.code == "InvalidParameter"
    assert "UploadURLs" in error.message
    assert "loopback" in error.message


def test_fifo_url_is_refused_without_blocking(box):
    folder = tempfile.mkdtemp()
    fifo = os.path.join(folder, "pipe.mp4")
    os.mkfifo(fifo)
    try:
        error = refused(client(box.info), "file://" + fifo)
        assert error.code == "InvalidParameter"
        # The sandbox still answers.
        assert client(box.info).get_categories(vod_models.GetCategoriesRequest()).body.request_id
    finally:
        os.unlink(fifo)
        os.rmdir(folder)


def test_loopback_pull_with_a_redirect_succeeds(box, source):
    vod = client(box.info)
    job = pull(vod, source + "/hop").body.upload_jobs[0]
    info = job_outcome(vod, job.job_id)
    assert info.status == "UPLOAD_SUCCESS", info.error_message
    assert info.file_size == str(len(SOURCE))


@pytest.mark.parametrize("route", ["/out", "/out-name", "/out-file"])
def test_every_redirect_hop_is_checked(box, source, route):
    vod = client(box.info)
    job = pull(vod, source + route).body.upload_jobs[0]
    info = job_outcome(vod, job.job_id)
    assert info.status == "DOWNLOAD_FAIL"
    assert info.error_code in ("SourceNotLoopback", "InvalidURL"), info.error_code
    assert "redirect" in info.error_message
    video = vod.get_video_info(vod_models.GetVideoInfoRequest(video_id=info.media_id)).body.video
    assert video.status == "UploadFail"


@pytest.mark.parametrize("route", ["/endless", "/huge"])
def test_pulls_stop_at_the_size_cap(box, source, route):
    vod = client(box.info)
    before = objects_size(box.info)
    job = pull(vod, source + route).body.upload_jobs[0]
    info = job_outcome(vod, job.job_id)
    assert info.status == "DOWNLOAD_FAIL"
    assert info.error_code == "FileSizeExceeded"
    assert str(PULL_LIMIT) in info.error_message and "--sandbox-pull-limit" in info.error_message
    assert objects_size(box.info) - before <= 0, "the partial body is removed"


def uploaded_video(vod, box):
    import oss2
    import base64

    created = vod.create_upload_video(vod_models.CreateUploadVideoRequest(title="signed", file_name="clip.mp4")).body
    auth = json.loads(base64.b64decode(created.upload_auth))
    address = json.loads(base64.b64decode(created.upload_address))
    bucket = oss2.Bucket(oss2.StsAuth(auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"]),
                         address["Endpoint"], address["Bucket"])
    bucket.put_object(address["FileName"], SOURCE)
    deadline = time.time() + 20
    while time.time() < deadline:
        if vod.get_video_info(vod_models.GetVideoInfoRequest(video_id=created.video_id)).body.video.status == "Normal":
            return created.video_id, address
        time.sleep(0.1)
    raise AssertionError("the video never became Normal")


def status_of(url, method="GET"):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_play_urls_check_auth_key(box):
    vod = client(box.info)
    video_id, address = uploaded_video(vod, box)
    play = vod.get_play_info(vod_models.GetPlayInfoRequest(video_id=video_id, auth_timeout=600)).body
    signed = play.play_info_list.play_info[0].play_url
    assert "auth_key=" in signed
    assert status_of(signed) == (200, SOURCE)

    bare = signed.split("?")[0]
    status, body = status_of(bare)
    assert status == 403 and b"auth_key" in body
    assert status_of(bare, "HEAD")[0] == 403
    timestamp, rand, uid, digest = urllib.parse.parse_qs(urllib.parse.urlparse(signed).query)["auth_key"][0].split("-")
    forged = f"{bare}?auth_key={timestamp}-{rand}-{uid}-{'0' * 32}"
    assert status_of(forged)[0] == 403
    # Another object's signature does not open this one.
    other = f"{box.endpoint}/{address['Bucket']}/sv/other.mp4?auth_key={timestamp}-{rand}-{uid}-{digest}"
    assert status_of(other)[0] == 403

    # Type A computed here from the documented formula with the announced key: md5("URI-timestamp-rand-uid-key").
    path = urllib.parse.urlparse(bare).path
    now = int(time.time())
    mine = hashlib.md5(f"{path}-{now}-abc123-0-{box.info['urlAuthKey']}".encode()).hexdigest()
    assert status_of(f"{bare}?auth_key={now}-abc123-0-{mine}") == (200, SOURCE)
    expired = int(time.time()) - 7200
    old = hashlib.md5(f"{path}-{expired}-abc123-0-{box.info['urlAuthKey']}".encode()).hexdigest()
    assert status_of(f"{bare}?auth_key={expired}-abc123-0-{old}")[0] == 403


def test_secrets_are_not_pulled_through_mcp_tools(tmp_path):
    """The issue's reproduction: UploadMediaByURL and call_api with file:///proc/self/environ under --sandbox."""
    env = clean_env(str(tmp_path), ALIBABA_CLOUD_ACCESS_KEY_SECRET="must-not-leak-" + os.urandom(6).hex())
    server = LineProcess([binary(), "--sandbox"], env=env, cwd=str(tmp_path))
    try:
        calls = [
            ("UploadMediaByURL", {"UploadURLs": "file:///proc/self/environ"}),
            ("call_api", {"Action": "UploadMediaByURL", "Parameters": {"UploadURLs": "file:///proc/self/environ"}}),
            ("UploadMediaByURL", {"UploadURLs": "http://127.example.com/a.mp4"}),
        ]
        for number, (name, arguments) in enumerate(calls, start=1):
            message = {"jsonrpc": "2.0", "id": number, "method": "tools/call",
                       "params": {"name": name, "arguments": arguments, "_meta": dict(ENVELOPE)}}
            answer = server.request(message, timeout=30)
            assert answer is not None, bytes(server.stderr)[-800:]
            result = answer["result"]
            assert result.get("isError") is True, result
            text = json.dumps(result)
            assert "InvalidParameter" in text and "loopback" in text
        listed = server.request({"jsonrpc": "2.0", "id": 99, "method": "tools/call", "params": {
            "name": "GetURLUploadInfos", "arguments": {"UploadURLs": "file:///proc/self/environ"},
            "_meta": dict(ENVELOPE)}}, timeout=30)
        assert "UPLOAD_SUCCESS" not in json.dumps(listed)
    finally:
        server.finish(timeout=10)
