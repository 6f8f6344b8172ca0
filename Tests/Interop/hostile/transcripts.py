"""Replays Tests/TranscriptTests/Transcripts/*.jsonl against the binary (sends only; expectations are the Swift
suite's job) so other suites can inspect everything the server prints. Captures are honoured so later steps work."""
import base64
import json
import os
import tempfile
import time

from .process import ROOT, LineProcess, binary

DIRECTORY = ROOT / "Tests" / "TranscriptTests" / "Transcripts"


def names() -> list[str]:
    return sorted(p.name for p in DIRECTORY.glob("*.jsonl"))


def _capture(expected, actual, captures):
    if isinstance(expected, str) and expected.startswith("<capture:") and expected.endswith(">"):
        captures[expected[len("<capture:"):-1]] = actual
    elif isinstance(expected, dict) and isinstance(actual, dict):
        for key, value in expected.items():
            if key in actual:
                _capture(value, actual[key], captures)
    elif isinstance(expected, list) and isinstance(actual, list):
        for e, a in zip(expected, actual):
            _capture(e, a, captures)


def substitute(value, captures):
    """`${NAME}` in a transcript's sends, replaced by what `<capture:NAME>` took from an earlier answer."""
    if isinstance(value, str):
        if value.startswith("${") and value.endswith("}") and value[2:-1] in captures:
            return captures[value[2:-1]]
        for name, captured in captures.items():
            if isinstance(captured, str):
                value = value.replace("${" + name + "}", captured)
        return value
    if isinstance(value, list):
        return [substitute(v, captures) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, captures) for k, v in value.items()}
    return value


def load(path, base_env: dict, prefix: str = "vod-mcp-transcript-"):
    """Reads one transcript (a name in DIRECTORY or a path): its steps after the setup line, and the arguments,
    environment and working directory (a fresh temporary folder holding its files, when it asks for one) that the
    setup line gives; cwd is None when the transcript does not ask for one."""
    path = DIRECTORY / path if isinstance(path, str) else path
    steps = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    args, env, cwd = [], dict(base_env), None
    if steps and "args" in steps[0]:
        first = steps.pop(0)
        args = first["args"]
        env.update(first.get("env", {}))
        if first.get("cwd") == "tmp":
            cwd = tempfile.mkdtemp(prefix=prefix)
            for file, content in first.get("files", {}).items():
                with open(os.path.join(cwd, file), "w") as handle:
                    handle.write(content)
    return steps, args, env, cwd


def replay(name: str, base_env: dict, line_timeout: float = 5.0) -> LineProcess:
    """Runs one transcript; returns the finished process (its stdout lines and stderr)."""
    steps, args, env, cwd = load(name, base_env, prefix="vod-mcp-leak-")
    server = LineProcess([binary(), *args], env=env, cwd=cwd or base_env.get("HOME"))
    captures: dict = {}
    read = 0

    def next_line():
        nonlocal read
        deadline = time.monotonic() + line_timeout
        with server.cond:
            while read >= len(server.lines) and not server.eof and time.monotonic() < deadline:
                server.cond.wait(max(0.0, deadline - time.monotonic()))
            if read < len(server.lines):
                read += 1
                try:
                    return json.loads(server.lines[read - 1])
                except ValueError:
                    return None
        return None

    try:
        for step in steps:
            if "send" in step:
                server.send(substitute(step["send"], captures))
            elif "sendRaw" in step:
                server.send_bytes(step["sendRaw"].encode("utf-8") + b"\n")
            elif "sendBase64" in step:
                server.send_bytes(base64.b64decode(step["sendBase64"]))
            elif "expect" in step:
                actual = next_line()
                if actual is not None:
                    _capture(step["expect"], actual, captures)
            elif "expectUnordered" in step:
                for _ in step["expectUnordered"]:
                    next_line()
            elif "sleep" in step or "expectNoOutput" in step:
                time.sleep((step.get("sleep") or step.get("expectNoOutput") or 0) / 1000)
            elif step.get("close"):
                server.close_input()
    except (BrokenPipeError, OSError):
        pass
    server.finish(timeout=10)
    return server
