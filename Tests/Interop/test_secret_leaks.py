"""Secret-leak check: run vod-mcp through everything (every recorded transcript, calls against the sandbox in both
eras with AccessKey and STS credentials, V1 and V3 signatures, trace logging, dry runs, validation failures, API
errors, signature mismatches, injected faults) with distinctive secret values, then scan every byte it printed.

The AccessKey secrets, the STS token and every request signature (recorded by a proxy in front of the sandbox) must
appear nowhere. Credentials an operation returns by design (CreateUploadVideo's UploadAuth, GetVideoPlayAuth's
PlayAuth) may appear only in that call's own result, never in logs or other results.
"""
import base64
import json
import urllib.parse

import pytest

from hostile import transcripts
from hostile.process import ENVELOPE, LineProcess, Sandbox, binary, clean_env, modern
from hostile.proxy import RecordingProxy

CANARY_SECRET = "LeakCanarySecret0x5EC12E7zz"
CANARY_TOKEN = "LeakCanarySTSToken0xT0KEN42zz"
WRONG_SECRET = "LeakCanaryWrongSecret0xBADzz"


def forms(secret: str) -> set[str]:
    """The ways a secret could be printed: raw, percent-encoded, JSON-escaped."""
    return {secret, urllib.parse.quote(secret, safe=""), json.dumps(secret)[1:-1], secret.replace("/", "\\/")}


class Artifacts:
    """Everything the processes printed, by label, plus values allowed only under one label."""

    def __init__(self):
        self.items: list[tuple[str, str]] = []
        self.owned: dict[str, str] = {}  # secret -> the one label where it may appear
        self.blobs: set[str] = set()  # the UploadAuth / PlayAuth strings exactly as returned

    def add(self, label: str, data) -> None:
        text = data.decode("utf-8", "replace") if isinstance(data, (bytes, bytearray)) else data
        self.items.append((label, text))

    def add_process(self, label: str, process: LineProcess) -> None:
        for index, line in enumerate(process.lines):
            try:
                id_ = json.loads(line).get("id")
            except (ValueError, AttributeError):
                id_ = None
            self.add(f"{label}:stdout#{id_ if id_ is not None else index}", line)
        self.add(f"{label}:stderr", bytes(process.stderr))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    box = Sandbox("--sandbox-transcode-delay", "0")
    proxy = RecordingProxy(box.endpoint)
    sts = box.admin("POST", "/_sandbox/sts", {"ttlSeconds": 3600})
    artifacts = Artifacts()
    yield {"sandbox": box, "proxy": proxy, "sts": sts, "artifacts": artifacts, "home": tmp_path_factory.mktemp("leak")}
    proxy.close()
    box.close()


def run_session(world, label, env_extra, args, era="modern"):
    box = world["sandbox"]
    home = str(world["home"])
    env = clean_env(home, **env_extra)
    server = LineProcess([binary(), "--endpoint", world["proxy"].endpoint, "--log-level", "trace", "--timeout", "2", *args],
                         env=env, cwd=home)
    counter = iter(range(1, 1000))
    results = {}

    def request(method, params):
        id_ = next(counter)
        if era == "modern":
            message = modern(method, id_, params)
            message["params"]["_meta"]["io.modelcontextprotocol/logLevel"] = "debug"
        else:
            message = {"jsonrpc": "2.0", "id": id_, "method": method, "params": params}
        answer = server.request(message, timeout=30)
        assert answer is not None, f"{label}: {method} {params} not answered; stderr {bytes(server.stderr)[-800:]!r}"
        return id_, answer

    def tool(name, arguments):
        id_, answer = request("tools/call", {"name": name, "arguments": arguments})
        results[id_] = (name, answer)
        return id_, answer.get("result", {})

    if era == "legacy":
        request("initialize", {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "leak", "version": "1"}})
        server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})
        request("logging/setLevel", {"level": "debug"})

    created_id, created = tool("CreateUploadVideo", {"Title": f"leak {label}", "FileName": "clip.mp4"})
    video_id = (created.get("structuredContent") or {}).get("VideoId", "0123456789abcdef0123456789abcdef")
    tool("GetVideoInfo", {"VideoId": video_id})
    tool("GetVideoPlayAuth", {"VideoId": video_id})
    tool("RefreshUploadVideo", {"VideoId": video_id})
    tool("SearchMedia", {"SearchType": "video", "PageSize": 5})
    tool("call_api", {"Action": "GetVideoInfo", "Parameters": {"VideoId": video_id}})
    tool("describe_api", {"Action": "CreateUploadVideo"})
    tool("GetVideoInfo", {"VideoId": "does-not-exist-0000000000000000"})
    tool("CreateUploadVideo", {"Title": "dry", "FileName": "clip.mp4", "DryRun": True})
    tool("GetVideoInfo", {"VideoId": 12, "Bogus": True})
    tool("DeleteVideo", {"VideoIds": video_id})
    box.fault(kind="throttling", operations=["GetVideoInfo"], count=None)
    tool("GetVideoInfo", {"VideoId": video_id})
    box.clear_faults()
    box.fault(kind="dropConnection", operations=["GetCategories"], count=None)
    tool("GetCategories", {})
    box.clear_faults()
    box.fault(kind="expiredToken", operations=["GetVideoInfo"], count=1)
    tool("GetVideoInfo", {"VideoId": video_id})
    box.clear_faults()
    server.finish(timeout=10)
    world["artifacts"].add_process(label, server)
    return server, results


