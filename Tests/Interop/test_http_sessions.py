"""`vod-mcp serve --http` in the handshake era (2025-03-26 ... 2025-11-25): `initialize` returns a sealed
`Mcp-Session-Id`, later messages carry it, confirmations come as `elicitation/create` on the POST's own SSE stream
and the client's answer as a separate POST, DELETE ends the session. The official MCP Python SDK's Streamable HTTP
client in legacy mode, and the transport's session rules over raw HTTP."""
import base64
import http.client
import json
import time

import anyio
import pytest
from mcp import Client

from test_http_transport import confirmer, server  # noqa: F401 (the fixture)

HANDSHAKE = ["2025-03-26", "2025-06-18", "2025-11-25"]
VIDEO = "0123456789abcdef0123456789abcdef"


def rpc(id, method, params=None):
    body = {"jsonrpc": "2.0", "method": method}
    if id is not None:
        body["id"] = id
    if params is not None:
        body["params"] = params
    return body


def initialize(server, version="2025-11-25", capabilities=None):
    body = rpc(0, "initialize", {"protocolVersion": version, "capabilities": capabilities or {},
                                 "clientInfo": {"name": "raw-session-test", "version": "1"}})
    status, headers, data = server.post(body, {"Content-Type": "application/json",
                                               "Accept": "application/json, text/event-stream"})
    assert status == 200, data
    assert json.loads(data)["result"]["protocolVersion"] == version
    session = headers.get("Mcp-Session-Id") or headers.get("mcp-session-id")
    assert session and all(0x21 <= ord(c) <= 0x7E for c in session), session
    return session


def session_headers(session, version="2025-11-25", **extra):
    headers = {"Content-Type": "application/json", "Accept": "application/json, text/event-stream",
               "Mcp-Session-Id": session, "MCP-Protocol-Version": version}
    headers.update(extra)
    return headers


def sse_messages(data):
    return [json.loads(line[len("data: "):]) for line in data.decode().splitlines() if line.startswith("data: ")]


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_official_sdk_client_in_the_handshake_era(server, answer):
    asked = []
    on_elicit = confirmer(answer, asked)

    async def scenario():
        async with Client(server.url, mode="legacy", elicitation_callback=on_elicit) as client:
            assert client.protocol_version in HANDSHAKE
            names = {tool.name for tool in (await client.list_tools()).tools}
            assert "test_sleep" in names and "upload_media_file" not in names

            progress = []

            async def on_progress(value, total, message):
                progress.append(value)

            result = await client.call_tool(
                "test_sleep", {"Steps": 3, "StepMilliseconds": 20}, progress_callback=on_progress)
            assert result.structured_content == {"steps": 3}
            assert progress == [1, 2, 3], "progress travels on the POST's SSE stream"

            resources = await client.list_resources()
            read = await client.read_resource(str(resources.resources[0].uri))
            assert read.contents

            result = await client.call_tool("DeleteVideo", {"VideoIds": VIDEO})
            text = result.content[0].text
            assert len(asked) == 1 and "DeleteVideo" in asked[0], "the confirmation came as elicitation/create"
            if answer == "decline":
                assert result.is_error and "Safety.ConfirmationDeclined" in text, text
            else:
                assert "Safety.Confirmation" not in text, text

    anyio.run(scenario)


def test_session_rules_over_raw_http(server):
    session = initialize(server)
    # Later requests carry the session; JSON-RPC errors travel with 200 in this era.
    status, _, data = server.post(rpc(1, "tools/list"), session_headers(session))
    assert status == 200 and json.loads(data)["result"]["tools"]
    status, _, data = server.post(rpc(2, "no/such/method"), session_headers(session))
    assert status == 200 and json.loads(data)["error"]["code"] == -32601
    # Notifications are accepted with 202 and no body.
    status, _, data = server.post(rpc(None, "notifications/initialized"), session_headers(session))
    assert status == 202 and data == b""
    # A 2025-03-26 client sends no MCP-Protocol-Version; within the session that is accepted.
    headers = session_headers(session)
    del headers["MCP-Protocol-Version"]
    status, _, _ = server.post(rpc(3, "tools/list"), headers)
    assert status == 200
    # A version other than the negotiated one is refused with 400.
    for version in ("2025-06-18", "2026-07-28", "1999-01-01"):
        status, _, data = server.post(rpc(4, "tools/list"), session_headers(session, version))
        assert status == 400 and "MCP-Protocol-Version" in json.loads(data)["error"]["message"], data
    # A second initialize in the session is refused.
    status, _, data = server.post(
        rpc(5, "initialize", {"protocolVersion": "2025-11-25", "capabilities": {}}), session_headers(session))
    assert "already" in json.loads(data)["error"]["message"]
    # A handshake-era request without a session: 400 naming the fix.
    status, _, data = server.post(rpc(6, "tools/list"), {"Content-Type": "application/json",
                                                        "MCP-Protocol-Version": "2025-11-25"})
    assert status == 400 and "Mcp-Session-Id" in json.loads(data)["error"]["message"]
    # An answer nobody waits for.
    status, _, data = server.post({"jsonrpc": "2.0", "id": "s-nothing-1", "result": {}}, session_headers(session))
    assert status == 400 and "waiting" in json.loads(data)["error"]["message"]


