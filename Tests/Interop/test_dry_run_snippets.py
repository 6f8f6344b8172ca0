"""DryRun snippets for all 188 operations, checked with tools we did not write.

Python: the snippet is run unchanged with Alibaba's official SDK (alibabacloud-vod20170321) against a loopback
recorder that vod-mcp was pointed at with --endpoint, in V1 and V3 (--signature-version); it must send exactly the
previewed request. TypeScript: every snippet is parsed by the TypeScript compiler (Debian's node-typescript,
`ts.transpileModule` syntactic diagnostics); skipped, with the reason, when node or the package is missing (tools/test
installs it).
"""
import json
import os
import pathlib
import shutil
import subprocess
import urllib.parse

import pytest

from contract import ENVELOPE
from loopback_recorder import VOLATILE, Recorder, query_of, recorder  # noqa: F401 (recorder is a fixture)

ROOT = pathlib.Path(__file__).resolve().parents[2]
CATALOG = json.loads((ROOT / "tools" / "catalog" / "vod-catalog.json").read_text())


def sample(parameter):
    """A value for every parameter that passes vod-mcp's validation and exercises its wire form."""
    if parameter.get("enum"):
        return parameter["enum"][0]
    if parameter.get("time"):
        return "2026-01-01T00:00:00Z"
    if parameter["type"] == "integer":
        low = parameter.get("minimum", 1)
        return max(low, min(parameter.get("maximum", 10), 10))
    if parameter["type"] == "boolean":
        return True
    if parameter["type"] == "array":
        items = parameter.get("items")
        if isinstance(items, dict):
            return [{key: f"{key.lower()}1" for key in items}, {key: f"{key.lower()}2" for key in items}]
        return [1, 2] if items == "integer" else ["a", "b"]
    if parameter["wire"] == "jsonString":
        return {"Sample": "value"}
    if parameter["name"] == "Match":  # SearchMedia's query language is checked before sending
        return "Title = 'demo'"
    if parameter["wire"] == "commaList":
        return "a,b"
    return "sample-" + parameter["name"][:20]


def shaped_sample(parameter, arguments):
    """The documented example of a JSON-text parameter's value shape (the catalog keeps one per shape and variant),
    picked by the parameter the variants depend on; None when the value is free-form without an example."""
    shape = parameter.get("shape") or {}
    if "example" in shape:
        return shape["example"]
    variants = shape.get("variants") or {}
    chosen = variants.get(str(arguments.get(shape.get("by")))) or next(iter(variants.values()), None)
    return chosen.get("example") if chosen else None


def arguments_for(operation):
    arguments = {p["name"]: sample(p) for p in operation["parameters"]}
    for parameter in operation["parameters"]:
        example = shaped_sample(parameter, arguments)
        if example is not None:
            arguments[parameter["name"]] = example
    return arguments


def dry_runs(binary, env, port, signature_version):
    """Dry runs of every operation with every parameter given, from one vod-mcp process: {action: structured}."""
    lines = []
    for index, operation in enumerate(CATALOG["operations"]):
        arguments = dict(arguments_for(operation), DryRun=True)
        lines.append(json.dumps({"jsonrpc": "2.0", "id": index, "method": "tools/call",
                                 "params": {"name": operation["action"], "arguments": arguments, "_meta": ENVELOPE}}))
    out = subprocess.run([binary, "--endpoint", f"http://127.0.0.1:{port}", "--signature-version", signature_version,
                          "--toolsets", "all", "--sequential"],
                         input="\n".join(lines) + "\n", env=env, capture_output=True, text=True, timeout=300)
    results, failures = {}, []
    for line in out.stdout.splitlines():
        message = json.loads(line)
        action = CATALOG["operations"][message["id"]]["action"]
        result = message["result"]
        if result["isError"]:
            failures.append(f"{action}: dry run refused: {result['content'][0]['text'][:300]}")
        else:
            results[action] = result["structuredContent"]
    return results, failures


