"""The README's quick-start session: the example script uploads a file and gets a play URL on the sandbox."""
import json
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_example_session_ends_with_play_url(vod_mcp_bin, clean_env):
    script = (ROOT / "examples" / "upload-and-play.jsonl").read_text()
    done = subprocess.run([vod_mcp_bin, "--sandbox", "--sequential"], input=script, cwd=ROOT / "examples",
                          env=clean_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    replies = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in replies] == [1, 2, 3, 4]
    assert not any("error" in r or r["result"].get("isError") for r in replies), done.stdout
    upload = replies[1]["result"]["structuredContent"]
    assert upload["Verified"] is True and upload["Size"] == (ROOT / "examples" / "clip.mp4").stat().st_size
    assert replies[2]["result"]["structuredContent"]["status"] == "reached"
    play = replies[3]["result"]["structuredContent"]["PlayInfoList"]["PlayInfo"]
    assert play and play[0]["PlayURL"].startswith("http://127.0.0.1:")
    assert "sandbox" in done.stderr
