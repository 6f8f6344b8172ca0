"""Boundaries of the protocol core, through the built binary (issue 12): bounded buffers with backpressure, the
reader never waiting for a handler (sequential mode and batches with elicitation), one answer per id, progress
token types, clipped errors, strict boolean settings, the last-line secret filter and sandbox cleanup on signals.

The unread-flood test prints its memory figures; run it alone with
    VOD_MCP_BIN=$PWD/.build/debug/vod-mcp .venv/bin/python -m pytest -q -s Tests/Interop/test_boundaries.py -k flood
"""
import json
import os
import re
import signal
import subprocess
import threading
import time

import pytest

from hostile.process import ENVELOPE, LineProcess, binary, clean_env, modern

# CI floods 150 lines (enough: without backpressure RSS grew by about 1 MB per line); the 1,000 by hand:
#     VOD_MCP_FLOOD_LINES=1000 ... pytest -s -k flood
FLOOD_LINES = int(os.environ.get("VOD_MCP_FLOOD_LINES", "150"))
FLOOD_PAUSE = float(os.environ.get("VOD_MCP_FLOOD_PAUSE", "10"))
PEAK_LIMIT_MB = 100


def status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"{field} missing from /proc/{pid}/status")


def legacy_init(server: LineProcess, capabilities: dict, version: str = "2025-11-25"):
    hello = {"jsonrpc": "2.0", "id": "init", "method": "initialize",
             "params": {"protocolVersion": version, "capabilities": capabilities,
                        "clientInfo": {"name": "boundaries", "version": "1"}}}
    assert server.request(hello, timeout=30) is not None, "initialize was not answered"
    server.send({"jsonrpc": "2.0", "method": "notifications/initialized"})


