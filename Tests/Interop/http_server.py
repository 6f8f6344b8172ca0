"""Starting `vod-mcp serve --http` for the HTTP interop tests (no MCP client library needed, so every client venv
can use it)."""
import http.client
import json
import re
import subprocess
import time

import pytest


class HTTPServer:
    def __init__(self, process, log, host, port):
        self.process, self.log, self.host, self.port = process, log, host, port

    @property
    def url(self):
        return f"http://{self.host}:{self.port}/mcp"

    def connection(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=10)

    def post(self, body, headers=None, raw=None):
        conn = self.connection()
        try:
            conn.request("POST", "/mcp", body=raw if raw is not None else json.dumps(body), headers=headers or {})
            response = conn.getresponse()
            data = response.read()
            return response.status, dict(response.getheaders()), data
        finally:
            conn.close()


def start(vod_mcp_bin, env, tmp_path, *extra):
    log = tmp_path / "stderr.log"
    process = subprocess.Popen(
        [vod_mcp_bin, "serve", "--http", "127.0.0.1:0", "--sandbox", "--test-tools", *extra],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log.open("wb"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        match = re.search(r"serving MCP over HTTP at http://([0-9.]+):(\d+)/mcp", log.read_text(errors="replace"))
        if match:
            return HTTPServer(process, log, match.group(1), int(match.group(2)))
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"vod-mcp --http did not print its address; stderr:\n{log.read_text(errors='replace')}")


def stop(instance):
    """Stops a started server and checks it wrote nothing on stdout."""
    instance.process.terminate()
    try:
        instance.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        instance.process.kill()
    assert instance.process.stdout.read() == b"", "an HTTP server writes nothing on stdout"
