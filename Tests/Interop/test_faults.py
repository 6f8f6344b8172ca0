"""Fault injection: vod-mcp against `vod-mcp sandbox` with throttling, 5xx, resets, timeouts, truncated and garbage
bodies, expired tokens and slow answers.

Each call must end, within its deadline, in a successful retry or an `isError` result carrying the right code and a
hint; a non-idempotent call (CreateUploadVideo) must never run twice, and nothing partial is reported as success.
"""
import http.server
import itertools
import json
import threading
import time

import pytest

from hostile.process import LineProcess, Sandbox, binary, clean_env, modern

TIMEOUT = 2.0  # --timeout given to vod-mcp: each attempt
DEADLINE = 20.0  # what a test accepts for one tool call, retries and backoff included
_ids = itertools.count(1)


@pytest.fixture(scope="module")
def sandbox():
    box = Sandbox("--sandbox-transcode-delay", "0")
    yield box
    box.close()


def start_server(tmp_path, endpoint, access_key_id, secret, *extra, token=None):
    env = clean_env(str(tmp_path), ALIBABA_CLOUD_ACCESS_KEY_ID=access_key_id, ALIBABA_CLOUD_ACCESS_KEY_SECRET=secret)
    if token:
        env["ALIBABA_CLOUD_SECURITY_TOKEN"] = token
    args = [binary(), "--endpoint", endpoint, "--timeout", str(TIMEOUT), "--connect-timeout", "1",
            "--log-level", "info", *extra]
    return LineProcess(args, env=env, cwd=str(tmp_path))


@pytest.fixture()
def server(sandbox, tmp_path):
    sandbox.clear_faults()
    process = start_server(tmp_path, sandbox.endpoint, sandbox.info["accessKeyId"], sandbox.info["accessKeySecret"])
    yield process
    process.kill()
    sandbox.clear_faults()


def call(server, name, arguments, timeout=DEADLINE + 10):
    started = time.monotonic()
    answer = server.request(modern("tools/call", next(_ids), {"name": name, "arguments": arguments}), timeout=timeout)
    elapsed = time.monotonic() - started
    assert answer is not None, f"{name} got no answer within {timeout}s; stderr: {server.stderr.decode()[-2000:]}"
    assert "result" in answer, answer
    return answer["result"], elapsed


def expect_error(result, code, retryable=None):
    assert result["isError"] is True, result
    structured = result["structuredContent"]
    assert structured["code"] == code, structured
    assert structured["hint"].strip(), "an error result needs a hint"
    assert result["content"][0]["text"].startswith(code)
    if retryable is not None:
        assert structured["retryable"] is retryable, structured
    return structured


def create_video(server, title):
    return call(server, "CreateUploadVideo", {"Title": title, "FileName": "clip.mp4"})


def videos_titled(sandbox, title):
    return [v for v in sandbox.state()["Videos"] if v["Title"] == title]


@pytest.fixture()
def video_id(sandbox, server):
    result, _ = create_video(server, "fault-fixture")
    assert result["isError"] is False, result
    return result["structuredContent"]["VideoId"]


# ---- transient faults on a read are retried

@pytest.mark.parametrize("kind", ["throttling", "serverError", "dropConnection", "truncatedBody"])
def test_transient_fault_on_read_is_retried(sandbox, server, video_id, kind):
    sandbox.fault(kind=kind, operations=["GetVideoInfo"], count=2)
    result, elapsed = call(server, "GetVideoInfo", {"VideoId": video_id})
    assert result["isError"] is False, result
    assert result["structuredContent"]["Video"]["VideoId"] == video_id
    assert elapsed < DEADLINE
    assert sandbox.state()["Faults"] == [], "both injected faults were consumed by retries"


def test_slow_answer_within_timeout_succeeds(sandbox, server, video_id):
    sandbox.fault(kind="latency", operations=["GetVideoInfo"], count=1, latencyMilliseconds=700)
    result, elapsed = call(server, "GetVideoInfo", {"VideoId": video_id})
    assert result["isError"] is False, result
    assert 0.6 < elapsed < DEADLINE


def test_timeout_on_read_is_retried(sandbox, server, video_id):
    sandbox.fault(kind="latency", operations=["GetVideoInfo"], count=1, latencyMilliseconds=int(TIMEOUT * 1000 + 1500))
    result, elapsed = call(server, "GetVideoInfo", {"VideoId": video_id})
    assert result["isError"] is False, result
    assert TIMEOUT * 0.9 < elapsed < DEADLINE


# ---- persistent faults end in an isError result with the right code

@pytest.mark.parametrize("kind,code,status,retryable", [
    ("throttling", "Throttling.User", 400, True),
    ("serverError", "InternalError", 500, True),
    ("expiredToken", "InvalidSecurityToken.Expired", 400, False),
])
def test_persistent_fault_on_read_is_an_error_result(sandbox, server, video_id, kind, code, status, retryable):
    sandbox.fault(kind=kind, operations=["GetVideoInfo"], count=None)
    result, elapsed = call(server, "GetVideoInfo", {"VideoId": video_id})
    structured = expect_error(result, code, retryable=retryable)
    assert structured["httpStatus"] == status
    assert structured.get("requestId")
    assert elapsed < DEADLINE
    if retryable:
        assert structured.get("attempts", 1) > 1, "a transient failure on a read is retried before giving up"
    else:
        assert structured.get("attempts", 1) == 1, "a non-transient failure is not retried"


@pytest.mark.parametrize("kind,code", [("dropConnection", "Network.Reset"), ("latency", "Network.Timeout"),
                                       ("truncatedBody", None)])
