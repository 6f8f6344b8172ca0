"""Tool-schema quality: every input (and output) schema is a valid JSON Schema (draft 2020-12, MCP's default), and
every example call in the llms/ docs validates against its tool's schema and is accepted by the server (DryRun)."""
import json
import re
import subprocess

import jsonschema
import pytest

from hostile.docs import example_calls
from hostile.process import ENVELOPE, LineProcess, binary, clean_env

NAME = re.compile(r"^[A-Za-z0-9_.-]{1,128}$")
# Tools another branch adds (uploads); their doc examples are checked once the tools are listed.
PENDING_TOOLS = {"upload_media_file", "upload_media_url", "wait_for_media"}
Validator = jsonschema.Draft202012Validator


def listed_tools(*args) -> list[dict]:
    out = subprocess.run([binary(), "tools", *args], capture_output=True, text=True, timeout=60, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def all_tools():
    tools = listed_tools("--toolsets", "all", "--test-tools")
    return {tool["name"]: tool for tool in tools}


@pytest.fixture(scope="module")
def default_tools():
    return {tool["name"]: tool for tool in listed_tools()}


def test_catalogue_is_complete(all_tools):
    operations = [name for name in all_tools if name[0].isupper()]
    assert len(operations) == 188
    assert {"describe_api", "call_api", "search_docs", "read_doc"} <= set(all_tools)


@pytest.mark.parametrize("toolset", ["all", "default"])
def test_every_schema_is_valid_json_schema(all_tools, default_tools, toolset):
    tools = all_tools if toolset == "all" else default_tools
    problems = []
    for name, tool in tools.items():
        if not NAME.match(name):
            problems.append(f"{name}: name does not match {NAME.pattern}")
        if not (tool.get("description") or "").strip():
            problems.append(f"{name}: no description")
        for key in ("inputSchema", "outputSchema"):
            schema = tool.get(key)
            if schema is None:
                if key == "inputSchema":
                    problems.append(f"{name}: no inputSchema")
                continue
            try:
                Validator.check_schema(schema)
            except jsonschema.SchemaError as error:
                problems.append(f"{name}.{key}: {error.message} at {list(error.absolute_path)}")
                continue
            if schema.get("type") != "object":
                problems.append(f"{name}.{key}: root type is {schema.get('type')!r}, MCP needs 'object'")
            for combinator in ("anyOf", "oneOf", "allOf", "not"):
                if combinator in schema:
                    problems.append(f"{name}.{key}: top-level {combinator} (clients handle these poorly)")
        schema = tool["inputSchema"]
        properties = schema.get("properties", {})
        for required in schema.get("required", []):
            if required not in properties:
                problems.append(f"{name}: required {required!r} is not a property")
        for prop, spec in properties.items():
            if "type" not in spec and "enum" not in spec and "const" not in spec:
                problems.append(f"{name}.{prop}: no type")
            if not (spec.get("description") or "").strip() and not name.startswith("test_"):
                problems.append(f"{name}.{prop}: no description")
            if "default" in spec:
                try:
                    Validator(spec).validate(spec["default"])
                except jsonschema.ValidationError as error:
                    problems.append(f"{name}.{prop}: default {spec['default']!r} violates its own schema: {error.message}")
            for value in spec.get("enum", []):
                try:
                    Validator({k: v for k, v in spec.items() if k != "enum"}).validate(value)
                except jsonschema.ValidationError as error:
                    problems.append(f"{name}.{prop}: enum value {value!r} violates its own schema: {error.message}")
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:60])


def test_every_docs_example_validates_against_its_schema(all_tools):
    examples = example_calls()
    assert len(examples) >= 150, "the docs should carry an example call for (nearly) every operation"
    problems = []
    for path, line, call in examples:
        tool = all_tools.get(call["name"])
        if tool is None and call["name"] in PENDING_TOOLS:
            continue
        if tool is None:
            problems.append(f"{path}:{line}: example calls unknown tool {call['name']!r}")
            continue
        for error in Validator(tool["inputSchema"]).iter_errors(call["arguments"]):
            problems.append(f"{path}:{line}: {call['name']}: {error.message} at {list(error.absolute_path)}")
    assert not problems, f"{len(problems)} of {len(examples)} examples fail:\n" + "\n".join(problems[:60])


