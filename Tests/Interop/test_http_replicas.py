"""Two `vod-mcp serve --http` replicas behind a round-robin proxy serve one client of the official MCP Python SDK:
every POST may land on either process, and a confirmation started on one replica is finished on the other because
both seal `requestState` with the same VOD_MCP_HTTP_SECRET."""
import http.client
import http.server
import itertools
import threading

import anyio
import mcp_types as types
import pytest
from mcp import Client

from test_http_transport import VERSION, start

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class RoundRobinProxy:
    """Sends each HTTP request to the next backend in turn and streams the answer back (SSE included)."""

    def __init__(self, backends):
        self.turn = itertools.cycle(range(len(backends)))
        self.lock = threading.Lock()
        self.hits = [0] * len(backends)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection; the end of a streamed answer is the close

            def log_message(self, *args):
                pass

            def forward(self):
                with proxy.lock:
                    index = next(proxy.turn)
                    proxy.hits[index] += 1
                host, port = backends[index]
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
                upstream = http.client.HTTPConnection(host, port, timeout=30)
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP:
                        self.send_header(key, value)
                self.send_header("Connection", "close")
                self.end_headers()
                while chunk := response.read1(65536):
                    self.wfile.write(chunk)
                    self.wfile.flush()
                upstream.close()

            do_POST = do_GET = do_DELETE = forward

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/mcp"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def replicas(vod_mcp_bin, clean_env, tmp_path, secrets):
    started = []
    for index, secret in enumerate(secrets):
        env = dict(clean_env, VOD_MCP_HTTP_SECRET=secret)
        directory = tmp_path / f"replica{index}"
        directory.mkdir()
        started.append(start(vod_mcp_bin, env, directory))
    return started


def stop(processes):
    for instance in processes:
        instance.process.terminate()
        instance.process.wait(timeout=10)


def confirm_through(url):
    asked = []

    async def on_elicit(context, params):
        asked.append(params.message)
        return types.ElicitResult(action="decline")

    async def scenario():
        async with Client(url, mode="auto", elicitation_callback=on_elicit) as client:
            assert client.protocol_version == VERSION
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert "test_sleep" in names
            result = await client.call_tool("test_sleep", {"Steps": 2, "StepMilliseconds": 10})
            assert result.structured_content == {"steps": 2}
            return await client.call_tool("DeleteVideo", {"VideoIds": "0123456789abcdef0123456789abcdef"}), asked

    return anyio.run(scenario)


def test_two_replicas_serve_one_client(vod_mcp_bin, clean_env, tmp_path):
    secret = "replica-secret-" + "s" * 24
    processes = replicas(vod_mcp_bin, clean_env, tmp_path, [secret, secret])
    proxy = RoundRobinProxy([(p.host, p.port) for p in processes])
    try:
        result, asked = confirm_through(proxy.url)
        assert len(asked) == 1
        # The decline was checked against a requestState sealed by the other replica (round robin alternates).
        assert result.is_error and "Safety.ConfirmationDeclined" in result.content[0].text, result.content[0].text
        assert min(proxy.hits) >= 2, f"both replicas must have served requests: {proxy.hits}"
    finally:
        proxy.close()
        stop(processes)


def test_replicas_with_different_secrets_refuse_each_others_state(vod_mcp_bin, clean_env, tmp_path):
    processes = replicas(vod_mcp_bin, clean_env, tmp_path, ["a" * 32, "b" * 32])
    proxy = RoundRobinProxy([(p.host, p.port) for p in processes])
    try:
        try:
            result, asked = confirm_through(proxy.url)
        except Exception as error:  # a JSON-RPC error for the forged state
            assert "requestState" in str(error)
        else:
            text = result.content[0].text
            assert result.is_error and "requestState" in text and "ConfirmationDeclined" not in text, text
    finally:
        proxy.close()
        stop(processes)


def test_short_secret_is_refused(vod_mcp_bin, clean_env):
    import subprocess
    env = dict(clean_env, VOD_MCP_HTTP_SECRET="too-short")
    result = subprocess.run([vod_mcp_bin, "serve", "--http", "127.0.0.1:0", "--sandbox"], env=env,
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
    assert result.returncode != 0 and b"VOD_MCP_HTTP_SECRET must be at least 32 characters" in result.stderr
