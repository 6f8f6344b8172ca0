"""OpenSSL's libcrypto is opened by the first digest (a signed call), not by the dynamic loader at start-up
(issue 16): a server that never signs never maps it. The signature made through the lazily loaded library is checked
here with Python's own hmac, and a machine without libcrypto still starts and answers; a call that must be signed
fails with an error naming the package to install, and the server goes on."""
import base64
import hashlib
import hmac
import json
import urllib.parse

from stdio_session import session_factory  # noqa: F401 (a fixture)
from loopback_recorder import Recorder, query_of, recorder  # noqa: F401 (recorder is a fixture)

INITIALIZE = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
    "protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "interop", "version": "1"}}}
INITIALIZED = {"jsonrpc": "2.0", "method": "notifications/initialized"}
CALL = {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
        "params": {"name": "GetCategories", "arguments": {"CateId": -1}}}
SECRET = "testsecret"


def signing_env(clean_env, port, **extra):
    return dict(clean_env, ALIBABA_CLOUD_ACCESS_KEY_ID="testid", ALIBABA_CLOUD_ACCESS_KEY_SECRET=SECRET,
                VOD_MCP_ENDPOINT=f"http://127.0.0.1:{port}", VOD_MCP_SIGNATURE_VERSION="v1", **extra)


def rpc_v1_signature(method, parameters):
    """Alibaba Cloud's RPC signature, version 1 (HMAC-SHA1), computed with Python's hashlib and hmac."""
    def encode(text):
        return urllib.parse.quote(text, safe="-_.~")
    query = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(parameters.items()))
    string_to_sign = f"{method}&{encode('/')}&{encode(query)}"
    digest = hmac.new(f"{SECRET}&".encode(), string_to_sign.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def test_libcrypto_is_mapped_by_the_first_signed_call_not_at_start(session_factory, clean_env, recorder):
    session = session_factory(signing_env(clean_env, recorder))
    assert "result" in session.request(INITIALIZE)
    session.send(INITIALIZED)
    assert "result" in session.request({"jsonrpc": "2.0", "id": 9, "method": "tools/list"})
    assert session.mapped("libcrypto") == []
    reply = session.request(CALL)
    assert not reply["result"].get("isError"), reply
    assert session.mapped("libcrypto") != []
    # The signature made through the lazily loaded libcrypto is the one Python computes.
    assert Recorder.requests, "the call reached no server"
    sent = Recorder.requests[-1]
    parameters = query_of(sent["path"])
    parameters.update(dict(urllib.parse.parse_qsl(sent["body"].decode(), keep_blank_values=True)))
    signature = parameters.pop("Signature")
    assert parameters["Action"] == "GetCategories"
    assert signature == rpc_v1_signature(sent["method"], parameters)
    session.close()


def test_without_libcrypto_the_server_starts_and_the_first_call_fails_naming_the_fix(
        session_factory, clean_env, recorder):
    env = signing_env(clean_env, recorder, VOD_MCP_TEST_LIBCRYPTO="libcrypto-vodmcp-missing.so.3")
    session = session_factory(env)
    assert "result" in session.request(INITIALIZE)
    session.send(INITIALIZED)
    assert "result" in session.request({"jsonrpc": "2.0", "id": 9, "method": "tools/list"})
    assert "result" in session.request({"jsonrpc": "2.0", "id": 10, "method": "ping"})
    # The call checks for libcrypto before it signs anything: the tool answers with an error naming the loader's
    # words and the package to install, nothing reaches the server unsigned, and the server keeps answering.
    reply = session.request(CALL)
    result = reply["result"]
    assert result["isError"] is True
    text = json.dumps(result)
    assert "Crypto.LibcryptoUnavailable" in text
    assert "libcrypto-vodmcp-missing.so.3" in text
    assert "apt-get install libssl3" in text
    assert "result" in session.request({"jsonrpc": "2.0", "id": 11, "method": "ping"})
    assert Recorder.requests == []
