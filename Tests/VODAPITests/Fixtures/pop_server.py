#!/usr/bin/env python3
"""A loopback stand-in for the Alibaba Cloud POP gateway, for vod-mcp's client tests and benchmark.

It verifies RPC V1 (HMAC-SHA1) and ACS3-HMAC-SHA256 signatures on its own (stdlib only), rejects reused nonces,
and injects faults on request. Business parameters steer it:
  Fault=<kind>      throttle | 500 | 503 | 503raw | reset | hang | truncate | xml | sigmismatch | echo | echoid |
                    echook | huge | endless
                    (echoid: an error whose RequestId, Code and HostId are the STS token; echook: a 200 body holding
                    the token, the secret and the request's signature in several spellings next to a legitimate
                    signed URL; huge: a 500 MB body announced by Content-Length; endless: a chunked body that never
                    ends)
  FaultKey=<id>     groups attempts of one logical call; FaultTimes=<n> applies the fault to the first n of them
  FaultSeconds=<s>  how long `hang` sleeps (default 10)
  FaultAlter=<name> with sigmismatch: the server pretends this parameter had another value
It also answers STS AssumeRole (Version 2015-04-01) and the ECS metadata paths.
Control: GET /__log (JSON list of requests seen), POST /__reset.
Usage: pop_server.py [--key ID:SECRET[:TOKEN]]...   prints the port on the first stdout line.
"""
import hashlib
import hmac
import base64
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEYS = {}          # id -> (secret, token or None)
NONCES = set()
LOG = []
FAULT_COUNTS = {}
LOCK = threading.Lock()
REQUEST_NO = [0]


def pct(text):
    return urllib.parse.quote(text, safe="~")


def v1_string_to_sign(method, params):
    canonical = "&".join(pct(k) + "=" + pct(v) for k, v in sorted(params.items()) if k != "Signature")
    return method + "&%2F&" + pct(canonical)


def v1_sign(secret, sts):
    return base64.b64encode(hmac.new((secret + "&").encode(), sts.encode(), hashlib.sha1).digest()).decode()


