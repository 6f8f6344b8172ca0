"""Grammar-aware mutations of valid JSON-RPC requests, and an oracle for what the server must answer.

Every generated line comes with an expectation: `must_answer` ids are requests the server must answer exactly once
(unless cancelled); other lines may be answered with a readable id (at most once) or an id-null error, or not at all
(notifications).
"""
import json
import random

from .process import ENVELOPE

INT64 = (-(2**63), 2**63 - 1)
HUGE = 2 * 1024 * 1024  # bytes of a "huge" string


class Line:
    def __init__(self, data: bytes, kind: str, must_answer=None, cancellable=False, sent_ids=()):
        self.data = data
        self.kind = kind
        self.must_answer = must_answer  # an id that must be answered exactly once, or None
        self.cancellable = cancellable
        self.sent_ids = set(sent_ids)  # every id this line may legitimately be answered with


def encode(value) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8", "surrogatepass")


def deepen(data: bytes) -> bytes:
    """Expands a "__DEEP_<n>_<a|o>__" placeholder into n levels of arrays or objects (built as text: no recursion)."""
    import re

    def expand(match):
        depth, shape = int(match.group(1)), match.group(2)
        if shape == "a":
            return b"[" * depth + b'"x"' + b"]" * depth
        return b'{"a":' * depth + b'"x"' + b"}" * depth

    return re.sub(rb'"__DEEP_(\d+)_([ao])__"', expand, data)


def _reject_constant(name):
    raise ValueError(name)


def _pairs_no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def strict_parse(data: bytes):
    """The line as a plain JSON-RPC request the server must answer, or None when its meaning is debatable."""
    if b"\n" in data or len(data) > 8 * 1024 * 1024:
        return None
    try:
        text = data.decode("utf-8")
        value = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_pairs_no_duplicates)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None

    def plain(node, depth):
        if depth > 60:
            return False
        if isinstance(node, bool) or node is None:
            return True
        if isinstance(node, int):
            return INT64[0] <= node <= INT64[1]
        if isinstance(node, float):
            return node == node and abs(node) < 1e300 and (node == 0 or abs(node) > 1e-300)
        if isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return False
            return True
        if isinstance(node, list):
            return all(plain(item, depth + 1) for item in node)
        if isinstance(node, dict):
            return all(plain(k, depth + 1) and plain(v, depth + 1) for k, v in node.items())
        return False

    if not plain(value, 0):
        return None
    return value


def answerable_id(value):
    """The id the server must echo for a parsed request, or None."""
    if not isinstance(value, dict) or "id" not in value:
        return None
    id_ = value["id"]
    if isinstance(id_, bool) or not isinstance(id_, (int, str)):
        return None
    return id_


