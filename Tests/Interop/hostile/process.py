"""A vod-mcp (or any line-protocol) child process with stdout/stderr collected by reader threads."""
import json
import os
import pathlib
import subprocess
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parents[3]
MODERN = "2026-07-28"
ENVELOPE = {
    "io.modelcontextprotocol/protocolVersion": MODERN,
    "io.modelcontextprotocol/clientCapabilities": {},
    "io.modelcontextprotocol/clientInfo": {"name": "vod-mcp-tests", "version": "1"},
}


def binary() -> str:
    return os.environ.get("VOD_MCP_BIN", str(ROOT / ".build" / "debug" / "vod-mcp"))


def clean_env(home: str, **extra: str) -> dict:
    """The caller's environment minus any Alibaba Cloud or vod-mcp settings, with a private HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ALIBABA_CLOUD_", "VOD_MCP_"))}
    env["HOME"] = home
    env["ALIBABA_CLOUD_ECS_METADATA_DISABLED"] = "true"
    env.update(extra)
    return env


def modern(method: str, id_, params: dict | None = None) -> dict:
    params = dict(params or {})
    params["_meta"] = dict(ENVELOPE, **params.get("_meta", {}))
    return {"jsonrpc": "2.0", "id": id_, "method": method, "params": params}


class LineProcess:
    """Runs a command with piped stdio; every stdout line is kept (raw bytes) with its arrival time."""

    def __init__(self, args: list[str], env: dict | None = None, cwd: str | None = None):
        self.args = args
        self.proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd
        )
        self.lines: list[bytes] = []
        self.stderr = bytearray()
        self.cond = threading.Condition()
        self.eof = False
        self._out = threading.Thread(target=self._read_stdout, daemon=True)
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._out.start()
        self._err.start()

    def _read_stdout(self):
        for line in self.proc.stdout:
            with self.cond:
                self.lines.append(line.rstrip(b"\n"))
                self.cond.notify_all()
        with self.cond:
            self.eof = True
            self.cond.notify_all()

    def _read_stderr(self):
        while True:
            chunk = self.proc.stderr.read1(65536) if hasattr(self.proc.stderr, "read1") else self.proc.stderr.read(65536)
            if not chunk:
                return
            self.stderr.extend(chunk)

    def send_bytes(self, data: bytes):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message) -> None:
        self.send_bytes(json.dumps(message, separators=(",", ":")).encode() + b"\n")

    def close_input(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass

    def wait_for(self, predicate, timeout: float, start: int = 0):
        """Waits for a stdout line (parsed JSON) satisfying predicate; returns it or None."""
        deadline = time.monotonic() + timeout
        index = start
        with self.cond:
            while True:
                while index < len(self.lines):
                    try:
                        value = json.loads(self.lines[index])
                    except ValueError:
                        value = None
                    index += 1
                    if value is not None and predicate(value):
                        return value
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self.eof:
                    return None
                self.cond.wait(remaining)

    def response(self, id_, timeout: float = 15.0):
        return self.wait_for(lambda v: isinstance(v, dict) and "method" not in v and v.get("id") == id_, timeout)

    def request(self, message: dict, timeout: float = 15.0):
        self.send(message)
        return self.response(message["id"], timeout)

    def finish(self, timeout: float = 10.0) -> int | None:
        """Closes stdin and waits for exit; kills on timeout and returns None then."""
        self.close_input()
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            code = None
        self._out.join(5)
        self._err.join(5)
        return code

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Sandbox:
    """`vod-mcp sandbox --port 0` on loopback; exposes the announced JSON (endpoint, credentials, admin token)."""

    def __init__(self, *extra: str):
        self.proc = subprocess.Popen(
            [binary(), "sandbox", "--port", "0", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        line = self.proc.stdout.readline()
        if not line:
            self.proc.kill()
            raise RuntimeError("vod-mcp sandbox printed nothing: " + self.proc.stderr.read())
        self.info = json.loads(line)
        self.endpoint = self.info["endpoint"]
        self.stderr_text = ""

    @property
    def admin_token(self) -> str:
        return self.info.get("adminToken") or self.info["accessKeySecret"]

    def admin(self, method: str, path: str, body=None):
        import urllib.request

        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.endpoint.rstrip("/") + path, data=data, method=method,
            headers={"Authorization": "Bearer " + self.admin_token, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def fault(self, **fault):
        return self.admin("POST", "/_sandbox/faults", fault)

    def clear_faults(self):
        return self.admin("DELETE", "/_sandbox/faults")

    def state(self):
        return self.admin("GET", "/_sandbox/state")

    def close(self):
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        self.stderr_text = err or ""
