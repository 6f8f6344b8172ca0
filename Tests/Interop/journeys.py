"""Scripted sessions for issue 15's journeys: one vod-mcp process (`--sandbox`), one request at a time, every
tools/call counted, and every result text checked for tool names an agent could not call as written."""
import json
import pathlib
import re
import subprocess

from hostile.process import ENVELOPE

ROOT = pathlib.Path(__file__).resolve().parents[2]


def operation_names() -> set[str]:
    catalog = json.loads((ROOT / "tools" / "catalog" / "vod-catalog.json").read_text())
    return {operation["action"] for operation in catalog["operations"]}


def unreachable_mentions(text: str, names: set[str], listed: set[str], own: str | None = None) -> list[str]:
    """Tool names in `text` that are neither listed (by default) nor written as `call_api <Name>`."""
    pattern = re.compile(r"(?<![A-Za-z0-9_/])(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True))
                         + r")(?![A-Za-z0-9_])")
    found = []
    for match in pattern.finditer(text):
        name = match.group(1)
        if name in listed or name == own or re.search(r"call_api\s*`?$", text[:match.start()]):
            continue
        found.append(f"{name} in {text[max(0, match.start() - 50):match.end() + 30]!r}")
    return found


class Session:
    """One vod-mcp process in the stateless era; `calls` counts the tools/call requests sent."""

    def __init__(self, binary, args, cwd, env):
        self.process = subprocess.Popen([binary, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, cwd=cwd, env=env)
        self.next_id = 0
        self.calls = 0
        self.texts: list[str] = []

    def request(self, method, params=None):
        self.next_id += 1
        params = dict(params or {}, _meta=ENVELOPE)
        self.process.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                                             "params": params}) + "\n")
        self.process.stdin.flush()
        while True:
            reply = json.loads(self.process.stdout.readline())
            if reply.get("id") == self.next_id:
                return reply

    def call(self, name, arguments):
        self.calls += 1
        reply = self.request("tools/call", {"name": name, "arguments": arguments})
        assert "result" in reply, reply
        result = reply["result"]
        self.texts += [block.get("text", "") for block in result.get("content", [])]
        return result

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def text_of(result) -> str:
    return "\n".join(block.get("text", "") for block in result.get("content", []))
