"""libcurl is opened by the first HTTP request, not by the dynamic loader at start-up (issue 16), and a machine without
it gets a tool error naming the package to install instead of a server that cannot start."""
import json
import subprocess

import pytest

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "interop", "version": "1"}}}
CALL = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": {"name": "GetCategories", "arguments": {"CateId": -1}}}


class Session:
    def __init__(self, binary, env):
        self.process = subprocess.Popen([binary, "--sandbox"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, env=env)

    def send(self, message):
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def request(self, message):
        self.send(message)
        line = self.process.stdout.readline()
        assert line, f"vod-mcp closed stdout (exit status {self.process.poll()})"
        return json.loads(line)

    def libcurl_mapped(self):
        with open(f"/proc/{self.process.pid}/maps") as maps:
            return sorted({line.split()[-1] for line in maps if "/libcurl" in line})

    def close(self):
        self.process.stdin.close()
        assert self.process.wait(timeout=20) == 0


@pytest.fixture()
def session_factory(vod_mcp_bin):
    sessions = []

    def make(env):
        sessions.append(Session(vod_mcp_bin, env))
        return sessions[-1]
    yield make
    for session in sessions:
        if session.process.poll() is None:
            session.process.kill()
            session.process.wait()


def test_libcurl_is_mapped_by_the_first_request_not_at_start(session_factory, clean_env):
    session = session_factory(clean_env)
    assert "result" in session.request(INITIALIZE)
    assert session.libcurl_mapped() == []
    session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    reply = session.request(CALL)
    assert not reply["result"].get("isError"), reply
    assert session.libcurl_mapped() != []
    session.close()


def test_a_missing_libcurl_fails_calls_with_the_fix_and_the_server_stays_up(session_factory, clean_env):
    env = dict(clean_env, VOD_MCP_TEST_LIBCURL="libcurl-vodmcp-missing.so.4")
    session = session_factory(env)
    assert "result" in session.request(INITIALIZE)
    session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    for attempt in range(2):
        reply = session.request(dict(CALL, id=2 + attempt))
        result = reply["result"]
        text = result["content"][0]["text"]
        assert result["isError"] is True, reply
        assert "Network.LibcurlUnavailable" in text
        assert "libcurl-vodmcp-missing.so.4" in text
        assert "apt-get install libcurl4" in text
    assert "result" in session.request({"jsonrpc": "2.0", "id": 9, "method": "ping"})
    session.close()