def tampered(session):
    purpose, payload, tag = session.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["v"] = "2025-03-26"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    return f"{purpose}.{forged}.{tag}"


def test_forged_tampered_and_ended_sessions_get_404(server):
    session = initialize(server)
    for bad in (tampered(session), session[:-2] + ("AA" if not session.endswith("AA") else "BB"),
                "not-a-session", "s1.e30.AAAA"):
        status, _, data = server.post(rpc(1, "tools/list"), session_headers(bad))
        error = json.loads(data)["error"]
        assert status == 404 and error["code"] == -32001 and "initialize" in error["message"], (bad, data)
    # DELETE ends it: later requests (and a second DELETE) get 404; another session is unaffected.
    other = initialize(server)
    conn = server.connection()
    conn.request("DELETE", "/mcp", headers={"Mcp-Session-Id": session})
    response = conn.getresponse()
    response.read()
    assert response.status == 200
    conn.request("DELETE", "/mcp", headers={"Mcp-Session-Id": session})
    response = conn.getresponse()
    assert response.status == 404 and b"ended with DELETE" in response.read()
    conn.close()
    status, _, data = server.post(rpc(2, "tools/list"), session_headers(session))
    assert status == 404 and "ended with DELETE" in json.loads(data)["error"]["message"]
    status, _, _ = server.post(rpc(3, "tools/list"), session_headers(other))
    assert status == 200


def test_elicitation_answer_arrives_as_a_separate_post(server):
    import http.client
    import threading

    session = initialize(server, capabilities={"elicitation": {}})
    body = rpc(7, "tools/call", {"name": "DeleteVideo", "arguments": {"VideoIds": VIDEO}})
    conn = server.connection()
    conn.request("POST", "/mcp", body=json.dumps(body), headers=session_headers(session))
    response = conn.getresponse()
    assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
    events = []
    # Read the stream until the elicitation request arrives, answer it on another connection, read the result.
    buffer = b""
    while not events:
        buffer += response.read1(65536)
        events = sse_messages(buffer) if b"\n\n" in buffer else []
    ask = events[0]
    assert ask["method"] == "elicitation/create" and "DeleteVideo" in ask["params"]["message"]
    status, _, data = server.post({"jsonrpc": "2.0", "id": ask["id"], "result": {"action": "decline"}},
                                  session_headers(session))
    assert status == 202 and data == b""
    rest = buffer + response.read()
    conn.close()
    final = sse_messages(rest)[-1]
    assert final["id"] == 7 and "Safety.ConfirmationDeclined" in json.dumps(final["result"])


def test_a_client_without_elicitation_gets_the_confirmation_token_flow(server):
    session = initialize(server)
    call = rpc(8, "tools/call", {"name": "DeleteVideo", "arguments": {"VideoIds": VIDEO}})
    status, _, data = server.post(call, session_headers(session))
    assert status == 200 and "Safety.ConfirmationRequired" in data.decode()


def test_cancelled_notification_stops_the_request_in_its_session(server):
    session = initialize(server)
    body = rpc(9, "tools/call", {"name": "test_sleep", "arguments": {"Steps": 50, "StepMilliseconds": 100},
                                 "_meta": {"progressToken": "p"}})
    conn = server.connection()
    conn.request("POST", "/mcp", body=json.dumps(body), headers=session_headers(session))
    response = conn.getresponse()
    assert response.getheader("Content-Type").startswith("text/event-stream")
    first = response.read1(65536)
    assert b"notifications/progress" in first
    # Another session's cancellation of the same id does not reach it; this session's does.
    status, _, _ = server.post(rpc(None, "notifications/cancelled", {"requestId": 9}),
                               session_headers(initialize(server)))
    assert status == 202
    status, _, _ = server.post(rpc(None, "notifications/cancelled", {"requestId": 9}), session_headers(session))
    assert status == 202
    began = time.monotonic()
    try:
        rest = first + response.read()
    except http.client.IncompleteRead as cut:  # the stream is cut, with no response to the cancelled request
        rest = first + cut.partial
    conn.close()
    assert time.monotonic() - began < 4, "the request ran on (50 steps of 100 ms)"
    assert not [m for m in sse_messages(rest) if m.get("id") == 9]
    assert len([m for m in sse_messages(rest) if m.get("method") == "notifications/progress"]) < 50
