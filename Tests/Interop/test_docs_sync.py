"""`vod-mcp docs sync` against a loopback copy of llms/, then the server serves the cache."""
import functools
import http.server
import json
import pathlib
import subprocess
import threading

ROOT = pathlib.Path(__file__).resolve().parents[2]


def serve_directory(directory):
    handler = type("QuietHandler", (http.server.SimpleHTTPRequestHandler,), {"log_message": lambda *args: None})
    handler = functools.partial(handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_sync_then_serve_cache(vod_mcp_bin, clean_env, tmp_path):
    server = serve_directory(ROOT / "llms")
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/llms.txt"
        done = subprocess.run([vod_mcp_bin, "docs", "sync", "--index-url", url], env=clean_env,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        cache = pathlib.Path(clean_env["HOME"]) / ".cache" / "vod-mcp" / "llms"
        assert (cache / "llms.txt").read_text() == (ROOT / "llms" / "llms.txt").read_text()
        assert (cache / "API Reference" / "GetVideoInfo.md").exists()
        again = subprocess.run([vod_mcp_bin, "docs", "sync", "--index-url", url], env=clean_env,
                               capture_output=True, text=True, timeout=120)
        assert again.returncode == 0 and "0 added" in again.stdout.replace(",", ""), again.stdout
    finally:
        server.shutdown()

    request = {"jsonrpc": "2.0", "id": 1, "method": "resources/read",
               "params": {"uri": "vod://docs/llms.txt", "_meta": {
                   "io.modelcontextprotocol/protocolVersion": "2026-07-28",
                   "io.modelcontextprotocol/clientCapabilities": {}}}}
    out = subprocess.run([vod_mcp_bin], input=json.dumps(request) + "\n", env=clean_env,
                         capture_output=True, text=True, timeout=30)
    reply = json.loads(out.stdout.splitlines()[0])
    assert reply["result"]["contents"][0]["_meta"]["vod-mcp/source"].startswith("cache:")

    offline = subprocess.run([vod_mcp_bin, "docs", "sync", "--index-url", "http://127.0.0.1:9/llms.txt"],
                             env=clean_env, capture_output=True, text=True, timeout=60)
    assert offline.returncode == 1
    assert "keeps serving" in offline.stderr
    assert (cache / "llms.txt").exists()
