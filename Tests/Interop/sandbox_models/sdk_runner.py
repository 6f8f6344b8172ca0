"""Drives every VOD operation through the official Python SDK against `vod-mcp sandbox` and checks each answer.

Used by the pytest suite in this folder (conftest.py) and by `tools/sdk-models` (the report for people).
"""

from __future__ import annotations

import base64
import dataclasses
import http.server
import json
import os
import pathlib
import re
import struct
import subprocess
import threading
import time
import zlib
from typing import Any

import oss2
from alibabacloud_tea_openapi import models as open_api_models
from alibabacloud_vod20170321 import client as vod_client_module
from alibabacloud_vod20170321 import models as vod_models
from alibabacloud_vod20170321.client import Client as VodClient
from Tea.exceptions import TeaException

import sdk_expectations as expectations
import sdk_plan as plan
import sdk_models
import sdk_pairs

ROOT = pathlib.Path(__file__).resolve().parents[3]
HERE = pathlib.Path(__file__).resolve().parent
RATCHET = HERE / "passing.txt"


def binary() -> str:
    return os.environ.get("VOD_MCP_BIN", str(ROOT / ".build" / "debug" / "vod-mcp"))


# ----------------------------------------------------------------------------------------------------------------
# The sandbox process and a loopback HTTP peer (media to pull, callbacks to receive)


