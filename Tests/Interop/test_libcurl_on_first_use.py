"""libcurl is opened by the first HTTP request, not by the dynamic loader at start-up (issue 16), and a machine without
it gets a tool error naming the package to install instead of a server that cannot start."""
from stdio_session import session_factory  # noqa: F401 (a fixture)

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "interop", "version": "1"}}}
CALL = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": {"name": "GetCategories", "arguments": {"CateId": -1}}}


def test_libcurl_is_mapped_by_the_first_request_not_at_start(session_factory, clean_env):
    session = session_factory(clean_env, ["--sandbox"])
    assert "result" in session.request(INITIALIZE)
    assert session.mapped("libcurl") == []
    session.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    reply = session.request(CALL)
    assert not reply["result"].get("isError"), reply
    assert session.mapped("libcurl") != []
    session.close()


def test_a_missing_libcurl_fails_calls_with_the_fix_and_the_server_stays_up(session_factory, clean_env):
    env = dict(clean_env, VOD_MCP_TEST_LIBCURL="libcurl-vodmcp-missing.so.4")
    session = session_factory(env, ["--sandbox"])
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
