"""Boundaries of the built binary under hostile peers and hostile local files (issue 12).

- An endpoint that answers with a 500 MB body or an endless chunked body: the call fails with
  Network.ResponseTooLarge after one request (no retry) and peak RSS stays under 100 MB.
- An endpoint that echoes the STS token, the AccessKey secret and the request signature back in RequestId and in
  success bodies: none of it appears in anything vod-mcp prints.
- upload_media_file while the file is swapped for a FIFO, or its folder for a symlink to an outside folder: the
  server never wedges (ping answers, end of input ends it) and never uploads the outside file.
- A file name of 50 CJK characters: the dry run shows the Title the real call sends, and the real call succeeds.
"""
import collections
import json
import os
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from hostile.process import ENVELOPE, LineProcess, Sandbox, binary, clean_env, modern

TOKEN = "HostileSTS/Token+Value=0xT0KEN77"
SECRET = "HostileSecret0x5EC12E7qq"
PEAK_LIMIT = 100 << 20


class HostileEndpoint:
    """A loopback 'VOD endpoint' whose behaviour the test picks: huge, endless, echo-ok, echo-error."""

    def __init__(self):
        self.mode = "echo-ok"
        self.requests = 0
        self.signatures: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.handle_any()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                self.handle_any()

            def handle_any(self):
                outer.requests += 1
                query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query))
                signature = query.get("Signature") or self.headers.get("Authorization", "").rsplit("Signature=", 1)[-1]
                outer.signatures.append(signature)
                mode = outer.mode
                if mode in ("huge", "endless"):
                    self.close_connection = True
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    if mode == "huge":
                        self.send_header("Content-Length", str(500 << 20))
                    else:
                        self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    block = b'{"RequestId":"' + b"x" * (1 << 16)
                    try:
                        while True:
                            self.wfile.write(block if mode == "huge" else b"%x\r\n%s\r\n" % (len(block), block))
                    except OSError:
                        return
                echoed = {"Token": query.get("SecurityToken"), "Signature": signature, "Secret": SECRET,
                          "Encoded": urllib.parse.quote(TOKEN, safe="")}
                if mode == "echo-ok":
                    body = json.dumps({"RequestId": TOKEN, "VideoBase": {"VideoId": "v", "Title": "t"}, "Echo": echoed})
                    body = body[:-1] + ', "Escaped": "%s"}' % TOKEN.replace("/", "\\/")
                    status = 200
                else:
                    body = json.dumps({"RequestId": TOKEN, "HostId": TOKEN, "Code": "Echo.Failure",
                                       "Message": "echo " + json.dumps(echoed)})
                    status = 400
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.endpoint = "http://127.0.0.1:%d" % self.server.server_address[1]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def endpoint():
    server = HostileEndpoint()
    yield server
    server.close()


def peak_rss(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def start(endpoint_url: str, home, *args: str, env_extra: dict | None = None) -> LineProcess:
    env = clean_env(str(home), ALIBABA_CLOUD_ACCESS_KEY_ID="STS.hostile", ALIBABA_CLOUD_ACCESS_KEY_SECRET=SECRET,
                    ALIBABA_CLOUD_SECURITY_TOKEN=TOKEN, **(env_extra or {}))
    return LineProcess([binary(), "--endpoint", endpoint_url, "--log-level", "trace", *args], env=env, cwd=str(home))


def call(server: LineProcess, id_: int, name: str, arguments: dict, timeout: float = 60):
    answer = server.request(modern("tools/call", id_, {"name": name, "arguments": arguments}), timeout=timeout)
    assert answer is not None, f"{name} not answered; stderr {bytes(server.stderr)[-600:]!r}"
    return answer["result"]


@pytest.mark.parametrize("mode", ["huge", "endless"])
def test_oversized_bodies_are_cut_once_in_bounded_memory(endpoint, tmp_path, mode):
    endpoint.mode = mode
    server = start(endpoint.endpoint, tmp_path, "--timeout", "120")
    try:
        result = call(server, 1, "GetVideoInfo", {"VideoId": "0123456789abcdef0123456789abcdef"}, timeout=120)
        peak = peak_rss(server.proc.pid)
    finally:
        server.finish()
    text = json.dumps(result)
    assert result.get("isError") is True
    assert "Network.ResponseTooLarge" in text
    assert str(16 << 20) in text, "the error does not name the cap"
    assert endpoint.requests == 1, f"the oversized answer was requested {endpoint.requests} times"
    print(f"\n{mode}: peak RSS {peak / 1048576:.1f} MiB")
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 1048576:.1f} MiB"


