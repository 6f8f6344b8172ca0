"""A loopback HTTP server that records every request and answers `{"RequestId": "REC-1"}`: the dry-run tests point
vod-mcp's --endpoint (and so the snippets it writes) at it, then run Alibaba's SDK to see what it really sends.

`recorder` is a pytest fixture (import it into the test module) giving the port; `Recorder.requests` holds what came.
"""
import http.server
import json
import threading
import urllib.parse

import pytest

# Parameters that differ on every signing; left out when a preview is compared with what the SDK sent.
VOLATILE = {"Signature", "SignatureNonce", "Timestamp", "AccessKeyId"}


class Recorder(http.server.BaseHTTPRequestHandler):
    requests = []

    def _answer(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        Recorder.requests.append({"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body})
        payload = json.dumps({"RequestId": "REC-1"}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture()
def recorder():
    Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def query_of(url_or_path):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url_or_path).query, keep_blank_values=True))
