"""Helper tools (upload, wait, docs, signing, call_api) are checked from their one declarative description, through
the built binary: empty fillers (`null`, `""`) for optional parameters mean "not given" and the notes say so, as
strict-mode models send every property; wrong types, unknown names, missing required parameters and out-of-range
numbers get a clear error naming the problem and the fix."""
import json
import subprocess

from journeys import Session, text_of
from hostile.process import ENVELOPE

def notes(result):
    return " ".join(block.get("text", "") for block in result["content"] if block.get("text", "").startswith("Notes: "))


def strict_fill(tool, given):
    """What a strict-mode model sends: every property of the tool, the unmeant ones as "" or null (alternating)."""
    filled = {}
    for index, name in enumerate(sorted(tool["inputSchema"]["properties"])):
        filled[name] = given[name] if name in given else ("" if index % 2 else None)
    return filled


def listing(binary, env, cwd):
    process = subprocess.run([binary, "--sandbox", "--toolsets", "all", "--test-tools"], input=json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "tools/list", "params": {"_meta": ENVELOPE}}) + "\n",
        capture_output=True, text=True, cwd=cwd, env=env, timeout=60)
    return {tool["name"]: tool for tool in json.loads(process.stdout.splitlines()[0])["result"]["tools"]}


def test_strict_mode_fillers_mean_not_given(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"v" * 5000)
    tools = listing(vod_mcp_bin, clean_env, tmp_path)
    server = Session(vod_mcp_bin, ["--sandbox", "--sandbox-transcode-delay", "0", "--toolsets", "all", "--test-tools"],
                     tmp_path, clean_env)
    try:
        upload = server.call("upload_media_file", strict_fill(tools["upload_media_file"], {"FilePath": "clip.mp4"}))
        assert not upload["isError"], upload
        video = upload["structuredContent"]["VideoId"]
        assert upload["structuredContent"]["Size"] == 5000
        ignored = notes(upload)
        for name in ["Title", "Description", "Tags", "CateId", "TemplateGroupId", "StorageLocation", "UserData",
                     "MediaType", "Resume", "DryRun"]:
            assert name in ignored, (name, ignored)
        assert "ignored" in ignored
        info = server.call("GetVideoInfo", {"VideoId": video})
        assert not info["isError"], info
        assert info["structuredContent"]["Video"]["Title"] == "clip"

        wait = server.call("wait_for_media", strict_fill(tools["wait_for_media"], {"VideoId": video,
                                                                                   "TimeoutSeconds": 20}))
        assert not wait["isError"], wait
        assert wait["structuredContent"]["status"] == "reached"
        assert "JobId" in notes(wait) and "Target" in notes(wait)

        pulled = server.call("upload_media_url", strict_fill(tools["upload_media_url"], {
            "URLs": ["https://example.com/a.mp4"], "DryRun": True}))
        assert not pulled["isError"], pulled
        sent = pulled["structuredContent"]["request"]["parameters"]
        assert set(sent) == {"UploadURLs"}, sent
        assert "UserData" in notes(pulled)

        for name, given in [("search_docs", {"Query": "upload"}), ("describe_api", {"Action": "GetVideoInfo"}),
                            ("sign_playback_url", {"URL": "https://v.example.com/a.mp4", "Key": "k3y", "Type": "A"}),
                            ("test_sleep", {})]:
            result = server.call(name, strict_fill(tools[name], given))
            assert not result["isError"], (name, result)
            if set(tools[name]["inputSchema"]["properties"]) - set(given):
                assert "ignored" in notes(result), (name, result)
    finally:
        server.close()


def test_bad_arguments_name_the_problem_and_the_fix(vod_mcp_bin, clean_env, tmp_path):
    (tmp_path / "clip.mp4").write_bytes(b"v" * 100)
    server = Session(vod_mcp_bin, ["--sandbox", "--toolsets", "all"], tmp_path, clean_env)
    secret = "S" * 300
    try:
        cases = [
            ("wait_for_media", {"VideoId": "v", "TimeoutSeconds": "soon"}, "Validation.WrongType", "TimeoutSeconds"),
            ("wait_for_media", {"VideoId": "v", "TimeoutSeconds": 9999}, "Validation.OutOfRange", "between 1 and 3600"),
            ("wait_for_media", {"Target": "Normal"}, "Validation.MissingParameter", "VideoId or ImageId"),
            ("search_docs", {"Query": "x", "Limit": 0}, "Validation.OutOfRange", "between 1 and 20"),
            ("upload_media_file", {"FilePath": "clip.mp4", "CateId": True}, "Validation.WrongType", "CateId"),
            ("upload_media_file", {"FilePath": "clip.mp4", "title": "x"}, "Validation.UnknownParameter", "'Title'"),
            ("upload_media_file", {"FilePath": "clip.mp4", "Titel": "x"}, "Validation.UnknownParameter", "Title"),
            ("upload_media_file", {"FilePath": "clip.mp4", "MediaType": "sound"}, "Validation.InvalidParameter",
             "video, image, attached"),
            ("upload_media_file", {"Title": "x"}, "Validation.MissingParameter", "FilePath"),
            ("upload_media_url", {"URLs": []}, "Validation.OutOfRange", "at least 1"),
            ("upload_media_url", {"URLs": "https://example.com/a.mp4"}, "Validation.WrongType", "array of strings"),
            ("upload_media_url", {"URLs": ["https://example.com/a.mp4"], "WaitSeconds": 21}, "Validation.OutOfRange",
             "between 0 and 20"),
            ("sign_playback_url", {"URL": "https://v.example.com/a.mp4", "Key": secret, "Type": "A"},
             "Validation.TooLong", "at most 256"),
            ("sign_playback_url", {}, "Validation.MissingParameter", "Key"),
            ("call_api", {"Action": "GetVideoInfo", "Parameters": "{not json"}, "Validation.MalformedJSON",
             "JSON object"),
            ("verify_callback_signature", {"CallbackURL": "https://a", "Timestamp": "1", "Signature": "x",
                                           "AuthKey": "k", "MaxAgeSeconds": -1},
             "Validation.OutOfRange", "between 0 and 31536000"),
        ]
        for name, arguments, code, fragment in cases:
            result = server.call(name, arguments)
            structured = result.get("structuredContent") or {}
            text = text_of(result)
            assert result["isError"], (name, arguments, result)
            assert structured.get("code") == code, (name, arguments, structured)
            assert fragment in structured["message"], (name, arguments, structured["message"])
            assert structured.get("problems"), (name, structured)
            assert secret not in json.dumps(result), name
            assert code in text
        # A missing required set is reported at once, every name in one answer.
        missing = server.call("sign_playback_url", {})["structuredContent"]
        assert {problem["parameter"] for problem in missing["problems"]} == {"URL", "Key", "Type"}, missing
        # A numeric string for an integer is read as the number, and the notes say so.
        read = server.call("search_docs", {"Query": "upload", "Limit": "2"})
        assert not read["isError"] and len(read["structuredContent"]["results"]) <= 2
        assert "Limit: string read as the integer 2" in notes(read)
    finally:
        server.close()