def test_persistent_network_fault_on_read_is_an_error_result(sandbox, server, video_id, kind, code):
    sandbox.fault(kind=kind, operations=["GetVideoInfo"], count=None, latencyMilliseconds=int(TIMEOUT * 1000 + 1000))
    result, elapsed = call(server, "GetVideoInfo", {"VideoId": video_id})
    assert result["isError"] is True, result
    structured = result["structuredContent"]
    assert structured["code"].startswith(("Network.", "Response.")), structured
    if code:
        assert structured["code"] == code, structured
    assert structured["hint"].strip()
    assert elapsed < DEADLINE + TIMEOUT


# ---- a write is never executed twice

@pytest.mark.parametrize("kind", ["dropConnection", "truncatedBody", "serverError", "latency"])
def test_write_is_not_repeated_after_an_ambiguous_failure(sandbox, server, kind):
    title = f"once-{kind}"
    sandbox.fault(kind=kind, operations=["CreateUploadVideo"], count=3, latencyMilliseconds=int(TIMEOUT * 1000 + 1500))
    result, elapsed = create_video(server, title)
    time.sleep(TIMEOUT + 1.6)  # let a delayed answer land, so a late duplicate would show
    created = videos_titled(sandbox, title)
    assert result["isError"] is True, f"{kind} on a write must not be reported as success: {result}"
    assert len(created) <= 1, f"CreateUploadVideo ran {len(created)} times after {kind}"
    structured = result["structuredContent"]
    assert structured["hint"].strip()
    assert structured.get("attempts", 1) == 1, f"a write that may have reached the server is not retried: {structured}"
    assert elapsed < DEADLINE + TIMEOUT
    sandbox.clear_faults()
    if kind != "serverError":
        assert len(created) == 1, "the sandbox acted before the fault; the fixture should have created exactly one"


def test_write_is_retried_when_the_server_proved_it_did_not_act(sandbox, server):
    title = "throttled-once"
    sandbox.fault(kind="throttling", operations=["CreateUploadVideo"], count=1)
    result, _ = create_video(server, title)
    assert result["isError"] is False, result
    assert len(videos_titled(sandbox, title)) == 1


# ---- garbage answers (a fake endpoint: the sandbox cannot send these)

class GarbageHandler(http.server.BaseHTTPRequestHandler):
    responses: list = []
    hits = 0

    def _answer(self):
        type(self).hits += 1
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        status, content_type, body = self.responses[min(self.hits - 1, len(self.responses) - 1)]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture()
def garbage():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GarbageHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    GarbageHandler.hits = 0
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("status,content_type,body,code", [
    (200, "application/json", b"\x00\xffnot json at all", "Response.Malformed"),
    (200, "application/json", b'{"RequestId": "abc", "Video": {', "Response.Malformed"),
    (502, "text/html", b"<html><body>Bad gateway</body></html>", "HTTP.502"),
    (503, "application/json", b'{"Code":"ServiceUnavailable","Message":"busy","RequestId":"r1"}', "ServiceUnavailable"),
])
def test_garbage_body_is_an_error_result(tmp_path, garbage, status, content_type, body, code):
    GarbageHandler.responses = [(status, content_type, body)]
    endpoint = f"http://127.0.0.1:{garbage.server_address[1]}"
    process = start_server(tmp_path, endpoint, "LTAIgarbagetest", "garbage-secret-value")
    try:
        result, elapsed = call(process, "GetVideoInfo", {"VideoId": "0123456789abcdef0123456789abcdef"})
        expect_error(result, code)
        assert elapsed < DEADLINE
        if code == "Response.Malformed":
            assert GarbageHandler.hits == 1, "a 200 with an unreadable body is not a transient failure"
    finally:
        process.kill()


def test_garbage_then_good_answer_on_read(tmp_path, garbage):
    good = json.dumps({"RequestId": "r2", "Video": {"VideoId": "v1", "Title": "ok", "Status": "Normal"}}).encode()
    GarbageHandler.responses = [(500, "text/plain", b"\xde\xad\xbe\xef"), (200, "application/json", good)]
    endpoint = f"http://127.0.0.1:{garbage.server_address[1]}"
    process = start_server(tmp_path, endpoint, "LTAIgarbagetest", "garbage-secret-value")
    try:
        result, _ = call(process, "GetVideoInfo", {"VideoId": "0123456789abcdef0123456789abcdef"})
        assert result["isError"] is False, result
        assert GarbageHandler.hits == 2
    finally:
        process.kill()


# ---- chaos: random faults on every operation, every call still ends

def test_random_faults_every_call_ends(sandbox, server, video_id):
    kinds = ["throttling", "serverError", "dropConnection", "truncatedBody", "latency"]
    for kind in kinds:
        sandbox.fault(kind=kind, rate=0.15, count=None, latencyMilliseconds=300)
    outcomes = {"ok": 0, "error": 0}
    for index in range(12):
        name, args = [("GetVideoInfo", {"VideoId": video_id}), ("GetVideoPlayAuth", {"VideoId": video_id}),
                      ("SearchMedia", {"SearchType": "video"}), ("GetCategories", {})][index % 4]
        result, elapsed = call(server, name, args)
        assert elapsed < DEADLINE + TIMEOUT
        if result["isError"]:
            assert result["structuredContent"]["code"] and result["structuredContent"]["hint"]
            outcomes["error"] += 1
        else:
            outcomes["ok"] += 1
    sandbox.clear_faults()
    assert server.proc.poll() is None
    assert outcomes["ok"] > 0
