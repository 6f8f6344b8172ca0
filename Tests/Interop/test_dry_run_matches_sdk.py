"""A vod-mcp dry run names exactly the request the official Python SDK sends for the same call.

The Python snippet that the dry run returns is executed (pointed at a loopback recorder) so the SDK itself builds the
request; its canonical parameters must equal the parameters in vod-mcp's preview URL.
"""
import json
import subprocess
import urllib.parse

import pytest

from contract import ENVELOPE
from loopback_recorder import VOLATILE, Recorder, query_of, recorder  # noqa: F401 (recorder is a fixture)


def dry_run(vod_mcp_bin, env, port, name, arguments, signature_version):
    request = {"jsonrpc": "2.0", "id": 1, "method": "tools/call",
               "params": {"name": name, "arguments": dict(arguments, DryRun=True), "_meta": ENVELOPE}}
    out = subprocess.run([vod_mcp_bin, "--endpoint", f"http://127.0.0.1:{port}", "--signature-version", signature_version,
                          "--toolsets", "all"],
                         input=json.dumps(request) + "\n", env=env, capture_output=True, text=True, timeout=30)
    result = json.loads(out.stdout.splitlines()[0])["result"]
    assert not result["isError"], result
    return json.loads(result["content"][1]["text"])


CASES = [
    ("UpdateVideoInfo", {"VideoId": "abc123", "Title": "My video *1~ 视频", "Tags": ["a", "b"], "CateId": 12}),
    ("GetVideoList", {"PageNo": 2, "PageSize": 20, "Status": "Normal,Blocked", "StartTime": "2026-01-01T00:00:00Z"}),
    ("CreateUploadVideo", {"Title": "clip", "FileName": "clip.mp4", "UserData": {"Extend": {"k": "v"}}, "FileSize": 1024}),
]


@pytest.mark.parametrize("signature_version", ["v1", "v3"])
@pytest.mark.parametrize("name,arguments", CASES)
def test_dry_run_equals_sdk_request(vod_mcp_bin, clean_env, recorder, name, arguments, signature_version):
    preview = dry_run(vod_mcp_bin, clean_env, recorder, name, arguments, signature_version)
    snippet = preview["python"]
    assert f"client.{''.join('_' + c.lower() if c.isupper() and i and (name[i-1].islower() or name[i-1].isdigit()) else c.lower() for i, c in enumerate(name))}(" in snippet
    # The snippet runs unchanged: it carries the configured endpoint (http for loopback) and follows
    # --signature-version (V3 is the SDK default, V1 is signature_algorithm="v2").
    assert 'region_id="cn-shanghai",' in snippet
    assert f'endpoint="127.0.0.1:{recorder}",' in snippet and 'protocol="http",' in snippet
    assert ('signature_algorithm="v2"' in snippet) == (signature_version == "v1")
    patched = snippet
    env = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "testid", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "testsecret"}
    import os
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        exec(compile(patched, "<dry-run snippet>", "exec"), {"__name__": "snippet", "print": lambda *a: None})
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    assert len(Recorder.requests) == 1
    sent = Recorder.requests[0]
    assert sent["method"] == preview["request"]["method"]
    ours = query_of(preview["request"]["url"])
    theirs = query_of(sent["path"])
    if sent["body"]:
        theirs.update(dict(urllib.parse.parse_qsl(sent["body"].decode(), keep_blank_values=True)))
    # Same business parameters, same wire values.
    assert {k: v for k, v in ours.items() if k not in VOLATILE} == \
        {k: (v if k != "Format" else v.upper()) for k, v in theirs.items() if k not in VOLATILE}
    if signature_version == "v3":
        headers = {k.lower(): v for k, v in sent["headers"].items()}
        assert headers["x-acs-action"] == preview["request"]["headers"]["x-acs-action"] == name
        assert headers["x-acs-version"] == preview["request"]["headers"]["x-acs-version"] == "2017-03-21"
        assert headers["authorization"].startswith("ACS3-HMAC-SHA256 Credential=testid,")
        assert "<redacted>" in preview["request"]["headers"]["authorization"]
    else:
        assert ours["Signature"] == "<redacted>"
        assert ours["SignatureMethod"] == theirs["SignatureMethod"] == "HMAC-SHA1"
