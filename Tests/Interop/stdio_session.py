"""One vod-mcp process over pipes for the tests of libraries opened on first use (libcurl, libcrypto): requests in,
answers out, stderr kept in a file, and which shared libraries the process has mapped."""
import json
import subprocess

import pytest


class Session:
    def __init__(self, binary, env, stderr_path, arguments=()):
        self.stderr = open(stderr_path, "wb")
        self.stderr_path = stderr_path
        self.process = subprocess.Popen([binary, *arguments], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=self.stderr, env=env)

    def send(self, message):
        self.process.stdin.write((json.dumps(message) + "\n").encode())
        self.process.stdin.flush()

    def request(self, message):
        self.send(message)
        line = self.process.stdout.readline()
        assert line, f"vod-mcp closed stdout (exit status {self.process.poll()}): {self.stderr_text()}"
        return json.loads(line)

    def mapped(self, library):
        """The paths of `library` (e.g. "libcurl") mapped into the process now."""
        with open(f"/proc/{self.process.pid}/maps") as maps:
            return sorted({line.split()[-1] for line in maps if f"/{library}" in line})

    def stderr_text(self):
        self.stderr.flush()
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def close(self):
        self.process.stdin.close()
        assert self.process.wait(timeout=20) == 0


@pytest.fixture()
def session_factory(vod_mcp_bin, tmp_path):
    sessions = []

    def make(env, arguments=()):
        sessions.append(Session(vod_mcp_bin, env, tmp_path / f"stderr-{len(sessions)}.txt", arguments))
        return sessions[-1]
    yield make
    for session in sessions:
        if session.process.poll() is None:
            session.process.kill()
            session.process.wait()
        session.stderr.close()
