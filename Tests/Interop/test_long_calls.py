"""Long calls versus client timeouts: wait_for_media answers within 25 s by default (still_running with the arguments
to resume), waits longer only when asked, and sends progress at least every 5 s when the request has a progressToken.
The times checked are the ones the server reports (progress values are elapsed seconds), not wall-clock timings."""
import json
import subprocess

ENVELOPE = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def request(i, name, arguments, token=None):
    meta = dict(ENVELOPE, **({"progressToken": token} if token else {}))
    return json.dumps({"jsonrpc": "2.0", "id": i, "method": "tools/call",
                       "params": {"name": name, "arguments": arguments, "_meta": meta}}) + "\n"


def test_wait_for_media_default_answers_within_25_s_with_progress(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"x" * 4096)
    process = subprocess.Popen([vod_mcp_bin, "--sandbox", "--sandbox-transcode-delay", "600"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path, env=clean_env)
    try:
        process.stdin.write(request(1, "upload_media_file", {"FilePath": "clip.mp4"}))
        process.stdin.flush()
        uploaded = json.loads(process.stdout.readline())["result"]
        video = uploaded["structuredContent"]["VideoId"]
        process.stdin.write(request(2, "wait_for_media", {"VideoId": video}, token="w"))
        process.stdin.flush()
        progress = []
        while True:
            message = json.loads(process.stdout.readline())
            if message.get("method") == "notifications/progress":
                assert message["params"]["progressToken"] == "w"
                progress.append(message["params"]["progress"])
                continue
            result = message["result"]
            break
    finally:
        process.stdin.close()
        process.wait(timeout=10)
    structured = result["structuredContent"]
    assert not result["isError"]
    assert structured["status"] == "still_running"
    assert structured["resume"] == {"tool": "wait_for_media", "arguments": {"VideoId": video, "Target": "Normal"}}
    assert structured["elapsedSeconds"] <= 25.5
    # Progress: the first report soon after the start, then never more than 5 s apart, up to the end.
    assert progress and progress[0] <= 5.5, progress
    gaps = [b - a for a, b in zip(progress, progress[1:])]
    assert max(gaps) <= 5.5, progress
    assert structured["elapsedSeconds"] - progress[-1] <= 5.5
    text = result["content"][0]["text"]
    assert "still_running" in text and video in text and "TimeoutSeconds" in text


def test_wait_for_media_waits_longer_only_when_asked(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"x" * 4096)
    process = subprocess.Popen([vod_mcp_bin, "--sandbox", "--sandbox-transcode-delay", "600"], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=tmp_path, env=clean_env)
    try:
        process.stdin.write(request(1, "upload_media_file", {"FilePath": "clip.mp4"}))
        process.stdin.flush()
        video = json.loads(process.stdout.readline())["result"]["structuredContent"]["VideoId"]
        process.stdin.write(request(2, "wait_for_media", {"VideoId": video, "TimeoutSeconds": 2}))
        process.stdin.flush()
        result = json.loads(process.stdout.readline())["result"]
    finally:
        process.stdin.close()
        process.wait(timeout=10)
    assert result["structuredContent"]["status"] == "still_running"
    assert 2 <= result["structuredContent"]["elapsedSeconds"] < 10