def leaked_forms(signatures: list[str]) -> set[str]:
    values = {TOKEN, SECRET, *[s for s in signatures if len(s) >= 8]}
    forms = set()
    for value in values:
        forms |= {value, urllib.parse.quote(value, safe=""), json.dumps(value)[1:-1], value.replace("/", "\\/")}
    return forms


@pytest.mark.parametrize("mode", ["echo-ok", "echo-error"])
@pytest.mark.parametrize("signature_version", ["v1", "v3"])
def test_secrets_echoed_by_the_endpoint_never_leave(endpoint, tmp_path, mode, signature_version):
    endpoint.mode = mode
    server = start(endpoint.endpoint, tmp_path, "--signature-version", signature_version)
    try:
        result = call(server, 1, "GetVideoInfo", {"VideoId": "0123456789abcdef0123456789abcdef"})
        call(server, 2, "call_api", {"Action": "GetVideoInfo", "Parameters": {"VideoId": "v"}})
    finally:
        server.finish()
    assert endpoint.signatures, "the endpoint saw no request"
    printed = b"\n".join(server.lines).decode() + bytes(server.stderr).decode("utf-8", "replace")
    for form in leaked_forms(endpoint.signatures):
        assert form not in printed, f"{form!r} leaked"
    assert "<redacted>" in json.dumps(result)


def sandbox_env(box: Sandbox, home) -> dict:
    return clean_env(str(home), ALIBABA_CLOUD_ACCESS_KEY_ID=box.info["accessKeyId"],
                     ALIBABA_CLOUD_ACCESS_KEY_SECRET=box.info["accessKeySecret"], XDG_STATE_HOME=str(home / "state"))


class Swapper(threading.Thread):
    def __init__(self, swap, restore):
        super().__init__(daemon=True)
        self.swap, self.restore, self.stopped = swap, restore, threading.Event()

    def run(self):
        while not self.stopped.is_set():
            self.swap()
            time.sleep(0.002)
            self.restore()
            time.sleep(0.002)

    def stop(self):
        self.stopped.set()
        self.join(5)


@pytest.mark.parametrize("attack", ["fifo", "symlink"])
def test_uploads_racing_a_swap_never_wedge_or_escape(tmp_path, attack):
    box = Sandbox("--sandbox-transcode-delay", "0")
    work = tmp_path / "work"
    outside = tmp_path / "outside"
    (work / "sub").mkdir(parents=True)
    outside.mkdir()
    inside_size, outside_size = 40_000, 30_000
    (work / "sub" / "clip.mp4").write_bytes(b"I" * inside_size)
    (outside / "clip.mp4").write_bytes(b"O" * outside_size)
    os.mkfifo(work / "clip.fifo")
    sub, real, clip = str(work / "sub"), str(work / "sub.real"), str(work / "sub" / "clip.mp4")

    if attack == "fifo":
        swapper = Swapper(lambda: (os.rename(clip, clip + ".real"), os.rename(str(work / "clip.fifo"), clip)),
                          lambda: (os.rename(clip, str(work / "clip.fifo")), os.rename(clip + ".real", clip)))
    else:
        swapper = Swapper(lambda: (os.rename(sub, real), os.symlink(str(outside), sub)),
                          lambda: (os.unlink(sub), os.rename(real, sub)))
    server = LineProcess([binary(), "--endpoint", box.endpoint, "--workdir", str(work)], env=sandbox_env(box, tmp_path),
                         cwd=str(work))
    outcomes = []
    try:
        swapper.start()
        for index in range(1, 31):
            result = call(server, index, "upload_media_file", {"FilePath": "sub/clip.mp4"}, timeout=30)
            structured = result.get("structuredContent") or {}
            if result.get("isError"):
                outcomes.append(structured.get("code") or json.dumps(result)[:200])
            else:
                assert structured.get("Size") == inside_size, f"uploaded something else: {structured}"
                outcomes.append("ok")
            # Any answer shows the reader is alive (the modern era has no ping method; the answer is an error).
            pong = server.request(modern("ping", 1000 + index), timeout=10)
            assert pong is not None, "a request went unanswered: the server is wedged"
    finally:
        swapper.stop()
        code = server.finish(timeout=20)
        box.close()
    print(f"\n{attack}: {collections.Counter(outcomes)}")
    assert code is not None, "the server ignored end of input"
    assert all(o == "ok" or "Upload.FileNotFound" in o or "Upload.OutsideWorkdir" in o for o in outcomes), outcomes