def own_returned_credentials(world, label, results):
    """Marks UploadAuth and PlayAuth values as allowed only in the result that returned them."""
    for id_, (name, answer) in results.items():
        structured = (answer.get("result") or {}).get("structuredContent") or {}
        owner = f"{label}:stdout#{id_}"
        if "UploadAuth" in structured:
            blob = structured["UploadAuth"]
            world["artifacts"].owned[blob] = owner
            world["artifacts"].blobs.add(blob)
            decoded = json.loads(base64.b64decode(blob))
            for key in ("AccessKeySecret", "SecurityToken"):
                world["artifacts"].owned[decoded[key]] = owner
        if "PlayAuth" in structured:
            world["artifacts"].owned[structured["PlayAuth"]] = owner
            world["artifacts"].blobs.add(structured["PlayAuth"])


SESSIONS = [
    ("ak-v1-modern", "ak", [], "modern"),
    ("ak-v3-modern", "ak", ["--signature-version", "v3"], "modern"),
    ("ak-v1-legacy", "ak", ["--allow-destructive"], "legacy"),
    ("sts-v1-modern", "sts", [], "modern"),
    ("sts-v3-legacy", "sts", ["--signature-version", "v3"], "legacy"),
    ("wrong-secret-v1", "wrong", [], "modern"),
    ("wrong-secret-v3", "wrong", ["--signature-version", "v3"], "legacy"),
    ("dry-run-flag", "ak", ["--dry-run"], "modern"),
]


def credentials(world, kind):
    info, sts = world["sandbox"].info, world["sts"]
    if kind == "ak":
        return {"ALIBABA_CLOUD_ACCESS_KEY_ID": info["accessKeyId"], "ALIBABA_CLOUD_ACCESS_KEY_SECRET": info["accessKeySecret"]}
    if kind == "sts":
        return {"ALIBABA_CLOUD_ACCESS_KEY_ID": sts["AccessKeyId"], "ALIBABA_CLOUD_ACCESS_KEY_SECRET": sts["AccessKeySecret"],
                "ALIBABA_CLOUD_SECURITY_TOKEN": sts["SecurityToken"]}
    return {"ALIBABA_CLOUD_ACCESS_KEY_ID": info["accessKeyId"], "ALIBABA_CLOUD_ACCESS_KEY_SECRET": WRONG_SECRET}


def test_no_secret_appears_in_anything_printed(world):
    artifacts = world["artifacts"]
    for label, kind, args, era in SESSIONS:
        _, results = run_session(world, label, credentials(world, kind), args, era)
        own_returned_credentials(world, label, results)
        if kind == "sts":
            assert any(r[1].get("result", {}).get("isError") is False for r in results.values()), f"{label}: STS calls failed"

    # Every recorded transcript, with canary credentials and the proxy as endpoint (calls fail there: more errors).
    canaries = {"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAILeakCanaryId", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": CANARY_SECRET,
                "ALIBABA_CLOUD_SECURITY_TOKEN": CANARY_TOKEN, "VOD_MCP_ENDPOINT": world["proxy"].endpoint,
                "VOD_MCP_LOG_LEVEL": "trace"}
    replayed = 0
    for name in transcripts.names():
        process = transcripts.replay(name, clean_env(str(world["home"]), **canaries))
        artifacts.add_process("transcript " + name, process)
        replayed += 1

    world["sandbox"].close()
    artifacts.add("sandbox:stderr", world["sandbox"].stderr_text)

    proxy = world["proxy"]
    info, sts = world["sandbox"].info, world["sts"]
    secrets = {
        "AccessKey secret": info["accessKeySecret"],
        "STS AccessKey secret": sts["AccessKeySecret"],
        "STS token": sts["SecurityToken"],
        "wrong AccessKey secret": WRONG_SECRET,
        "canary secret": CANARY_SECRET,
        "canary STS token": CANARY_TOKEN,
    }
    for index, signature in enumerate(sorted(proxy.signatures)):
        secrets[f"request signature #{index}"] = signature
    for index, token in enumerate(sorted(proxy.tokens)):
        secrets[f"security token on the wire #{index}"] = token
    assert proxy.requests > 50 and len(proxy.signatures) > 50, "the proxy should have seen the signed requests"
    assert CANARY_TOKEN in proxy.tokens, "transcript replays should have sent signed requests with the canary token"

    hits = []
    for label, text in artifacts.items:
        for what, secret in secrets.items():
            if any(form in text for form in forms(secret)):
                hits.append(f"{what} in {label}")
    for secret, owner in artifacts.owned.items():
        for label, text in artifacts.items:
            if label != owner and any(form in text for form in forms(secret)):
                hits.append(f"returned credential of {owner} also in {label}")
    scanned = sum(len(text) for _, text in artifacts.items)
    print(f"\nsecret leaks: {len(artifacts.items)} artifacts ({scanned} bytes) from {len(SESSIONS)} sessions and "
          f"{replayed} transcripts; {len(secrets)} secrets ({len(proxy.signatures)} signatures); "
          f"{len(artifacts.owned)} returned credentials; {len(hits)} hits")
    assert artifacts.owned, "CreateUploadVideo and GetVideoPlayAuth should have returned credentials by design"
    # Controls: the scanner finds a secret where it is printed by design.
    announcement = json.dumps(world["sandbox"].info)
    assert any(form in announcement for form in forms(info["accessKeySecret"]))
    texts = dict(artifacts.items)
    for secret, owner in artifacts.owned.items():
        if secret in artifacts.blobs:
            assert any(form in texts.get(owner, "") for form in forms(secret)), owner
    assert not hits, "\n".join(hits[:40])