def test_unread_flood_stops_reading_stdin_and_loses_nothing(tmp_path, capsys):
    """Lines of 1 MiB while the client reads nothing for 10 s: the server must stop reading (the client's writes
    block) instead of buffering, keep its peak RSS under 100 MB, and answer every request once afterwards. Each
    answer is a full tools/list (about 160 KB), so the output side fills too."""
    proc = subprocess.Popen([binary(), "--dry-run", "--toolsets", "all"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    pad = "x" * (1 << 20)
    written = [0]
    write_error = []

    def writer():
        try:
            for index in range(FLOOD_LINES):
                line = json.dumps(modern("tools/list", index, {"pad": pad}), separators=(",", ":")).encode() + b"\n"
                proc.stdin.write(line)
                proc.stdin.flush()
                written[0] += 1
        except (BrokenPipeError, ValueError) as error:  # pragma: no cover - reported below
            write_error.append(repr(error))

    thread = threading.Thread(target=writer, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        baseline = None
        halfway = None
        while time.monotonic() - started < FLOOD_PAUSE:
            time.sleep(0.2)
            if baseline is None:
                baseline = status_kb(proc.pid, "VmRSS")
            if halfway is None and time.monotonic() - started >= FLOOD_PAUSE / 2:
                halfway = written[0]
        accepted_while_paused = written[0]
        paused_peak = status_kb(proc.pid, "VmHWM")
        # Backpressure: with nobody reading, what the server can take is bounded by its buffers, whatever the pause:
        # 2 MiB of read-ahead lines + 2 MiB of dispatcher backlog + 8 MiB of running requests (12 lines of 1 MiB),
        # the line being decoded, the pipe, and the few lines whose 160 KB answers fill the 1 MiB output queue.
        # Without backpressure the reader thread takes every line within the pause.
        assert accepted_while_paused <= 30, \
            f"the server read {accepted_while_paused} of {FLOOD_LINES} lines while its output was not read"

        answered: dict = {}
        for raw in proc.stdout:
            message = json.loads(raw)
            if "method" in message:
                continue
            answered[message["id"]] = answered.get(message["id"], 0) + 1
            assert "result" in message and message["result"]["tools"], raw[:200]
            if len(answered) == FLOOD_LINES:
                break
        thread.join(30)
        # The kernel's high-water mark of the server's resident set since exec, read while it still runs (stdin is
        # open). Not wait4's ru_maxrss: that also counts the forked copy of this (large) test process before exec.
        peak = status_kb(proc.pid, "VmHWM")
        proc.stdin.close()
        proc.stdout.close()
        code = proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print(f"\nunread flood: {FLOOD_LINES} lines of 1 MiB, reads paused {FLOOD_PAUSE:.0f}s; server took "
              f"{halfway} lines after {FLOOD_PAUSE / 2:.0f}s and {accepted_while_paused} after {FLOOD_PAUSE:.0f}s; RSS after start {baseline / 1024:.1f} MB, peak while "
              f"paused {paused_peak / 1024:.1f} MB, peak overall {peak / 1024:.1f} MB; {elapsed:.1f}s in all")
    assert not write_error, write_error
    assert code == 0
    assert sorted(answered) == list(range(FLOOD_LINES)), "some requests were not answered"
    assert all(count == 1 for count in answered.values()), "a request was answered twice"
    assert peak < PEAK_LIMIT_MB * 1024, f"peak RSS {peak / 1024:.1f} MB"


def _destructive_call(id_):
    return {"jsonrpc": "2.0", "id": id_, "method": "tools/call",
            "params": {"name": "DeleteVideo", "arguments": {"VideoIds": "0123456789abcdef0123456789abcdef"}}}


def _answer_elicitation(server: LineProcess, accept: bool, timeout: float = 30):
    ask = server.wait_for(lambda v: isinstance(v, dict) and v.get("method") == "elicitation/create", timeout)
    assert ask is not None, "no elicitation/create arrived (deadlock?): " + server.stderr.decode(errors="replace")[-500:]
    content = {"action": "accept", "content": {"confirm": True}} if accept else {"action": "decline"}
    server.send({"jsonrpc": "2.0", "id": ask["id"], "result": content})
    return ask


def test_sequential_destructive_call_with_elicitation_does_not_deadlock(tmp_path):
    """--sequential with an elicitation client: the reader goes on reading the answer while the call waits for it;
    a request sent meanwhile still runs after the first one (order kept)."""
    server = LineProcess([binary(), "--sandbox", "--sequential"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        legacy_init(server, {"elicitation": {}})
        server.send(_destructive_call(1))
        server.send({"jsonrpc": "2.0", "id": 2, "method": "ping"})
        _answer_elicitation(server, accept=False)
        first = server.response(1, timeout=30)
        second = server.response(2, timeout=30)
        assert first is not None and second is not None
        assert "Safety.ConfirmationDeclined" in json.dumps(first), first
        replies = [json.loads(line).get("id") for line in server.lines]
        assert replies.index(1) < replies.index(2), "sequential order was not kept"
        assert server.finish(timeout=20) == 0
    finally:
        server.kill()


def test_batch_member_can_ask_for_confirmation(tmp_path):
    """A destructive call inside a 2025-03-26 batch from an elicitation client is asked about, not cancelled."""
    server = LineProcess([binary(), "--sandbox"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        legacy_init(server, {"elicitation": {}}, version="2025-03-26")
        server.send([_destructive_call(1), {"jsonrpc": "2.0", "id": 2, "method": "ping"}])
        _answer_elicitation(server, accept=True)
        batch = server.wait_for(lambda v: isinstance(v, list), timeout=30)
        assert batch is not None, "the batch was never answered"
        by_id = {item["id"]: item for item in batch}
        assert set(by_id) == {1, 2}
        assert "Network.Cancelled" not in json.dumps(by_id[1]), by_id[1]
        assert "Safety.Confirmation" not in json.dumps(by_id[1]), by_id[1]
    finally:
        server.kill()


def test_reused_id_gets_exactly_one_answer(tmp_path):
    server = LineProcess([binary(), "--test-tools", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        legacy_init(server, {})
        sleep = {"jsonrpc": "2.0", "id": 7, "method": "tools/call",
                 "params": {"name": "test_sleep", "arguments": {"Steps": 2, "StepMilliseconds": 500}}}
        server.send(sleep)
        time.sleep(0.3)
        server.send({"jsonrpc": "2.0", "id": 7, "method": "ping"})
        error = server.response(7, timeout=10)
        assert error is not None and error["error"]["code"] == -32600, error
        assert "sent again" in error["error"]["message"]
        time.sleep(2)  # the first request would have finished by now
        assert server.request({"jsonrpc": "2.0", "id": 8, "method": "ping"}) is not None
        answers = [line for line in server.lines if json.loads(line).get("id") == 7]
        assert len(answers) == 1, answers
    finally:
        server.kill()


@pytest.mark.parametrize("token", [{}, [], 1.5, True, {"a": 1}])
def test_progress_token_of_a_wrong_type_is_refused(tmp_path, token):
    server = LineProcess([binary(), "--test-tools", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        message = modern("tools/call", 1, {"name": "test_sleep", "arguments": {"Steps": 1},
                                           "_meta": {"progressToken": token}})
        answer = server.request(message, timeout=15)
        assert answer is not None and answer.get("error", {}).get("code") == -32602, answer
        assert "progressToken" in answer["error"]["message"]
        assert not any(b"notifications/progress" in line for line in server.lines)
    finally:
        server.kill()


@pytest.mark.parametrize("token", ["p1", 42, None])
def test_progress_token_string_integer_or_null(tmp_path, token):
    server = LineProcess([binary(), "--test-tools", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        message = modern("tools/call", 1, {"name": "test_sleep", "arguments": {"Steps": 3},
                                           "_meta": {"progressToken": token}})
        answer = server.request(message, timeout=15)
        assert answer is not None and "result" in answer, answer
        progress = [json.loads(line) for line in server.lines if b"notifications/progress" in line]
        if token is None:
            assert not progress
        else:
            assert progress and all(p["params"]["progressToken"] == token for p in progress)
    finally:
        server.kill()


def test_resources_read_of_a_huge_uri_answers_briefly(tmp_path):
    server = LineProcess([binary(), "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        uri = "vod://docs/" + "a" * (4 << 20)
        server.send(modern("resources/read", 1, {"uri": uri}))
        answer = server.response(1, timeout=30)
        assert answer is not None and "error" in answer
        size = max(len(line) for line in server.lines)
        assert size < 4096, f"the error is {size} bytes"
    finally:
        server.kill()


HUGE = "A" * (4 << 20)


@pytest.mark.parametrize("method,params", [
    ("tools/call", {"name": HUGE, "arguments": {}}),
    ("tools/call", {"name": "AddCategory", "arguments": {"CateName": "x", "Type": HUGE}}),
    ("tools/call", {"name": "AddCategory", "arguments": {"CateName": "x", HUGE: 1}}),
    ("prompts/get", {"name": HUGE}),
    ("tasks/get", {"taskId": HUGE}),
    (HUGE, {}),
], ids=["tool", "enum", "parameter", "prompt", "task", "method"])
def test_huge_input_is_never_echoed_in_full(tmp_path, method, params):
    server = LineProcess([binary(), "--toolsets", "all"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        server.send(modern(method, 1, params))
        assert server.response(1, timeout=30) is not None
        size = max(len(line) for line in server.lines)
        assert size < 8192, f"the answer is {size} bytes"
    finally:
        server.kill()


BOOLEAN_VARIABLES = ["VOD_MCP_READ_ONLY", "VOD_MCP_ALLOW_DESTRUCTIVE", "VOD_MCP_DRY_RUN", "VOD_MCP_SEQUENTIAL",
                     "VOD_MCP_TEST_TOOLS", "VOD_MCP_SANDBOX", "ALIBABA_CLOUD_ECS_METADATA_DISABLED"]


@pytest.mark.parametrize("value", ["TRUE ", "y", "enabled", "2", " 1"])
@pytest.mark.parametrize("name", BOOLEAN_VARIABLES)
def test_unknown_boolean_value_stops_startup(tmp_path, name, value):
    env = clean_env(str(tmp_path), **{name: value})
    done = subprocess.run([binary(), "--dry-run"], input=b"", env=env, capture_output=True, timeout=30)
    assert done.returncode != 0, f"{name}={value!r} was accepted"
    assert done.stdout == b""
    stderr = done.stderr.decode()
    assert name in stderr and "true" in stderr and "false" in stderr, stderr


@pytest.mark.parametrize("value,read_only", [("TRUE", True), ("1", True), ("on", True), ("No", False), ("", False)])
def test_read_only_accepts_the_documented_spellings(tmp_path, value, read_only):
    env = clean_env(str(tmp_path), VOD_MCP_READ_ONLY=value)
    server = LineProcess([binary(), "--dry-run"], env=env, cwd=str(tmp_path))
    try:
        answer = server.request(modern("tools/list", 1), timeout=30)
        assert answer is not None, server.stderr.decode(errors="replace")
        names = {tool["name"] for tool in answer["result"]["tools"]}
        assert ("DeleteVideo" in names) != read_only
    finally:
        server.kill()


def test_known_secrets_never_leave_the_process(tmp_path):
    """The last-line filter: a secret the process knows is masked even where nothing upstream removes it (here the
    client itself sends it as an argument, so the dry run would show it)."""
    secret = "S3cretValue+With/Base64=="
    token = "CAIS" + "t0kenPart" * 8
    env = clean_env(str(tmp_path), ALIBABA_CLOUD_ACCESS_KEY_ID="LTAI5tTestKeyId00", ALIBABA_CLOUD_ACCESS_KEY_SECRET=secret,
                    ALIBABA_CLOUD_SECURITY_TOKEN=token, VOD_MCP_LOG_LEVEL="trace")
    server = LineProcess([binary(), "--dry-run"], env=env, cwd=str(tmp_path))
    try:
        for index, value in enumerate([secret, token, "x" + secret + "y"]):
            answer = server.request(modern("tools/call", index, {"name": "GetVideoInfo", "arguments": {"VideoId": value}}))
            assert answer is not None
        server.request(modern("resources/read", 9, {"uri": "vod://docs/" + token}))
        server.finish(timeout=15)
    finally:
        server.kill()
    stdout = b"\n".join(server.lines)
    assert b"<redacted>" in stdout
    encoded = [secret, token, secret.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D")]
    for form in encoded:
        assert form.encode() not in stdout, f"{form} leaked on stdout"
        assert form.encode() not in bytes(server.stderr), f"{form} leaked on stderr"


@pytest.mark.parametrize("signal_number", [signal.SIGTERM, signal.SIGINT])
def test_signal_removes_the_temporary_sandbox_folder(tmp_path, signal_number):
    server = LineProcess([binary(), "--sandbox"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        assert server.request(modern("tools/list", 1), timeout=30) is not None
        match = re.search(rb"state in ([^)]+)\)", bytes(server.stderr))
        assert match, bytes(server.stderr)
        folder = match.group(1).decode()
        assert os.path.isdir(folder)
        server.proc.send_signal(signal_number)
        code = server.proc.wait(timeout=15)
        assert code == 128 + signal_number or code == -signal_number
        assert not os.path.exists(folder), f"{folder} was left behind"
    finally:
        server.kill()


def test_background_tasks_are_bounded(tmp_path):
    """Tasks-extension calls return at once and run in the background, so admission does not bound them: the task
    store does (64 running), with an error that says how to go on."""
    server = LineProcess([binary(), "--test-tools", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    tasks_meta = {"io.modelcontextprotocol/clientCapabilities": {"extensions": {"io.modelcontextprotocol/tasks": {}}}}
    try:
        for index in range(70):
            server.send(modern("tools/call", index, {"name": "test_sleep", "arguments": {"Steps": 1, "StepMilliseconds": 60000},
                                                     "_meta": tasks_meta}))
        answers = [server.response(index, timeout=20) for index in range(70)]
        assert all(answer is not None for answer in answers)
        created = [a for a in answers if a.get("result", {}).get("resultType") == "task"]
        refused = [a for a in answers if "error" in a]
        assert len(created) == 64 and len(refused) == 6, (len(created), len(refused))
        assert "Too many tasks" in refused[0]["error"]["message"]
        server.request(modern("tasks/cancel", "c", {"taskId": created[0]["result"]["taskId"], "_meta": tasks_meta}))
        again = server.request(modern("tools/call", "again", {"name": "test_sleep", "arguments": {"Steps": 1},
                                                              "_meta": tasks_meta}))
        assert again["result"]["resultType"] == "task", again
    finally:
        server.kill()


def test_cancellation_read_right_after_its_request_wins(tmp_path):
    """The reader hands requests to a dispatcher and handles cancellations at once: a cancellation sent in the same
    write as its request must still stop it (no answer), not lose the race to the dispatcher."""
    server = LineProcess([binary(), "--test-tools", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    try:
        legacy_init(server, {})
        for index in range(20):
            call = {"jsonrpc": "2.0", "id": f"c{index}", "method": "tools/call",
                    "params": {"name": "test_sleep", "arguments": {"Steps": 1, "StepMilliseconds": 300}}}
            cancel = {"jsonrpc": "2.0", "method": "notifications/cancelled", "params": {"requestId": f"c{index}"}}
            server.send_bytes((json.dumps(call) + "\n" + json.dumps(cancel) + "\n").encode())
        time.sleep(1.5)
        assert server.request({"jsonrpc": "2.0", "id": "after", "method": "ping"}) is not None
        answered = [json.loads(line)["id"] for line in server.lines if b'"id":"c' in line]
        assert not answered, f"cancelled requests were answered: {answered}"
    finally:
        server.kill()