class Sandbox:
    def __init__(self, path: str | None = None, *, transcode_delay: float = 0.3):
        self.process = subprocess.Popen(
            [path or binary(), "sandbox", "--port", "0", "--sandbox-transcode-delay", str(transcode_delay)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        line = self.process.stdout.readline()
        if not line:
            self.process.kill()
            raise RuntimeError("vod-mcp sandbox printed nothing: " + self.process.stderr.read())
        self.info = json.loads(line)
        # Drain stderr so a chatty sandbox never blocks on a full pipe; keep its tail for the report.
        self.stderr_tail = b""
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.process.stderr:
            self.stderr_tail = (self.stderr_tail + line.encode())[-4000:]

    def exit_note(self) -> str | None:
        """Says so when the sandbox died during the run (every later call then fails to connect)."""
        code = self.process.poll()
        if code is None:
            return None
        return f"the sandbox exited with status {code} during the run; its stderr ended with: " + \
            self.stderr_tail.decode(errors="replace")[-1500:]

    def client(self) -> VodClient:
        config = open_api_models.Config(
            access_key_id=self.info["accessKeyId"], access_key_secret=self.info["accessKeySecret"],
            endpoint=self.info["endpoint"].replace("http://", ""), protocol="http", region_id=self.info["region"],
            connect_timeout=2000, read_timeout=8000,
        )
        return VodClient(config)

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def png_bytes(width: int = 4, height: int = 4) -> bytes:
    """A small valid PNG (grey), so image uploads carry a real image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


MEDIA = os.urandom(300 * 1024)


class LoopbackPeer:
    """Serves /media/* (bytes to pull) and records POSTs (callbacks) on 127.0.0.1."""

    def __init__(self):
        self.received: list[dict] = []
        self.arrived = threading.Condition()
        peer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                payload = png_bytes() if self.path.endswith(".png") else MEDIA
                self.send_response(200)
                self.send_header("Content-Type", "image/png" if self.path.endswith(".png") else "video/mp4")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def do_HEAD(self):
                self.send_response(200)
                self.send_header("Content-Length", str(len(MEDIA)))
                self.end_headers()

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with peer.arrived:
                    peer.received.append({"path": self.path, "headers": dict(self.headers), "body": body,
                                          "url": f"http://{self.headers.get('Host', '')}{self.path}"})
                    peer.arrived.notify_all()
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, predicate, timeout: float) -> list[dict]:
        deadline = time.time() + timeout
        with self.arrived:
            while True:
                found = [item for item in self.received if predicate(item)]
                remaining = deadline - time.time()
                if found or remaining <= 0:
                    return found
                self.arrived.wait(remaining)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ----------------------------------------------------------------------------------------------------------------
# Calling one operation through the SDK and keeping the raw body


def _sdk_methods() -> dict[str, str]:
    """Action name -> the SDK client's method name, read from the client's own source."""
    source = pathlib.Path(vod_client_module.__file__).read_text()
    found = {}
    for method, action in re.findall(r"def (\w+?)_?with_options\(\n(?:.*\n)*?\s+action = '(\w+)'", source):
        found.setdefault(action, method)
    return found


SDK_METHODS = _sdk_methods()


class RecordingClient:
    """The SDK client, with the raw response dict of each call kept (the SDK's own parse can hide failures)."""

    def __init__(self, client: VodClient):
        self.client = client
        self.last_raw: dict | None = None
        original = client.call_api

        def call_api(params, request, runtime):
            self.last_raw = None
            raw = original(params, request, runtime)
            self.last_raw = raw
            return raw

        client.call_api = call_api

    def request(self, action: str, args: dict[str, Any]):
        """The SDK request model for these wire arguments, coerced to the model's declared types."""
        fields = {field.key: field for field in sdk_models.fields_of(sdk_models.request_class_name(action))}
        unknown = sorted(set(args) - set(fields))
        if unknown:
            raise ValueError(f"{action}: the SDK request model has no parameter {unknown}")
        wire = {}
        for key, value in args.items():
            field = fields[key]
            if field.kind == "str" and not isinstance(value, str):
                value = str(value).lower() if isinstance(value, bool) else str(value)
            elif field.kind == "int" and isinstance(value, str):
                value = int(value)
            elif field.kind == "bool" and isinstance(value, str):
                value = value == "true"
            elif field.kind == "list" and isinstance(value, str):
                value = [int(item) if field.item == "int" else item for item in value.split(",")]
            wire[key] = value
        return getattr(vod_models, sdk_models.request_class_name(action))().from_map(wire)

    def call(self, action: str, args: dict[str, Any]):
        method = getattr(self.client, SDK_METHODS[action])
        return method(self.request(action, args))


@dataclasses.dataclass
class Outcome:
    action: str
    args: dict[str, Any]
    status: str = "error"                # answered | unsupported | error
    code: str | None = None
    message: str | None = None
    http_status: int | None = None
    body: Any = None
    sdk_body_none: bool = False          # the SDK's own parse gave its caller no body
    check: sdk_models.Check | None = None
    problems: list[str] = dataclasses.field(default_factory=list)
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return self.status == "answered" and not self.problems

    def summary(self) -> str:
        if self.status == "unsupported":
            return "Sandbox.Unsupported"
        if self.status == "error":
            return f"error {self.code}: {(self.message or '')[:140]}"
        return "pass" if self.passed else f"{len(self.problems)} problem(s)"


def call_and_check(recorder: RecordingClient, action: str, args: dict[str, Any]) -> Outcome:
    outcome = Outcome(action, args)
    started = time.time()
    try:
        response = recorder.call(action, args)
    except TeaException as error:
        outcome.code, outcome.message = error.code, error.message
        outcome.http_status = getattr(error, "status_code", None) or (error.data or {}).get("statusCode")
        outcome.status = "unsupported" if error.code == "Sandbox.Unsupported" else "error"
        return outcome
    except Exception as error:  # connection refused, SDK validation, our own argument problems
        outcome.code, outcome.message = type(error).__name__, str(error)
        return outcome
    finally:
        outcome.seconds = time.time() - started
    outcome.status = "answered"
    raw = recorder.last_raw or {}
    outcome.http_status = raw.get("statusCode")
    outcome.body = raw.get("body")
    outcome.sdk_body_none = getattr(response, "body", None) is None
    outcome.check = sdk_models.check_body(action, outcome.body)
    outcome.problems = outcome.check.problems(
        allowed_extra=expectations.allowed_extra(action),
        optional=lambda path: expectations.is_optional(action, path))
    outcome.problems += sdk_models.echo_problems(args, outcome.body)
    if outcome.sdk_body_none and not outcome.check.from_map_error:
        outcome.problems.insert(0, "the SDK handed its caller no body")
    return outcome


# ----------------------------------------------------------------------------------------------------------------
# The run


def _decode(text: str) -> dict:
    return json.loads(base64.b64decode(text))


def put_upload(body: dict, payload: bytes) -> None:
    """Uploads through oss2 with the UploadAuth/UploadAddress of a CreateUpload* answer."""
    auth, address = _decode(body["UploadAuth"]), _decode(body["UploadAddress"])
    sts = oss2.StsAuth(auth["AccessKeyId"], auth["AccessKeySecret"], auth["SecurityToken"])
    oss2.Bucket(sts, address["Endpoint"], address["Bucket"]).put_object(address["FileName"], payload)


class Run:
    def __init__(self, sandbox: Sandbox, peer: LoopbackPeer):
        self.sandbox = sandbox
        self.peer = peer
        self.recorder = RecordingClient(sandbox.client())
        self.state = plan.initial_state(sandbox.info, peer.url)
        self.outcomes: dict[str, Outcome] = {}
        self.catalog = plan.catalog()
        self.notes: list[str] = []

    def execute(self) -> dict[str, Outcome]:
        for step in plan.STEPS:
            args = plan.arguments(step, self.catalog[step.action], self.state)
            outcome = call_and_check(self.recorder, step.action, args)
            if step.report:
                self.outcomes[step.action] = outcome
            if outcome.status == "answered":
                for key, path in step.capture.items():
                    value = plan.dig(outcome.body, path)
                    if value not in (None, ""):
                        self.state[key] = value
            if step.after and (outcome.status == "answered" or step.after.startswith("wait")):
                try:
                    getattr(self, "_" + step.after)(outcome.body)
                except Exception as error:  # reported, and the run goes on
                    self.notes.append(f"{step.action} {step.after}: {type(error).__name__}: {error}")
        return self.outcomes

    # hooks -------------------------------------------------------------------------------------------------

    def _put(self, body: dict, payload: bytes) -> None:
        put_upload(body, payload)

    def _upload_video(self, body: dict) -> None:
        self._put(body, MEDIA)
        address = _decode(body["UploadAddress"])
        region = self.sandbox.info.get("region", "cn-shanghai")
        self.state["video_file_url"] = f"http://{address['Bucket']}.oss-{region}.aliyuncs.com/{address['FileName']}"
        self.wait_for_video_status(self.state["video_id"], "Normal")

    def _upload_image(self, body: dict) -> None:
        self._put(body, png_bytes())

    def _upload_attached(self, body: dict) -> None:
        self._put(body, png_bytes())

    def _wait_for_jobs(self, body: dict | None) -> None:
        """Runs whatever the step answered: the reads that follow need the jobs submitted above to be done."""
        time.sleep(1.0)  # jobs submitted above run for --sandbox-transcode-delay seconds
        status = self.wait_for_video_status(self.state["video_id"], "Normal")
        if status != "Normal":
            self.notes.append(f"the video was {status}, not Normal, 20 s after the jobs were submitted")

    def wait_for_video_status(self, video_id: str, wanted: str, timeout: float = 20.0) -> str | None:
        deadline, status = time.time() + timeout, None
        while time.time() < deadline:
            try:
                status = self.recorder.call("GetVideoInfo", {"VideoId": video_id}).body.video.status
            except Exception:
                status = None
            if status == wanted:
                return status
            time.sleep(0.1)
        return status


def run_all(path: str | None = None) -> tuple[dict[str, Outcome], list[str], dict]:
    sandbox, peer = Sandbox(path), LoopbackPeer()
    try:
        run = Run(sandbox, peer)
        outcomes = run.execute()
        note = sandbox.exit_note()
        if note:
            run.notes.append(note)
        return outcomes, run.notes, dict(sandbox.info)
    finally:
        peer.close()
        sandbox.close()


# ----------------------------------------------------------------------------------------------------------------
# Ratchet and report


def ratchet() -> set[str]:
    names = set()
    for line in RATCHET.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.add(line)
    return names


def _demanded(item: Outcome) -> list[str]:
    return [path for path in item.check.missing if not expectations.is_optional(item.action, path)]


def report(outcomes: dict[str, Outcome], notes: list[str], binary_path: str, seconds: float,
           journeys: dict[str, str] | None = None) -> str:
    ordered = sorted(outcomes.values(), key=lambda item: item.action)
    counts = {
        "pass": sum(item.passed for item in ordered),
        "answered": sum(item.status == "answered" for item in ordered),
        "unsupported": sum(item.status == "unsupported" for item in ordered),
        "error": sum(item.status == "error" for item in ordered),
    }
    from_map_failed = [item.action for item in ordered if item.check and item.check.from_map_error]
    listed = ratchet()
    lines = [
        "SDK-model fidelity of vod-mcp sandbox (official alibabacloud-vod20170321 models)",
        f"binary: {binary_path}",
        f"time: {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}  run: {seconds:.1f}s",
        "",
        f"operations: {len(ordered)}  PASS {counts['pass']}/{len(ordered)}",
        f"  answered {counts['answered']} (of which pass {counts['pass']}, with problems "
        f"{counts['answered'] - counts['pass']}), Sandbox.Unsupported {counts['unsupported']}, "
        f"other errors {counts['error']}",
        f"  from_map failed: {len(from_map_failed)} {' '.join(from_map_failed)}",
        f"  missing keys (confirmed): {sum(len(_demanded(item)) for item in ordered if item.check)}; "
        f"not demanded here: {sum(len(item.check.missing) - len(_demanded(item)) for item in ordered if item.check)}; "
        f"missing (unconfirmed): {sum(len(item.check.missing_unconfirmed) for item in ordered if item.check)}; "
        f"extra: {sum(len(item.check.extra) for item in ordered if item.check)}; "
        f"type mismatches: {sum(len(item.check.type_mismatches) for item in ordered if item.check)}",
        f"ratchet (passing.txt): {len(listed)} listed; regressions: "
        f"{sorted(name for name in listed if name in outcomes and not outcomes[name].passed)}; "
        "passing but not listed: "
        f"{sorted(item.action for item in ordered if item.passed and item.action not in listed)}",
    ]
    lines.append("  (tools/test fails when a listed operation regresses and when one passes unlisted; "
                 "`tools/sdk-models --update-ratchet` adds what passes;\n"
                 "   `tools/sdk-models --keys Op` lists the keys of an operation's model)")
    if journeys is not None:
        lines.append("journeys: " + ", ".join(f"{name} {result}" for name, result in sorted(journeys.items())))
    unread = sdk_pairs.writes_without_read(outcomes)
    lines.append(f"writes that pass without a passing read: {len(unread)} "
                 + " ".join(f"{write}->{'/'.join(reads)}" for write, reads in sorted(unread.items())))
    for note in notes:
        lines.append("note: " + note)
    lines += ["", f"{'operation':44} {'result':22} from_map  missing extra types  (missing unconfirmed)", "-" * 118]
    for item in ordered:
        check = item.check
        lines.append(
            f"{item.action:44} {item.summary()[:22]:22} "
            + (f"{'FAIL' if check.from_map_error else 'ok':8}  {len(check.missing):7} {len(check.extra):5} "
               f"{len(check.type_mismatches):5}  ({len(check.missing_unconfirmed)})" if check else "")
        )
    lines += ["", "Passing, with declared keys absent that are not demanded (unconfirmed, or sdk_expectations)"]
    for item in ordered:
        if item.passed and item.check and (item.check.missing or item.check.missing_unconfirmed):
            lines.append(f"  {item.action}: " + ", ".join(item.check.missing_unconfirmed + item.check.missing))
    lines += ["", "Details (the to-do list)", "=" * 24]
    for item in ordered:
        if item.passed:
            continue
        lines.append("")
        lines.append(f"## {item.action}: {item.summary()}")
        lines.append(f"   args: {json.dumps(item.args, sort_keys=True)[:300]}")
        if item.check:
            for problem in item.problems:
                lines.append("   - " + problem)
            for path in item.check.missing_unconfirmed:
                lines.append("   - missing (unconfirmed): " + path)
            for path in item.check.missing:
                reason = expectations.is_optional(item.action, path)
                if reason:
                    lines.append(f"   - missing (not demanded here: {reason}): {path}")
            if item.check.extra:
                lines.append("   body: " + json.dumps(item.body, sort_keys=True)[:600])
    return "\n".join(lines) + "\n"


def add_to_ratchet(passing: set[str]) -> set[str]:
    """Adds newly passing names to passing.txt (never removes: a regression is fixed, or removed by hand).
    The file keeps its comment header, then the operations and then the journeys, each sorted."""
    listed = ratchet()
    added = passing - listed
    if added:
        header = [line for line in RATCHET.read_text().splitlines() if line.startswith("#")]
        names = sorted(listed | added, key=lambda name: (name.startswith("journey_"), name))
        RATCHET.write_text("\n".join(header + names) + "\n")
    return added


def report_json(outcomes: dict[str, Outcome], journeys: dict[str, str] | None) -> str:
    """The same results for scripts: per operation its status, error code, pass, problems and unconfirmed keys."""
    return json.dumps({
        "operations": {
            action: {"status": item.status, "code": item.code, "passed": item.passed, "problems": item.problems,
                     "missingUnconfirmed": item.check.missing_unconfirmed if item.check else []}
            for action, item in sorted(outcomes.items())
        },
        "journeys": journeys or {},
    }, indent=1) + "\n"
