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


def run_demo(vod_mcp_bin, tmp_path, *arguments):
    """examples/demo (the POSIX sh script the release archive ships) with nothing but PATH=/usr/bin:/bin."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "VOD_MCP_BIN": vod_mcp_bin}
    return subprocess.run(["/bin/sh", str(ROOT / "examples" / "demo"), *arguments], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)


def test_posix_demo_script_reports_the_play_url(vod_mcp_bin, tmp_path):
    done = run_demo(vod_mcp_bin, tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 responses, 0 errors" in done.stderr
    url = done.stderr.rsplit("Play URL: ", 1)[-1].strip()
    assert url.startswith("http://127.0.0.1:") and "\\/" not in url, done.stderr
    assert len(done.stdout.splitlines()) == 4


def test_posix_demo_script_fails_when_the_session_fails(vod_mcp_bin, tmp_path):
    # The same session, but the upload names a file that does not exist: the tool results are errors and no play URL
    # comes back, so the script must say so and exit non-zero.
    session = (ROOT / "examples" / "upload-and-play.jsonl").read_text().replace('"clip.mp4"', '"no-such-clip.mp4"')
    assert "no-such-clip.mp4" in session
    (tmp_path / "broken.jsonl").write_text(session)
    done = run_demo(vod_mcp_bin, tmp_path, "broken.jsonl")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "did not end with a play URL" in done.stderr


def test_posix_demo_script_names_a_missing_binary(tmp_path):
    done = run_demo(str(tmp_path / "nowhere" / "vod-mcp"), tmp_path)
    assert done.returncode == 2 and "set VOD_MCP_BIN" in done.stderr
