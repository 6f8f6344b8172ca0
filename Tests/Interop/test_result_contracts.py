"""Every non-error tool result honours its tool's outputSchema (JSON Schema 2020-12, checked with `jsonschema`).

Covered: every recorded transcript (replayed against the built binary, collecting what the server really sent), and a
sandbox scenario that calls every tool declaring an outputSchema for real and as a dry run.
"""
import base64
import json
import os
import pathlib
import queue
import subprocess
import tempfile
import threading
import time

import pytest

from hostile import transcripts
from hostile.process import clean_env
from contract import ENVELOPE, contract_problems, text_problems, tool_schemas
from journeys import Session

TRANSCRIPTS = transcripts.DIRECTORY


@pytest.fixture(scope="module")
def schemas(vod_mcp_bin):
    found = tool_schemas(vod_mcp_bin, clean_env(os.environ.get("HOME", tempfile.gettempdir())))
    assert sum(1 for schema in found.values() if schema) >= 22
    return found


def matches(expected, actual, captures):
    """TranscriptTests' matcher, for its captures: `<any>`, `<capture:NAME>`, `<partial>` objects."""
    if isinstance(expected, str):
        if expected == "<any>":
            return True
        if expected.startswith("<capture:") and expected.endswith(">"):
            captures[expected[9:-1]] = actual
            return True
    if isinstance(expected, dict) and isinstance(actual, dict):
        left = dict(expected)
        if left.pop("<partial>", None) is None and set(left) != set(actual):
            return False
        return all(key in actual and matches(value, actual[key], captures) for key, value in left.items())
    if isinstance(expected, list) and isinstance(actual, list):
        return len(expected) == len(actual) and all(matches(e, a, captures) for e, a in zip(expected, actual))
    return expected == actual


def replay(binary, path):
    """Runs one transcript; returns [(tool name, result)] for every tools/call answered with a result."""
    steps, args, env, cwd = transcripts.load(path, clean_env(os.environ.get("HOME", tempfile.gettempdir())),
                                             prefix="vod-mcp-contract-")
    process = subprocess.Popen([binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=env, cwd=cwd)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(l) for l in process.stdout] and None, daemon=True).start()
    calls, results, captures = {}, [], {}

    def read(timeout=15):
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            return None
        try:
            message = json.loads(line)
        except ValueError:
            return None
        for item in (message if isinstance(message, list) else [message]):
            if isinstance(item, dict) and "result" in item and json.dumps(item.get("id")) in calls:
                results.append((calls[json.dumps(item["id"])], item["result"]))
        return message

    def send(data):
        try:
            process.stdin.write(data)
            process.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass

    try:
        for step in steps:
            if "send" in step:
                message = transcripts.substitute(step["send"], captures)
                for item in (message if isinstance(message, list) else [message]):
                    if isinstance(item, dict) and item.get("method") == "tools/call" and "id" in item:
                        calls[json.dumps(item["id"])] = (item.get("params") or {}).get("name")
                send((json.dumps(message) + "\n").encode())
            elif "sendRaw" in step:
                send((step["sendRaw"] + "\n").encode())
            elif "sendBase64" in step:
                send(base64.b64decode(step["sendBase64"]))
            elif "expect" in step:
                actual = read()
                if actual is not None:
                    matches(step["expect"], actual, captures)
            elif "expectUnordered" in step:
                received = [read() for _ in step["expectUnordered"]]
                for actual in received:
                    for expected in step["expectUnordered"]:
                        if actual is not None and matches(expected, actual, {}):
                            matches(expected, actual, captures)
                            break
            elif "expectNoOutput" in step:
                read(step["expectNoOutput"] / 1000)
            elif "sleep" in step:
                time.sleep(step["sleep"] / 1000)
            elif step.get("close"):
                process.stdin.close()
            elif "expectExit" in step:
                process.wait(timeout=step.get("withinMs", 3000) / 1000 + 5)
        if not process.stdin.closed:
            process.stdin.close()
        deadline = time.time() + 10
        while time.time() < deadline and read(0.5 if process.poll() is not None else 2) is not None:
            pass
    finally:
        process.kill()
        process.wait()
    return results


CHECKED = []


@pytest.mark.parametrize("path", sorted(TRANSCRIPTS.glob("*.jsonl")), ids=lambda p: p.stem)
def test_transcript_results_honour_output_schemas(vod_mcp_bin, schemas, path):
    problems = []
    for name, result in replay(vod_mcp_bin, path):
        problems += contract_problems(schemas, name, result)
        problems += text_problems(name, result)
        if schemas.get(name) and not result.get("isError"):
            CHECKED.append(name)
    assert problems == [], "\n".join(problems)


def test_transcripts_hold_results_to_check():
    """Runs after the replays: they really collected non-error results of tools that declare an outputSchema."""
    print(f"transcripts: {len(CHECKED)} non-error results of tools with an outputSchema validated")
    assert len(CHECKED) >= 5, CHECKED


