"""upload_media_file answers within its time limit (issue 11, item 4): an upload that outlasts `TimeoutSeconds` goes on
in the background, the call answers `still_running` with the VideoId, the bytes sent and the arguments that join it; the
same call again joins the running upload (never a second upload, never a second VideoId), also when two calls for one
file arrive together or the first was cancelled; after a restart the resume arguments continue from the checkpoint.

The sandbox is made slow with VOD_MCP_SANDBOX_UPLOAD_DELAY_MS (every PutObject/UploadPart answers that late), so no
assertion depends on how fast this machine is: the delays only make the upload outlast a 1 s limit."""
import json
import signal
import subprocess

from contract import contract_problems, text_problems, tool_schemas
from journeys import Session, text_of

from hostile.process import ENVELOPE

SIZE = 4096


def start(binary, tmp_path, clean_env, delay_ms, *extra, **env):
    environment = dict(clean_env, VOD_MCP_SANDBOX_UPLOAD_DELAY_MS=str(delay_ms), **env)
    return Session(binary, ["--sandbox", "--sandbox-transcode-delay", "0", *extra], cwd=tmp_path, env=environment)


def send(session, message):
    """Writes one JSON-RPC message without waiting for its answer."""
    session.process.stdin.write(json.dumps(message) + "\n")
    session.process.stdin.flush()


def upload_request(request_id, meta=ENVELOPE):
    return {"jsonrpc": "2.0", "id": request_id, "method": "tools/call",
            "params": {"name": "upload_media_file", "arguments": {"FilePath": "clip.mp4", "TimeoutSeconds": 600},
                       "_meta": meta}}


def videos(session):
    listed = session.call("call_api", {"Action": "GetVideoList", "Parameters": "{}"})
    assert not listed["isError"], text_of(listed)
    return [video["VideoId"] for video in listed["structuredContent"]["VideoList"]["Video"]]


def finish(session, first, video, schemas, calls=60):
    """Calls the resume arguments until the upload is done; every still_running answer names the same VideoId, and
    every answer holds to the tool's outputSchema and says in its text what its structuredContent says."""
    result = first
    for _ in range(calls):
        problems = contract_problems(schemas, "upload_media_file", result) + text_problems("upload_media_file", result)
        assert problems == [], problems
        structured = result["structuredContent"]
        if structured.get("status") != "still_running":
            return result
        assert structured["VideoId"] == video, structured
        resume = structured["resume"]
        assert resume["tool"] == "upload_media_file"
        result = session.call(resume["tool"], resume["arguments"])
        assert not result["isError"], text_of(result)
    raise AssertionError(f"still running after {calls} calls: {result}")


def test_still_running_then_the_resume_arguments_finish_the_same_upload(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"x" * SIZE)
    session = start(vod_mcp_bin, tmp_path, clean_env, 3000)
    try:
        first = session.call("upload_media_file", {"FilePath": "clip.mp4", "Title": "slow", "TimeoutSeconds": 1})
        assert not first["isError"], text_of(first)
        structured = first["structuredContent"]
        assert structured["status"] == "still_running", structured
        video = structured["VideoId"]
        assert video and structured["MediaId"] == video
        assert structured["Size"] == SIZE and 0 <= structured["BytesDone"] <= SIZE
        assert structured["resume"] == {"tool": "upload_media_file", "arguments": {
            "FilePath": "clip.mp4", "Title": "slow", "TimeoutSeconds": 1, "Resume": True}}
        # A text-only client can act on it: the status, the VideoId and the call to make are in the text.
        text = text_of(first)
        assert "still_running" in text and video in text and '"FilePath":"clip.mp4"' in text.replace(" ", ""), text

        done = finish(session, first, video, tool_schemas(vod_mcp_bin, clean_env))
        final = done["structuredContent"]
        assert final["VideoId"] == video and final["Size"] == SIZE and final["Verified"] is True, final
        assert "status" not in final  # only an unfinished upload carries one (still_running)
        info = session.call("GetVideoInfo", {"VideoId": video})
        assert not info["isError"], text_of(info)
        assert info["structuredContent"]["Video"]["Title"] == "slow"
        assert videos(session) == [video]
    finally:
        session.close()