def test_a_long_cjk_file_name_makes_a_title_the_real_call_accepts(tmp_path):
    box = Sandbox("--sandbox-transcode-delay", "0")
    work = tmp_path / "work"
    work.mkdir()
    name = "视频" * 25 + ".mp4"
    (work / name).write_bytes(b"\0" * 2000)
    server = LineProcess([binary(), "--endpoint", box.endpoint, "--workdir", str(work)], env=sandbox_env(box, tmp_path),
                         cwd=str(work))
    try:
        dry = call(server, 1, "upload_media_file", {"FilePath": name, "DryRun": True})
        real = call(server, 2, "upload_media_file", {"FilePath": name})
        too_long = call(server, 3, "upload_media_file", {"FilePath": name, "Title": "长" * 43, "DryRun": True})
    finally:
        server.finish()
        box.close()
    title = dry["structuredContent"]["Title"]
    assert 120 < len(title.encode()) <= 128 and ("视频" * 25).startswith(title)
    assert not real.get("isError"), real
    assert too_long.get("isError") and "128" in json.dumps(too_long, ensure_ascii=False)


@pytest.mark.parametrize("change", ["grow", "shrink"])
@pytest.mark.parametrize("multipart", [False, True])
def test_a_file_changing_after_create_upload_names_and_removes_the_video(tmp_path, change, multipart):
    box = Sandbox("--sandbox-transcode-delay", "0")
    work = tmp_path / "work"
    work.mkdir()
    path = work / "changing.mp4"
    size = 3 * (256 << 10) + 100 if multipart else 200_000
    path.write_bytes(os.urandom(size))
    env = sandbox_env(box, tmp_path)
    env.update({"VOD_MCP_UPLOAD_PART_SIZE": str(256 << 10), "VOD_MCP_UPLOAD_THRESHOLD": str(512 << 10)})
    server = LineProcess([binary(), "--endpoint", box.endpoint, "--workdir", str(work)], env=env, cwd=str(work))
    try:
        # Started and reading before the clock runs (any answer will do).
        assert server.request(modern("ping", 99), timeout=30) is not None
        box.fault(kind="latency", operations=["CreateUploadVideo"], count=1, latencyMilliseconds=1500)
        server.send(modern("tools/call", 1, {"name": "upload_media_file", "arguments": {"FilePath": "changing.mp4"}}))
        time.sleep(0.6)
        if change == "grow":
            with open(path, "ab") as f:
                f.write(b"\1" * 5000)
        else:
            os.truncate(path, 1000)
        answer = server.response(1, timeout=60)
        assert answer is not None, bytes(server.stderr)[-600:]
        result = answer["result"]
        videos = box.state().get("Videos", [])
    finally:
        server.finish()
        box.close()
    structured = result.get("structuredContent") or {}
    assert result.get("isError") is True, result
    assert structured["code"] == "Upload.FileChanged", structured
    assert structured["retryable"] is False
    video_id = structured.get("VideoId")
    assert video_id, "the error does not name the VideoId"
    assert structured.get("MediaDisposition") == "deleted"
    assert video_id in structured["message"]
    assert ("grew" if change == "grow" else "shrank") in structured["message"]
    assert all(v.get("VideoId") != video_id for v in videos), "the half-uploaded video was left behind"
