"""The output contract, checked with a JSON Schema 2020-12 validator we did not write (`jsonschema`).

`tool_schemas(binary)` lists every tool the server can publish (all toolsets, the test tools) with its outputSchema;
`contract_problems(schemas, name, result)` says what is wrong with one tools/call result: a non-error result of a tool
that declares an outputSchema must carry structuredContent that validates against it.
"""
import json
import re
import subprocess

import jsonschema

ENVELOPE = {"io.modelcontextprotocol/protocolVersion": "2026-07-28", "io.modelcontextprotocol/clientCapabilities": {}}


def tool_definitions(binary, env, extra_args=(), test_tools=True):
    request = {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": ENVELOPE}}
    tools, cursor = [], None
    while True:
        if cursor:
            request["params"]["cursor"] = cursor
        out = subprocess.run([binary, "--toolsets", "all", *(["--test-tools"] if test_tools else []), *extra_args], input=json.dumps(request) + "\n",
                             env=env, capture_output=True, text=True, timeout=60)
        result = json.loads(out.stdout.splitlines()[0])["result"]
        tools += result["tools"]
        cursor = result.get("nextCursor")
        if not cursor:
            return tools


def tool_schemas(binary, env):
    return {tool["name"]: tool.get("outputSchema") for tool in tool_definitions(binary, env)}


def contract_problems(schemas, name, result):
    """Problems of one tools/call result against the outputSchema of tool `name` (empty when it honours it)."""
    if result.get("isError") or "content" not in result:
        return []
    schema = schemas.get(name)
    if schema is None:
        return []
    jsonschema.Draft202012Validator.check_schema(schema)
    if "structuredContent" not in result:
        return [f"{name}: tool has an outputSchema but the result has no structuredContent"]
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{name}: {'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
            for error in validator.iter_errors(result["structuredContent"])]


KEY_FACT = re.compile(r"(Id|ID|URL|Url|^code$|^message$|^status$|Status$|ErrorCode|ErrorMessage|^requestId$)$")


def text_problems(name, result):
    """What a text-only client would miss: IDs, statuses, error codes and messages, URLs that appear in
    structuredContent but nowhere in the text content."""
    structured = result.get("structuredContent")
    if not isinstance(structured, dict):
        return []
    text = "\n".join(block.get("text", "") for block in result.get("content", []) if isinstance(block, dict))
    missing = []

    def walk(value, key):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and value and KEY_FACT.search(key or "") and value not in text \
                and json.dumps(value)[1:-1] not in text:
            missing.append(f"{key}={value[:80]}")

    walk(structured, None)
    return [f"{name}: text content leaves out {', '.join(missing)}"] if missing else []