def test_every_operation_has_a_docs_example(all_tools):
    documented = {call["name"] for _, _, call in example_calls()}
    missing = sorted(name for name in all_tools if name[0].isupper() and name not in documented)
    assert not missing, f"operations without an example call in llms/: {missing}"


def test_server_accepts_every_docs_example(tmp_path):
    """What the schema allows, the server's own validator allows too (DryRun: nothing is sent)."""
    server = LineProcess([binary(), "--toolsets", "all", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    problems = []
    try:
        listed = {tool["name"] for tool in listed_tools("--toolsets", "all")}
        examples = [e for e in example_calls() if e[2]["name"] not in PENDING_TOOLS or e[2]["name"] in listed]
        # upload_media_file checks its file even in a dry run: give every example path a small file.
        for _, _, call in examples:
            file_path = call["arguments"].get("FilePath") if call["name"] == "upload_media_file" else None
            if isinstance(file_path, str) and not file_path.startswith("/"):
                target = tmp_path / file_path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(b"\x00" * 1024)
        for index, (path, line, call) in enumerate(examples):
            server.send({"jsonrpc": "2.0", "id": index, "method": "tools/call",
                         "params": {"name": call["name"], "arguments": call["arguments"], "_meta": dict(ENVELOPE)}})
        for index, (path, line, call) in enumerate(examples):
            answer = server.response(index, timeout=30)
            if answer is None:
                problems.append(f"{path}:{line}: no answer")
            elif "error" in answer:
                problems.append(f"{path}:{line}: {answer['error']['message']}")
            elif answer["result"].get("isError"):
                problems.append(f"{path}:{line}: {answer['result']['content'][0]['text'][:300]}")
    finally:
        server.kill()
    assert not problems, f"{len(problems)} examples refused:\n" + "\n".join(problems[:40])


def test_server_rejects_what_the_schema_rejects(all_tools, tmp_path):
    """Missing required arguments, unknown arguments and wrong types fail in the server as the schema says."""
    server = LineProcess([binary(), "--toolsets", "all", "--dry-run"], env=clean_env(str(tmp_path)), cwd=str(tmp_path))
    cases = []
    for name, tool in sorted(all_tools.items()):
        if not name[0].isupper():
            # Helper tools (snake_case) refuse unknown names too, in the server's one check for them.
            cases.append((name, {"DefinitelyNotAParameter": 1}))
            continue
        schema = tool["inputSchema"]
        if schema.get("required"):
            cases.append((name, {}))
        # Unknown names: the schema no longer says additionalProperties: false at the top (google-genai's MCP
        # converter crashes on it; strict converters add it themselves), but the server still refuses them.
        cases.append((name, {"DefinitelyNotAParameter": 1}))
        for prop, spec in schema.get("properties", {}).items():
            if spec.get("type") == "integer":
                cases.append((name, {prop: "not a number"}))
                break
    problems = []
    try:
        for index, (name, arguments) in enumerate(cases):
            if "DefinitelyNotAParameter" not in arguments:
                assert list(Validator(all_tools[name]["inputSchema"]).iter_errors(arguments)), (name, arguments)
            server.send({"jsonrpc": "2.0", "id": index, "method": "tools/call",
                         "params": {"name": name, "arguments": arguments, "_meta": dict(ENVELOPE)}})
        for index, (name, arguments) in enumerate(cases):
            answer = server.response(index, timeout=30)
            if answer is None:
                problems.append(f"{name} {arguments}: no answer")
            elif "result" in answer and not answer["result"].get("isError"):
                problems.append(f"{name} {arguments}: accepted although the schema rejects it")
            elif not name[0].isupper() and "result" in answer:
                code = (answer["result"].get("structuredContent") or {}).get("code")
                if code != "Validation.UnknownParameter":
                    problems.append(f"{name} {arguments}: refused for another reason ({code}) than the unknown name")
    finally:
        server.kill()
    assert len(cases) > 300
    assert not problems, f"{len(problems)} of {len(cases)}:\n" + "\n".join(problems[:40])