class Generator:
    def __init__(self, seed: int, era: str, calls: list[dict]):
        self.rng = random.Random(seed)
        self.era = era
        self.calls = calls
        self.next_id = 10_000

    # ----- valid requests

    def fresh_id(self):
        self.next_id += 1
        return self.next_id if self.rng.random() < 0.7 else f"h-{self.next_id}"

    def wrap(self, method, params, id_):
        message = {"jsonrpc": "2.0", "id": id_, "method": method}
        if self.era == "modern":
            params = dict(params or {})
            params["_meta"] = dict(ENVELOPE)
        if params is not None:
            message["params"] = params
        return message

    def valid_request(self):
        rng = self.rng
        choice = rng.random()
        if choice < 0.45:
            call = rng.choice(self.calls)
            args = json.loads(json.dumps(call["arguments"]))
            if rng.random() < 0.5:
                args["DryRun"] = True
            return self.wrap("tools/call", {"name": call["name"], "arguments": args}, self.fresh_id())
        options = [
            ("tools/list", {}),
            ("resources/list", {}),
            ("resources/templates/list", {}),
            ("prompts/list", {}),
            ("resources/read", {"uri": rng.choice(["vod://docs/llms.txt", "vod://docs/missing.md", "vod://api/GetVideoInfo"])}),
            ("completion/complete", {"ref": {"type": "ref/prompt", "name": "x"}, "argument": {"name": "action", "value": "Get"}}),
            ("tools/call", {"name": "describe_api", "arguments": {"Action": "GetVideoInfo"}}),
            ("tools/call", {"name": "search_docs", "arguments": {"Query": "upload video"}}),
            ("tools/call", {"name": "call_api", "arguments": {"Action": "GetVideoInfo", "Parameters": {"VideoId": "abc"}}}),
            ("tools/list", {"cursor": "bad-cursor"}),
        ]
        if self.era == "legacy":
            options += [("ping", None), ("logging/setLevel", {"level": "debug"})]
        else:
            options += [("server/discover", {})]
        method, params = rng.choice(options)
        return self.wrap(method, params, self.fresh_id())

    # ----- mutations of the tree

    def random_value(self, depth=0):
        rng = self.rng
        kind = rng.randrange(9 if depth < 3 else 6)
        if kind == 0:
            return None
        if kind == 1:
            return rng.choice([True, False])
        if kind == 2:
            return rng.choice([0, -1, 1, 2**31, 2**53 + 1, INT64[1], INT64[0], rng.randint(-10**6, 10**6)])
        if kind == 3:
            return rng.choice([0.5, -0.0, 1e308, 5e-324, 3.14159])
        if kind == 4:
            return rng.choice(["", "x", "\u0000", "\u202e\ufeff", "😀" * 3, "a" * rng.randint(1, 300), "../../etc/passwd"])
        if kind == 5:
            return "".join(chr(rng.randint(1, 0x2FFF)) for _ in range(rng.randint(0, 20)))
        if kind == 6:
            return [self.random_value(depth + 1) for _ in range(rng.randint(0, 4))]
        return {f"k{rng.randint(0, 99)}": self.random_value(depth + 1) for _ in range(rng.randint(0, 4))}

    def paths(self, node, prefix=()):
        out = [prefix]
        if isinstance(node, dict):
            for key, value in node.items():
                out += self.paths(value, prefix + (key,))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                out += self.paths(value, prefix + (index,))
        return out

    def get(self, node, path):
        for step in path:
            node = node[step]
        return node

    def set(self, root, path, value):
        if not path:
            return value
        parent = self.get(root, path[:-1])
        parent[path[-1]] = value
        return root

    def tree_mutation(self, message):
        rng = self.rng
        paths = self.paths(message)[1:] or [()]
        path = rng.choice(paths)
        op = rng.choice(["type", "type", "delete", "huge_string", "huge_array", "deep", "number", "unicode", "method", "id", "extra"])
        if op == "type":
            return self.set(message, path, self.random_value()), op
        if op == "delete" and path:
            parent = self.get(message, path[:-1])
            if isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent.pop(path[-1])
            return message, op
        if op == "huge_string":
            return self.set(message, path, "A" * rng.choice([70_000, HUGE])), op
        if op == "huge_array":
            return self.set(message, path, [rng.randint(0, 9)] * rng.choice([1000, 200_000])), op
        if op == "deep":
            depth = rng.choice([10, 60, 63, 64, 65, 200, 5000])
            return self.set(message, path, f"__DEEP_{depth}_{rng.choice('ao')}__"), op
        if op == "number":
            return self.set(message, path, rng.choice([2**64, -(2**63) - 1, 10**30, 1e300, -1e300, 2**53])), op
        if op == "unicode":
            return self.set(message, path, rng.choice(["\ud800", "a\udfffb", "\u0000\u0000", "\U0010ffff", "\x7f\x1b[31m"])), op
        if op == "method":
            message["method"] = rng.choice(
                ["", "tools/cal", "TOOLS/LIST", "rpc.discover", "notifications/cancelled", "initialize", "tasks/get",
                 "subscriptions/listen", "resources/subscribe", "x" * 1000, "sampling/createMessage", "elicitation/create"])
            return message, op
        if op == "id":
            message["id"] = rng.choice([None, 1.5, True, [], {}, 2**64, -1, "", "\u0000", 0])
            return message, op
        message.setdefault("params", {})
        if isinstance(message["params"], dict):
            message["params"][rng.choice(["cursor", "name", "arguments", "_meta", "task", "progressToken"])] = self.random_value()
        return message, "extra"

    # ----- mutations of the bytes

    def byte_mutation(self, data: bytes):
        rng = self.rng
        op = rng.choice(["invalid_utf8", "nul", "truncate", "flip", "duplicate_key", "garbage", "prefix_bom"])
        position = rng.randrange(len(data) + 1)
        if op == "invalid_utf8":
            junk = rng.choice([b"\xff", b"\xc0\x80", b"\xe2\x82", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])
            inside = data.find(b'"', position)
            at = inside + 1 if inside >= 0 else position
            return data[:at] + junk + data[at:], op
        if op == "nul":
            return data[:position] + b"\x00" + data[position:], op
        if op == "truncate":
            return data[: max(1, position)], op
        if op == "flip":
            if not data:
                return b"\x01", op
            index = rng.randrange(len(data))
            return data[:index] + bytes([data[index] ^ (1 << rng.randrange(8))]) + data[index + 1:], op
        if op == "duplicate_key":
            extra = rng.choice([b'"id":424242,', b'"method":"ping",', b'"jsonrpc":"1.0",', b'"params":null,', b'"id":null,'])
            return b"{" + extra + data[1:] if data.startswith(b"{") else data, op
        if op == "garbage":
            return bytes(rng.randrange(256) for _ in range(rng.randint(1, 200))).replace(b"\n", b" "), op
        return b"\xef\xbb\xbf" + data, op

    # ----- one line

    def line(self) -> Line:
        rng = self.rng
        message = self.valid_request()
        roll = rng.random()
        if roll < 0.25:
            kind = "valid"
            data = encode(message)
        elif roll < 0.7:
            mutated, kind = self.tree_mutation(json.loads(json.dumps(message)))
            data = deepen(encode(mutated))
            kind = "tree:" + kind
        elif roll < 0.93:
            data, kind = self.byte_mutation(encode(message))
            kind = "bytes:" + kind
        elif roll < 0.97:
            data = encode([message, self.valid_request()])
            kind = "batch"
        else:
            data = encode({"jsonrpc": "2.0", "method": "notifications/" + rng.choice(["cancelled", "progress", "bogus"]),
                           "params": {"requestId": message["id"]}})
            kind = "notification"
        data = data.replace(b"\n", b"\\n")
        parsed = strict_parse(data)
        must = answerable_id(parsed) if isinstance(parsed, dict) and parsed.get("jsonrpc") == "2.0" else None
        sent = {message["id"]}
        if parsed is not None and isinstance(parsed, dict) and answerable_id(parsed) is not None:
            sent.add(answerable_id(parsed))
        if b"424242" in data:
            sent.add(424242)
        try:
            loose = json.loads(data)
        except (ValueError, UnicodeDecodeError, RecursionError):
            loose = None
        if isinstance(loose, dict) and isinstance(loose.get("id"), float) and loose["id"].is_integer():
            # vod-mcp now refuses an integral float id (1.0, -0.0, 1e2) with -32600 and a null id; older builds answered it
            # as the integer, which this allowance still tolerates.
            sent.add(int(loose["id"]))
        return Line(data, kind, must_answer=must, sent_ids=sent)

    def cancellation_pair(self):
        """A slow call and its cancellation, in either order or with a stray id."""
        id_ = self.fresh_id()
        call = encode(self.wrap("tools/call", {"name": "test_sleep", "arguments": {"Steps": self.rng.randint(2, 20), "StepMilliseconds": 50}}, id_))
        target = id_ if self.rng.random() < 0.8 else self.rng.choice([999_999_999, "nope", None, 1.5])
        params = {"requestId": target, "reason": "hostile"}
        if self.era == "modern" and self.rng.random() < 0.5:
            params["_meta"] = dict(ENVELOPE)
        cancel = encode({"jsonrpc": "2.0", "method": "notifications/cancelled", "params": params})
        lines = [Line(call, "cancel:call", must_answer=id_, cancellable=target == id_, sent_ids={id_}), Line(cancel, "cancel:notice")]
        if self.rng.random() < 0.2:
            lines.reverse()
            lines[1].cancellable = False  # cancelled before it existed: it must still be answered
        return lines
