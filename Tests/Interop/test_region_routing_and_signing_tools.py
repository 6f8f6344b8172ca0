"""Through the built binary over real pipes: a Shanghai-only operation called with --region ap-southeast-1 is sent to
the Shanghai endpoint (the dry run shows it), and the two signing helpers reproduce Alibaba Cloud's worked examples.

Expected values are the ones printed on Alibaba Cloud's pages (URL-authentication types A/B/C on the CDN pages
doc-detail 85113/85114/85115, the HTTP-callback example on VOD's "HTTP callbacks" page); they are also recomputed
here with Python's hashlib, an implementation we did not write.
"""
import hashlib
import json
import tempfile

import pytest

from hostile.process import LineProcess, binary, clean_env, modern


@pytest.fixture()
def server():
    with tempfile.TemporaryDirectory() as home:
        proc = LineProcess([binary(), "--region", "ap-southeast-1"], env=clean_env(home))
        yield proc
        proc.finish()


def call(proc, id_, name, arguments):
    reply = proc.request(modern("tools/call", id_, {"name": name, "arguments": arguments}), timeout=30)
    assert reply is not None, proc.stderr.decode(errors="replace")
    return reply["result"]


def texts(result):
    return "\n".join(block["text"] for block in result["content"] if block.get("type") == "text")


@pytest.mark.parametrize("action", ["AddVodDomain", "BatchStartVodDomain", "DescribeVodStorageData"])
def test_shanghai_only_operation_goes_to_shanghai(server, action):
    arguments = {
        "AddVodDomain": {"DomainName": "vod.example.com", "Sources": '[{"content":"1.1.1.1","type":"ipaddr","port":80}]'},
        "BatchStartVodDomain": {"DomainNames": "vod.example.com"},
        "DescribeVodStorageData": {"StartTime": "2026-11-01T00:00:00Z", "EndTime": "2026-11-02T00:00:00Z"},
    }[action]
    arguments["DryRun"] = True
    result = call(server, 2, "call_api", {"Action": action, "Parameters": arguments})
    assert result["isError"] is False, texts(result)
    body = texts(result)
    assert "https://vod.cn-shanghai.aliyuncs.com/?" in body
    assert "vod.ap-southeast-1.aliyuncs.com" not in body.split("Region:")[0]
    assert f"Region: {action} is served only from cn-shanghai" in body
    assert "--region cn-shanghai" in body


def test_ordinary_operation_stays_in_singapore(server):
    result = call(server, 3, "call_api", {"Action": "GetVideoInfo", "Parameters": {"VideoId": "5aed81b74ba84920be578cdfe004af4b", "DryRun": True}})
    body = texts(result)
    assert "https://vod.ap-southeast-1.aliyuncs.com/?" in body
    assert "Region:" not in body


def test_deactivated_region_is_flagged():
    with tempfile.TemporaryDirectory() as home:
        proc = LineProcess([binary(), "--region", "ap-south-1"], env=clean_env(home))
        try:
            result = call(proc, 2, "call_api", {"Action": "GetVideoInfo", "Parameters": {"VideoId": "5aed81b74ba84920be578cdfe004af4b", "DryRun": True}})
        finally:
            proc.finish()
    body = texts(result)
    assert "https://vod.ap-south-1.aliyuncs.com/?" in body
    assert "ap-south-1 is marked deactivated" in body


VECTORS = [
    ("A", "http://cdn.example.com/video/standard/1K.html", 1444435200,
     "/video/standard/1K.html-1444435200-0-0-aliyuncdnexp1234",
     "http://cdn.example.com/video/standard/1K.html?auth_key=1444435200-0-0-80cd3862d699b7118eed99103f2a3a4f"),
    ("B", "http://cdn.example.com/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3", 1439596800,
     "aliyuncdnexp1234201508150800/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3",
     "http://cdn.example.com/201508150800/9044548ef1527deadafa49a890a377f0/4/44/44c0909bcfc20a01afaf256ca99a8b8b.mp3"),
    ("C", "http://cdn.example.com/test.flv", 0x55CE8100,
     "aliyuncdnexp1234/test.flv55CE8100",
     "http://cdn.example.com/a37fa50a5fb8f71214b1e7c95ec7a1bd/55CE8100/test.flv"),
]


@pytest.mark.parametrize("kind,url,timestamp,string_to_sign,expected", VECTORS)
def test_sign_playback_url_reproduces_the_documented_examples(server, kind, url, timestamp, string_to_sign, expected):
    assert hashlib.md5(string_to_sign.encode()).hexdigest() in expected
    result = call(server, 4, "sign_playback_url", {"URL": url, "Key": "aliyuncdnexp1234", "Type": kind, "Timestamp": timestamp})
    assert result["isError"] is False, texts(result)
    assert result["structuredContent"]["signedURL"] == expected
    assert "aliyuncdnexp1234" not in json.dumps(result)


def test_sign_playback_url_refuses_bad_input(server):
    result = call(server, 5, "sign_playback_url", {"URL": "ftp://x/y", "Key": "k", "Type": "A"})
    assert result["isError"] is True
    assert "http:// or https://" in texts(result)
    result = call(server, 6, "sign_playback_url", {"URL": "http://x/y", "Key": "k", "Type": "D"})
    assert result["isError"] is True


def test_verify_callback_signature_reproduces_the_documented_example(server):
    url, ts, key = "https://www.example.com/your/callback", "1519375990", "test123"
    signature = hashlib.md5(f"{url}|{ts}|{key}".encode()).hexdigest()
    assert signature.startswith("c72b60894140fa98920f1279219b")  # the page masks the last four digits
    good = call(server, 7, "verify_callback_signature",
                {"CallbackURL": url, "Timestamp": ts, "Signature": signature, "AuthKey": key, "MaxAgeSeconds": 0})
    assert good["structuredContent"] == {"valid": True, "verdict": "valid"}
    fresh = call(server, 8, "verify_callback_signature",
                 {"CallbackURL": url, "Timestamp": ts, "Signature": signature, "AuthKey": key})
    assert fresh["structuredContent"]["verdict"] == "stale"
    bad = call(server, 9, "verify_callback_signature",
               {"CallbackURL": url + "/", "Timestamp": ts, "Signature": signature, "AuthKey": key, "MaxAgeSeconds": 0})
    assert bad["structuredContent"]["verdict"] == "signature_mismatch"
    assert key not in json.dumps(bad)