def test_two_calls_for_one_file_share_one_upload(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"y" * SIZE)
    session = start(vod_mcp_bin, tmp_path, clean_env, 2000)
    try:
        send(session, upload_request(101))
        send(session, upload_request(102))
        answers = {}
        while len(answers) < 2:
            message = json.loads(session.process.stdout.readline())
            if message.get("id") in (101, 102):
                answers[message["id"]] = message["result"]
        for result in answers.values():
            assert not result["isError"], text_of(result)
            assert result["structuredContent"]["Size"] == SIZE
        ids = {result["structuredContent"]["VideoId"] for result in answers.values()}
        assert len(ids) == 1, answers
        assert videos(session) == list(ids)
    finally:
        session.close()


def test_a_cancelled_call_leaves_the_upload_running(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"z" * SIZE)
    session = start(vod_mcp_bin, tmp_path, clean_env, 5000)
    try:
        send(session, upload_request(201, dict(ENVELOPE, progressToken="up")))
        # Once the server reports progress the upload is running (the VideoId is in the message); then cancel.
        while True:
            message = json.loads(session.process.stdout.readline())
            assert message.get("id") != 201, f"answered before the upload could be cancelled: {message}"
            if message.get("method") == "notifications/progress" and "VideoId" in message["params"].get("message", ""):
                assert message["params"]["progressToken"] == "up"
                break
        video = message["params"]["message"].split("VideoId ")[1].split(":")[0]
        send(session, {"jsonrpc": "2.0", "method": "notifications/cancelled",
                       "params": {"requestId": 201, "reason": "user"}})
        done = session.call("upload_media_file", {"FilePath": "clip.mp4", "TimeoutSeconds": 600})
        assert not done["isError"], text_of(done)
        assert done["structuredContent"]["VideoId"] == video
        assert done["structuredContent"]["Size"] == SIZE
        assert videos(session) == [video]
    finally:
        session.close()


def test_after_a_restart_the_resume_arguments_continue_the_checkpointed_upload(vod_mcp_bin, clean_env, tmp_path):
    # Multipart (three parts of 100 KiB, one at a time) so the upload keeps a checkpoint.
    (tmp_path / "clip.mp4").write_bytes(bytes(range(256)) * 1200)
    state = tmp_path / "sandbox-state"
    multipart = {"VOD_MCP_UPLOAD_THRESHOLD": "0", "VOD_MCP_UPLOAD_PART_SIZE": str(100 * 1024)}
    args = ("--sandbox-dir", str(state), "--upload-concurrency", "1")
    session = start(vod_mcp_bin, tmp_path, clean_env, 2000, *args, **multipart)
    try:
        first = session.call("upload_media_file", {"FilePath": "clip.mp4", "TimeoutSeconds": 1})
        structured = first["structuredContent"]
        assert structured["status"] == "still_running", structured
        video = structured["VideoId"]
    finally:
        session.process.send_signal(signal.SIGTERM)
        try:
            session.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            session.process.kill()
            session.process.wait()
    session = start(vod_mcp_bin, tmp_path, clean_env, 0, *args, **multipart)
    try:
        resume = structured["resume"]
        done = session.call(resume["tool"], dict(resume["arguments"], TimeoutSeconds=600))
        assert not done["isError"], text_of(done)
        final = done["structuredContent"]
        assert final["VideoId"] == video and final["Size"] == 307200 and final["Multipart"] is True, final
        assert videos(session) == [video]
    finally:
        session.close()


def test_a_bad_upload_delay_is_refused_naming_the_variable(vod_mcp_bin, clean_env, tmp_path):
    environment = dict(clean_env, VOD_MCP_SANDBOX_UPLOAD_DELAY_MS="slow")
    finished = subprocess.run([vod_mcp_bin, "--sandbox"], input="", capture_output=True, text=True, cwd=tmp_path,
                              env=environment, timeout=30)
    assert finished.returncode != 0 and finished.stdout == ""
    assert "VOD_MCP_SANDBOX_UPLOAD_DELAY_MS must be a whole number of milliseconds" in finished.stderr, finished.stderr
