"""Example tool calls found in the llms/ documentation (```json blocks of the form {"name", "arguments"})."""
import json
import pathlib
import re

from .process import ROOT

BLOCK = re.compile(r"```json\s*\n(.*?)\n```", re.S)


def example_calls(root: pathlib.Path = ROOT / "llms") -> list[tuple[str, int, dict]]:
    """(file, line, call) for every JSON block in the docs; a block may hold one object or one object per line."""
    found = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            line = text.count("\n", 0, match.start(1)) + 1
            body = match.group(1)
            candidates = []
            try:
                candidates = [json.loads(body)]
            except ValueError:
                for offset, piece in enumerate(body.splitlines()):
                    try:
                        candidates.append(json.loads(piece))
                    except ValueError:
                        continue
            for value in candidates:
                if isinstance(value, dict) and isinstance(value.get("name"), str) and isinstance(value.get("arguments"), dict):
                    found.append((str(path.relative_to(root)), line, value))
    return found


def unparsable_json_blocks(root: pathlib.Path = ROOT / "llms") -> list[tuple[str, int]]:
    """JSON blocks that are neither one JSON value nor JSON lines (docs typos)."""
    bad = []
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        for match in BLOCK.finditer(text):
            body = match.group(1)
            try:
                json.loads(body)
                continue
            except ValueError:
                pass
            pieces = [p for p in body.splitlines() if p.strip()]
            ok = True
            for piece in pieces:
                try:
                    json.loads(piece)
                except ValueError:
                    ok = False
            if not ok:
                bad.append((str(path.relative_to(root)), text.count("\n", 0, match.start(1)) + 1))
    return bad