SAMPLES = {"string": "sample", "integer": 1, "number": 1, "boolean": False}


# Arguments the type alone does not give (JSON texts, file names, one-of groups); "<video>" is the uploaded video.
REALISTIC = {
    "AddAITemplate": {"TemplateConfig": '{"AuditItem":["terrorism"]}'},
    "AddTranscodeTemplateGroup": {"Name": "contract", "TranscodeTemplateList": '[{"Definition":"LD"}]'},
    "AddVodDomain": {"DomainName": "contract.example.com", "Sources": '[{"content":"1.2.3.4","type":"ipaddr","port":80}]'},
    "AddVodTemplate": {"TemplateConfig": '{"SnapshotConfig":{}}'},
    "CreateAudit": {"AuditContent": '[{"VideoId":"<video>","Status":"Normal"}]'},
    "UpdateImageInfos": {"UpdateContent": '[{"ImageId":"none","Title":"x"}]'},
    "CreateUploadAttachedMedia": {"BusinessType": "watermark", "MediaExt": "png"},
    "CreateUploadVideo": {"FileName": "contract.mp4"},
    # Helper tools declare outputSchemas too (from their HelperTool description).
    "upload_media_file": {"FilePath": "clip.mp4"},
    "upload_media_url": {"URLs": ["https://example.com/contract.mp4"], "WaitSeconds": 0},
    "wait_for_media": {"TimeoutSeconds": 5},
    "sign_playback_url": {"URL": "https://v.example.com/a.mp4"},
    "search_docs": {"Query": "upload"},
}


def sample_arguments(tool):
    """The required arguments of a tool, filled with plain values of the declared types."""
    schema = tool["inputSchema"]
    arguments = {}
    for name in schema.get("required", []):
        prop = schema["properties"][name]
        if "enum" in prop:
            arguments[name] = prop["enum"][0]
        elif prop.get("type") == "array":
            item = prop.get("items", {})
            if item.get("type") == "object":
                arguments[name] = [{key: "sample" for key in item.get("properties", {})}]
            else:
                arguments[name] = [SAMPLES.get(item.get("type"), "sample")]
        else:
            arguments[name] = SAMPLES.get(prop.get("type"), "sample")
    return arguments


def test_sandbox_results_honour_output_schemas(vod_mcp_bin, schemas, clean_env, tmp_path):
    """Every tool with an outputSchema, called for real and as a dry run in the sandbox, plus upload then GetVideoInfo."""
    (tmp_path / "clip.mp4").write_bytes(b"not a real video, the sandbox only stores it " * 64)
    session = Session(vod_mcp_bin,
                      ["--sandbox", "--sandbox-transcode-delay", "0.2", "--allow-destructive", "--test-tools"],
                      tmp_path, clean_env)
    problems, checked, failed = [], 0, []
    try:
        uploaded = session.call("upload_media_file", {"FilePath": "clip.mp4", "Title": "contract"})
        assert not uploaded["isError"], uploaded
        video_id = uploaded["structuredContent"]["VideoId"]
        info = session.call("GetVideoInfo", {"VideoId": video_id})
        assert not info["isError"], info
        problems += contract_problems(schemas, "GetVideoInfo", info)
        waited = session.call("wait_for_media", {"VideoId": video_id, "TimeoutSeconds": 20})
        assert not waited["isError"] and waited["structuredContent"]["status"] == "reached", waited
        after = session.call("GetVideoInfo", {"VideoId": video_id})
        problems += contract_problems(schemas, "GetVideoInfo", after)
        definitions = {tool["name"]: tool for tool in __import__("contract").tool_definitions(vod_mcp_bin, clean_env)}
        # Destructive calls last, so they do not delete the video the others use.
        order = sorted(schemas.items(), key=lambda item: (
            bool(definitions[item[0]].get("annotations", {}).get("destructiveHint")), item[0]))
        for name, schema in order:
            if not schema:
                continue
            arguments = dict(sample_arguments(definitions[name]), **REALISTIC.get(name, {}))
            arguments = {k: (v.replace("<video>", video_id) if isinstance(v, str) else v) for k, v in arguments.items()}
            for key in ("VideoId", "VideoIds", "MediaIds"):
                if key in definitions[name]["inputSchema"]["properties"]:
                    arguments[key] = video_id
            for call in (dict(arguments, DryRun=True), arguments):
                result = session.call(name, call)
                problems += contract_problems(schemas, name, result)
                problems += text_problems(name, result)
                checked += 0 if result["isError"] else 1
                if result["isError"]:
                    failed.append((name, "DryRun" in call, result["structuredContent"].get("code")))
    finally:
        session.close()
    assert problems == [], "\n".join(problems)
    # Every dry run succeeds; most real calls do too with sample values.
    print(f"sandbox scenario: {checked} non-error results validated")
    assert checked >= 30, "\n".join(map(str, failed))