def v3_canonical(method, path, query, headers, signed_names, payload_hash):
    cq = "&".join(pct(k) + "=" + pct(v) for k, v in sorted(query.items()))
    ch = "".join(n + ":" + headers.get(n, "").strip() + "\n" for n in signed_names)
    return "\n".join([method, path, cq, ch, ";".join(signed_names), payload_hash])


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "pop-test"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def reply(self, status, body, content_type="application/json", extra=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def error(self, status, code, message, request_id, extra=None, recommend=None):
        body = {"RequestId": request_id, "HostId": "pop.test", "Code": code, "Message": message}
        if recommend:
            body["Recommend"] = recommend
        self.reply(status, body, extra=extra)

    def do_PUT(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        headers = {k.lower(): v for k, v in self.headers.items()}
        with LOCK:
            REQUEST_NO[0] += 1
            request_id = "req-%d" % REQUEST_NO[0]
        if url.path == "/__log":
            with LOCK:
                return self.reply(200, LOG)
        if url.path == "/__reset":
            with LOCK:
                LOG.clear()
                FAULT_COUNTS.clear()
            return self.reply(200, {})
        if url.path.startswith("/latest/"):
            return self.metadata(url.path)

        auth = headers.get("authorization", "")
        if auth.startswith("ACS3-HMAC-SHA256 "):
            version = "v3"
            fields = dict(p.split("=", 1) for p in auth[len("ACS3-HMAC-SHA256 "):].split(","))
            key_id = fields.get("Credential", "")
            action = headers.get("x-acs-action", "")
            nonce = headers.get("x-acs-signature-nonce", "")
            business = query
        else:
            version = "v1"
            key_id = query.get("AccessKeyId", "")
            action = query.get("Action", "")
            nonce = query.get("SignatureNonce", "")
            business = {k: v for k, v in query.items() if k not in (
                "AccessKeyId", "Action", "Version", "Format", "SignatureMethod", "SignatureVersion",
                "SignatureNonce", "Timestamp", "Signature", "SecurityToken")}
        entry = {"action": action, "method": self.command, "version": version, "nonce": nonce,
                 "faultKey": business.get("FaultKey"), "port": self.client_address[1],
                 "userAgent": headers.get("user-agent", ""), "proxy": headers.get("via")}
        with LOCK:
            LOG.append(entry)
            fault_key = business.get("FaultKey")
            count = 0
            if fault_key is not None:
                FAULT_COUNTS[fault_key] = FAULT_COUNTS.get(fault_key, 0) + 1
                count = FAULT_COUNTS[fault_key]
        fault = business.get("Fault")
        if fault and count > int(business.get("FaultTimes", "1000")):
            fault = None

        if key_id not in KEYS:
            return self.error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.", request_id)
        secret, token = KEYS[key_id]
        alter = business.get("FaultAlter") if fault == "sigmismatch" else None

        if version == "v1":
            if token is not None and query.get("SecurityToken") != token:
                return self.error(400, "InvalidSecurityToken.Mismatch", "The security token does not match.", request_id)
            params = dict(query)
            if alter:
                params[alter] = params.get(alter, "") + "-server"
            server_sts = v1_string_to_sign(self.command, params)
            if alter or v1_sign(secret, server_sts) != query.get("Signature"):
                return self.error(400, "SignatureDoesNotMatch",
                                  "Specified signature is not matched with our calculation. server string to sign is:"
                                  + server_sts, request_id)
        else:
            signed_names = fields.get("SignedHeaders", "").split(";")
            for name in headers:
                if name.startswith("x-acs-") and name not in signed_names:
                    return self.error(400, "IncompleteSignature", "header %s is not signed" % name, request_id)
            if "host" not in signed_names or headers.get("x-acs-content-sha256") != hashlib.sha256(body).hexdigest():
                return self.error(400, "IncompleteSignature", "host or payload hash missing", request_id)
            if token is not None and headers.get("x-acs-security-token") != token:
                return self.error(400, "InvalidSecurityToken.Mismatch", "The security token does not match.", request_id)
            q = dict(query)
            if alter:
                q[alter] = q.get(alter, "") + "-server"
            canonical = v3_canonical(self.command, url.path, q, headers, signed_names,
                                     headers.get("x-acs-content-sha256", ""))
            sts = "ACS3-HMAC-SHA256\n" + hashlib.sha256(canonical.encode()).hexdigest()
            expected = hmac.new(secret.encode(), sts.encode(), hashlib.sha256).hexdigest()
            if alter or expected != fields.get("Signature"):
                return self.error(400, "SignatureDoesNotMatch",
                                  "The request signature does not conform to Aliyun standards. server string to sign is:"
                                  + sts, request_id)
        with LOCK:
            if nonce in NONCES or not nonce:
                reused = True
            else:
                NONCES.add(nonce)
                reused = False
        if reused:
            return self.error(400, "SignatureNonceUsed", "Specified signature nonce was used already.", request_id)

        if action == "AssumeRole":
            return self.assume_role(request_id)
        if fault == "throttle":
            return self.error(400, "Throttling.User", "Request was denied due to user flow control.", request_id,
                              extra={"x-acs-retry-after": business.get("RetryAfter", "30")})
        if fault == "500":
            return self.error(500, "InternalError", "The request processing has failed due to some unknown error.",
                              request_id)
        if fault == "503":
            return self.error(503, "ServiceUnavailable", "The request has failed due to a temporary failure.",
                              request_id)
        if fault == "503raw":
            return self.reply(503, b"", content_type="text/plain")
        if fault == "reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            return
        if fault == "hang":
            time.sleep(float(business.get("FaultSeconds", "10")))
        if fault == "truncate":
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.write(b'{"RequestId": "')
            self.wfile.flush()
            return
        if fault == "xml":
            xml = ("<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>%s</RequestId><HostId>pop.test</HostId>"
                   "<Code>InvalidVideo.NotFound</Code><Message>The video does not exist &amp; never did.</Message>"
                   "</Error>" % request_id).encode()
            return self.reply(404, xml, content_type="text/xml;charset=utf-8")
        if fault == "echo":
            leaked = "token=%s signature=%s auth=%s query=%s" % (
                token, query.get("Signature"), headers.get("authorization"), url.query)
            return self.error(400, "InvalidSecurityToken.Expired", "The token has expired: " + leaked, request_id,
                              recommend="https://api.aliyun.com/troubleshoot?q=x&SecurityToken=" + pct(token or "none"))
        if fault == "echoid":
            body = {"RequestId": token, "HostId": token, "Code": "Echo." + (token or ""), "Message": "see RequestId"}
            return self.reply(400, body)
        if fault == "echook":
            signature = query.get("Signature") if version == "v1" else auth.rsplit("Signature=", 1)[-1]
            body = {"RequestId": token, "Echo": {"Token": token, "Secret": secret, "Signature": signature,
                                                "Encoded": pct(token or "")},
                    "Note": "Signature=%s&SecurityToken=%s" % (pct(signature or ""), pct(token or "")),
                    "FileURL": "https://bucket.oss-cn-shanghai.aliyuncs.com/o.mp4?Expires=1&OSSAccessKeyId=k&Signature=LegitSig%3D"}
            # JSON may escape "/" as "\/"; json.dumps never does, so that spelling is added by hand.
            data = json.dumps(body)[:-1] + ', "Escaped": "%s"}' % (token or "").replace("/", "\\/")
            return self.reply(200, data.encode())
        if fault in ("huge", "endless"):
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            if fault == "huge":
                self.send_header("Content-Length", str(500 << 20))
            else:
                self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b'{"RequestId": "' + b"x" * (1 << 16)
            try:
                self.wfile.write(chunk if fault == "huge" else b"%x\r\n%s\r\n" % (len(chunk), chunk))
                while True:
                    block = b"y" * (1 << 16)
                    self.wfile.write(block if fault == "huge" else b"%x\r\n%s\r\n" % (len(block), block))
            except OSError:
                return
        return self.reply(200, {"RequestId": request_id, "Action": action, "Params": business})

    def assume_role(self, request_id):
        new_id = "STS.assumed%d" % REQUEST_NO[0]
        secret = "assumedsecret%d" % REQUEST_NO[0]
        token = "ASSUMEDTOKEN%d/abc+def=" % REQUEST_NO[0]
        with LOCK:
            KEYS[new_id] = (secret, token)
        expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
        self.reply(200, {"RequestId": request_id, "Credentials": {
            "AccessKeyId": new_id, "AccessKeySecret": secret, "SecurityToken": token, "Expiration": expiration}})

    def metadata(self, path):
        if path == "/latest/api/token":
            return self.reply(200, b"imds-token", content_type="text/plain")
        if path == "/latest/meta-data/ram/security-credentials/":
            return self.reply(200, b"testrole", content_type="text/plain")
        if path == "/latest/meta-data/ram/security-credentials/testrole":
            with LOCK:
                KEYS["STS.ecs"] = ("ecssecret", "ECSTOKEN")
            expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 6 * 3600))
            return self.reply(200, {"Code": "Success", "AccessKeyId": "STS.ecs", "AccessKeySecret": "ecssecret",
                                    "SecurityToken": "ECSTOKEN", "Expiration": expiration})
        return self.reply(404, b"", content_type="text/plain")


def main():
    # A parent may have blocked SIGTERM in the mask we inherit; make `terminate()` work.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    args = sys.argv[1:]
    while args:
        flag = args.pop(0)
        if flag == "--exit-on-eof":
            threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
        elif flag == "--key":
            parts = args.pop(0).split(":")
            KEYS[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else None)
    if not KEYS:
        KEYS["testid"] = ("testsecret", None)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
