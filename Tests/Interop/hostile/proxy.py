"""A loopback HTTP proxy in front of the sandbox that records every request signature and security token it sees."""
import http.client
import http.server
import re
import threading
import urllib.parse

ACS3_SIGNATURE = re.compile(r"Signature=([0-9a-fA-F]+)")


class RecordingProxy:
    def __init__(self, upstream: str):
        parsed = urllib.parse.urlparse(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.signatures: set[str] = set()
        self.tokens: set[str] = set()
        self.requests = 0
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _forward(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                proxy._record(self.path, self.headers, body)
                try:
                    connection = http.client.HTTPConnection(*proxy.upstream, timeout=30)
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
                    connection.request(self.command, self.path, body=body or None, headers=headers)
                    response = connection.getresponse()
                    payload = response.read()
                except (OSError, http.client.HTTPException):
                    self.close_connection = True  # the upstream dropped or truncated: do the same to the client
                    return
                self.send_response_only(response.status, response.reason)
                for name, value in response.getheaders():
                    if name.lower() not in ("connection", "content-length", "transfer-encoding", "keep-alive"):
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                connection.close()

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _forward

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def _record(self, path: str, headers, body: bytes):
        self.requests += 1
        fields = urllib.parse.parse_qs(urllib.parse.urlparse(path).query)
        if body and "form-urlencoded" in (headers.get("Content-Type") or ""):
            for key, values in urllib.parse.parse_qs(body.decode("utf-8", "replace")).items():
                fields.setdefault(key, []).extend(values)
        for value in fields.get("Signature", []):
            self.signatures.add(value)
        for value in fields.get("SecurityToken", []):
            self.tokens.add(value)
        authorization = headers.get("Authorization") or ""
        for match in ACS3_SIGNATURE.finditer(authorization):
            self.signatures.add(match.group(1))
        if authorization.startswith("OSS "):
            self.signatures.add(authorization.rsplit(":", 1)[-1])
        for name in ("x-acs-security-token", "x-oss-security-token"):
            if headers.get(name):
                self.tokens.add(headers[name])

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
