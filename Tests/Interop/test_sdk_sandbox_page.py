"""The page "Using the Official SDKs with the Sandbox" is code that runs.

Its Python program is extracted and run unchanged against a fresh `vod-mcp sandbox` (the official VOD SDK and oss2
from the test venv); the play URL it prints must serve the uploaded bytes. Its TypeScript program is parsed with the
TypeScript compiler from Debian's node-typescript (tools/install-deps installs it): the npm registry is unreachable
here, so the program cannot run, but a syntax error in the page fails this test.
"""

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGE = ROOT / "llms" / "vod-mcp" / "Using the Official SDKs with the Sandbox.md"
CLIP = ROOT / "examples" / "clip.mp4"


def code_blocks(language: str) -> list[str]:
    return re.findall(r"```" + language + r"\n(.*?)```", PAGE.read_text(), flags=re.S)


@pytest.fixture()
def sandbox_dir(vod_mcp_bin, clean_env, tmp_path):
    """A working directory holding sandbox.json (as the page's first command writes it) and clip.mp4."""
    out = open(tmp_path / "sandbox.json", "w")
    process = subprocess.Popen([vod_mcp_bin, "sandbox", "--sandbox-transcode-delay", "0.3"],
                               stdout=out, stderr=subprocess.DEVNULL, env=clean_env, cwd=tmp_path)
    try:
        for _ in range(200):
            text = (tmp_path / "sandbox.json").read_text()
            if text.endswith("\n"):
                break
            if process.poll() is not None:
                pytest.fail("vod-mcp sandbox exited before printing its JSON line")
            subprocess.run(["sleep", "0.05"])
        shutil.copy(CLIP, tmp_path / "clip.mp4")
        yield tmp_path
    finally:
        process.terminate()
        process.wait(timeout=10)
        out.close()


def test_page_has_one_program_per_language():
    assert len(code_blocks("python")) == 1
    assert len(code_blocks("typescript")) == 1


def test_python_program_runs_unchanged_and_its_play_url_serves_the_file(sandbox_dir):
    program = sandbox_dir / "program.py"
    program.write_text(code_blocks("python")[0])
    run = subprocess.run([sys.executable, str(program)], cwd=sandbox_dir, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"the page's Python program failed:\n{run.stderr[-3000:]}"
    video_id, status, url = run.stdout.split()
    assert re.fullmatch(r"[0-9a-f]{32}", video_id), run.stdout
    assert status == "Normal"
    endpoint = json.loads((sandbox_dir / "sandbox.json").read_text())["endpoint"]
    assert url.startswith(endpoint + "/"), url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == CLIP.read_bytes()


def test_typescript_program_parses():
    node = shutil.which("node")
    typescript = pathlib.Path("/usr/share/nodejs/typescript")
    if node is None or not typescript.exists():
        pytest.fail("node and Debian's node-typescript are needed (tools/install-deps installs them)")
    checker = (
        "const ts = require('typescript');"
        "const src = require('fs').readFileSync(0, 'utf8');"
        "const out = ts.transpileModule(src, {reportDiagnostics: true, fileName: 'page.ts',"
        " compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2020}});"
        "for (const d of out.diagnostics) console.log(ts.flattenDiagnosticMessageText(d.messageText, ' '));"
        "process.exit(out.diagnostics.length ? 1 : 0);"
    )
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    run = subprocess.run([node, "-e", checker], input=code_blocks("typescript")[0], capture_output=True, text=True,
                         env=env, timeout=60)
    assert run.returncode == 0, f"TypeScript syntax errors in the page:\n{run.stdout}{run.stderr}"
