"""Two `vod-mcp serve --http` replicas behind a round-robin proxy serve one client of the official MCP Python SDK in
each era: every POST may land on either process, and a confirmation started on one replica is finished on the other
because both seal `requestState` and `Mcp-Session-Id` with the same VOD_MCP_HTTP_SECRET."""
import http.client
import http.server
import itertools
import json
import threading

import anyio
import mcp_types as types
import pytest
from mcp import Client

from test_http_transport import VERSION, start
from test_http_sessions import VIDEO, initialize, rpc, session_headers

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


class RoundRobinProxy:
    """Sends each HTTP request to the next backend in turn and streams the answer back (SSE included)."""

    def __init__(self, backends):
        # POSTs alternate strictly among themselves, so consecutive messages of one client land on different
        # replicas whatever GETs (the SDK retries its standalone stream) come between.
        self.turns = {"POST": itertools.cycle(range(len(backends)))}
        self.other_turn = itertools.cycle(range(len(backends)))
        self.lock = threading.Lock()
        self.hits = [0] * len(backends)
        self.calls = []  # (replica, tool name) of each tools/call
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection; the end of a streamed answer is the close

            def log_message(self, *args):
                pass

            def forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                with proxy.lock:
                    index = next(proxy.turns.get(self.command, proxy.other_turn))
                    proxy.hits[index] += 1
                    message = json.loads(body) if body else {}
                    if isinstance(message, dict) and message.get("method") == "tools/call":
                        arguments = message["params"].get("arguments") or {}
                        proxy.calls.append((index, message["params"]["name"], arguments.get("Confirm")))
                host, port = backends[index]
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


def test_two_replicas_serve_one_handshake_era_client(vod_mcp_bin, clean_env, tmp_path):
    # With a shared secret a session can move between replicas, so an elicitation's answer (a POST of its own) could
    # land on a replica that did not ask; confirmations therefore use the preview + "Confirm": true flow, whose two
    # calls may each land anywhere. Here the first lands on one replica and the confirmed one on the other.
    secret = "replica-secret-" + "h" * 24
    processes = replicas(vod_mcp_bin, clean_env, tmp_path, [secret, secret])
    proxy = RoundRobinProxy([(p.host, p.port) for p in processes])
    asked = []

    async def on_elicit(context, params):
        asked.append(params.message)
        return types.ElicitResult(action="accept", content={"confirm": True})

    async def scenario():
        async with Client(proxy.url, mode="legacy", elicitation_callback=on_elicit) as client:
            assert client.protocol_version == "2025-11-25"
            result = await client.call_tool("test_sleep", {"Steps": 2, "StepMilliseconds": 10})
            assert result.structured_content == {"steps": 2}
            first = await client.call_tool("DeleteVideo", {"VideoIds": VIDEO})
            second = await client.call_tool("DeleteVideo", {"VideoIds": VIDEO, "Confirm": True})
            return first, second

    try:
        first, second = anyio.run(scenario)
        assert asked == [], "no elicitation when the answer could reach another replica"
        assert first.is_error and "Safety.ConfirmationRequired" in first.content[0].text, first.content[0].text
        assert "Safety.Confirmation" not in second.content[0].text, second.content[0].text
        deletes = [(replica, confirm) for replica, name, confirm in proxy.calls if name == "DeleteVideo"]
        assert len(deletes) == 2 and deletes[0][0] != deletes[1][0], f"one replica each: {proxy.calls}"
        # A session id sealed by one replica is served by the other; DELETE ends it on the replica that receives it.
        session = initialize(processes[0])
        status, _, _ = processes[1].post(rpc(1, "tools/list"), session_headers(session))
        assert status == 200
        conn = processes[1].connection()
        conn.request("DELETE", "/mcp", headers={"Mcp-Session-Id": session})
        assert conn.getresponse().status == 200
        conn.close()
        status, _, _ = processes[1].post(rpc(2, "tools/list"), session_headers(session))
        assert status == 404
    finally:
        proxy.close()
        stop(processes)


def test_a_session_of_another_secret_is_not_found(vod_mcp_bin, clean_env, tmp_path):
    processes = replicas(vod_mcp_bin, clean_env, tmp_path, ["c" * 32, "d" * 32])
    try:
        session = initialize(processes[0])
        status, _, data = processes[1].post(rpc(1, "tools/list"), session_headers(session))
        assert status == 404 and "VOD_MCP_HTTP_SECRET" in json.loads(data)["error"]["message"]
    finally:
        stop(processes)