@pytest.mark.parametrize("signature_version", ["v1", "v3"])
def test_every_python_snippet_sends_the_previewed_request(vod_mcp_bin, clean_env, recorder, signature_version):
    previews, failures = dry_runs(vod_mcp_bin, clean_env, recorder, signature_version)
    assert len(previews) + len(failures) == len(CATALOG["operations"]) == 188
    saved = {k: os.environ.get(k) for k in ("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET")}
    os.environ.update({"ALIBABA_CLOUD_ACCESS_KEY_ID": "testid", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "testsecret"})
    try:
        for action, preview in sorted(previews.items()):
            snippet = preview["python"]
            if (signature_version == "v1") != ('signature_algorithm="v2"' in snippet):
                failures.append(f"{action}: snippet does not follow --signature-version {signature_version}")
            if f'endpoint="127.0.0.1:{recorder}"' not in snippet or 'protocol="http"' not in snippet:
                failures.append(f"{action}: snippet does not carry the configured endpoint")
            Recorder.requests = []
            try:
                exec(compile(snippet, f"<{action} snippet>", "exec"), {"__name__": "snippet", "print": lambda *a: None})
            except Exception as error:
                failures.append(f"{action}: snippet raised {type(error).__name__}: {str(error)[:200]}")
                continue
            if len(Recorder.requests) != 1:
                failures.append(f"{action}: snippet sent {len(Recorder.requests)} requests")
                continue
            sent = Recorder.requests[0]
            ours = query_of(preview["request"]["url"])
            theirs = query_of(sent["path"])
            if sent["body"]:
                theirs.update(dict(urllib.parse.parse_qsl(sent["body"].decode(), keep_blank_values=True)))
            ours = {k: v for k, v in ours.items() if k not in VOLATILE}
            theirs = {k: (v.upper() if k == "Format" else v) for k, v in theirs.items() if k not in VOLATILE}
            if sent["method"] != preview["request"]["method"]:
                failures.append(f"{action}: SDK sent {sent['method']}, preview says {preview['request']['method']}")
            if ours != theirs:
                diff = {k: (ours.get(k), theirs.get(k)) for k in set(ours) | set(theirs) if ours.get(k) != theirs.get(k)}
                failures.append(f"{action}: parameters differ (preview, SDK): {json.dumps(diff)[:300]}")
            if signature_version == "v3":
                headers = {k.lower(): v for k, v in sent["headers"].items()}
                if headers.get("x-acs-action") != action or not headers.get("authorization", "").startswith("ACS3-"):
                    failures.append(f"{action}: the SDK did not sign with ACS3 for --signature-version v3")
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    assert failures == [], f"{len(failures)} of 188 snippets fail:\n" + "\n".join(failures)


TS_CHECK = r"""
const ts = require('typescript');
const snippets = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const failures = [];
for (const [action, code] of Object.entries(snippets)) {
  const out = ts.transpileModule(code, {reportDiagnostics: true, fileName: action + '.ts',
    compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022}});
  for (const d of out.diagnostics || []) failures.push(action + ': ' + ts.flattenDiagnosticMessageText(d.messageText, ' '));
}
console.log(JSON.stringify({version: ts.version, checked: Object.keys(snippets).length, failures}));
"""


def test_every_typescript_snippet_parses(vod_mcp_bin, clean_env, recorder):
    node = shutil.which("node")
    if node is None or not pathlib.Path("/usr/share/nodejs/typescript").exists():
        pytest.skip("needs node and Debian's node-typescript (tools/install-deps installs them)")
    previews, failures = dry_runs(vod_mcp_bin, clean_env, recorder, "v3")
    assert failures == []
    snippets = {action: preview["typescript"] for action, preview in previews.items()}
    out = subprocess.run([node, "-e", TS_CHECK], input=json.dumps(snippets), capture_output=True, text=True,
                         env=dict(os.environ, NODE_PATH="/usr/share/nodejs"), timeout=300)
    report = json.loads(out.stdout)
    assert report["checked"] == 188
    assert report["failures"] == [], "\n".join(report["failures"])
