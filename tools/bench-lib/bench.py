"""vod-mcp benchmarks. Run through tools/bench (everything) or tools/bench-startup (startup only); tools/bench-lib/
holds this file and the Python baseline server.

Every number is measured in this run, against baselines measured in the same run: absolute times on a shared or
noisy machine mean little alone, the ratios carry the result. Times use time.perf_counter_ns over N runs and are
reported as median, min and max in milliseconds.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import pathlib
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = pathlib.Path(__file__).resolve().parents[2]
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "Tests" / "Interop"))

from hostile.process import ENVELOPE, LineProcess, Sandbox, clean_env  # noqa: E402

import context  # noqa: E402  (tools/bench-lib/context.py: token counts)
import targets  # noqa: E402  (tools/bench-lib/targets.py: issue 16's targets table)

ROWS: list[dict] = []
LATENCY = 200  # ms the sandbox holds each answer in the second concurrency run


# ---------------------------------------------------------------- helpers

def ms(ns: int) -> float:
    return ns / 1e6


def summary(samples_ms: list[float]) -> dict:
    return {"median": statistics.median(samples_ms), "min": min(samples_ms), "max": max(samples_ms), "n": len(samples_ms)}


def row(group, name, unit, stats=None, value=None, baselines=None, note=""):
    entry = {"group": group, "name": name, "unit": unit, "note": note, "baselines": baselines or {}}
    if stats:
        entry.update(stats)
    if value is not None:
        entry["value"] = value
    ROWS.append(entry)
    print(f"  {group}: {name}: " + (f"median {stats['median']:.3f} {unit} (min {stats['min']:.3f}, max {stats['max']:.3f}, n {stats['n']})" if stats else f"{value} {unit}")
          + "".join(f"; {k}: {v}" for k, v in (baselines or {}).items()), file=sys.stderr, flush=True)
    return entry


def ratio(baseline: float, ours: float) -> str:
    if ours <= 0:
        return "n/a"
    value = baseline / ours
    return f"{value:.1f}x faster" if value >= 1 else f"{1 / value:.1f}x slower"


def proc_status(pid: int) -> dict:
    out = {}
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "RssShmem", "Threads"):
                out[key] = int(rest.split()[0])
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                key, _, rest = line.partition(":")
                if key in ("Pss", "Private_Clean", "Private_Dirty"):
                    out[key] = int(rest.split()[0])
    except OSError:
        pass
    return out


def rss_breakdown(pid: int, top: int = 8) -> list[tuple[str, int]]:
    """Resident kB per mapping (shared library, heap, stack...), largest first."""
    totals: dict[str, int] = {}
    current = None
    with open(f"/proc/{pid}/smaps") as handle:
        for line in handle:
            parts = line.split()
            if "-" in parts[0] and len(parts) >= 5 and ":" not in parts[0]:
                current = parts[5] if len(parts) >= 6 else "[anon]"
                current = os.path.basename(current) if current.startswith("/") else current
            elif parts[0] == "Rss:" and current is not None:
                totals[current] = totals.get(current, 0) + int(parts[1])
    return sorted(totals.items(), key=lambda item: -item[1])[:top]


def discover_line() -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": 1, "method": "server/discover", "params": {"_meta": ENVELOPE}}).encode() + b"\n"


def initialize_line() -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "bench", "version": "1"}}}).encode() + b"\n"


# ---------------------------------------------------------------- 1. startup

def first_response(command: list[str], line: bytes, env: dict, measure_rss: bool):
    """Spawns the server, writes one request at once, returns (ms to the first stdout line, rss info)."""
    started = time.perf_counter_ns()
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    process.stdin.write(line)
    process.stdin.flush()
    answer = process.stdout.readline()
    elapsed = time.perf_counter_ns() - started
    if not answer.startswith(b"{"):
        process.kill()
        raise RuntimeError(f"{command[0]} gave no response: {answer[:200]!r}")
    info = None
    if measure_rss:
        time.sleep(0.3)  # idle: the first response is out, nothing else is happening
        info = proc_status(process.pid)
        info["breakdown"] = rss_breakdown(process.pid)
    process.kill()
    process.wait()
    return ms(elapsed), info


def bench_startup(args, env):
    ours = [args.binary]
    python = [sys.executable, str(HERE / "minimal_server.py")]
    results = {}
    for label, line in (("server/discover", discover_line()), ("initialize", initialize_line())):
        samples = {"vod-mcp": [], "python": []}
        rss = {"vod-mcp": [], "python": []}
        for index in range(args.runs):
            for who, command in (("vod-mcp", ours), ("python", python)):
                elapsed, info = first_response(command, line, env, measure_rss=index < 5)
                samples[who].append(elapsed)
                if info:
                    rss[who].append(info)
        ours_stats, base_stats = summary(samples["vod-mcp"]), summary(samples["python"])
        row("startup", f"time to first response: {label}", "ms", ours_stats,
            baselines={"Python MCPServer median ms": round(base_stats["median"], 1),
                       "ratio vs Python MCPServer": ratio(base_stats["median"], ours_stats["median"])})
        targets.first_response(label, ours_stats["median"], base_stats["median"])
        results[label] = rss
    rss = results["server/discover"]
    ours_idle = [r["VmRSS"] / 1024 for r in rss["vod-mcp"]]
    base_idle = [r["VmRSS"] / 1024 for r in rss["python"]]
    ours_peak = [r["VmHWM"] / 1024 for r in rss["vod-mcp"]]
    base_peak = [r["VmHWM"] / 1024 for r in rss["python"]]
    anon = statistics.median(r["RssAnon"] / 1024 for r in rss["vod-mcp"])
    files = statistics.median(r["RssFile"] / 1024 for r in rss["vod-mcp"])
    row("startup", "idle RSS after the first response (VmRSS)", "MB", summary(ours_idle),
        baselines={"Python MCPServer MB": round(statistics.median(base_idle), 1),
                   "ratio": f"{statistics.median(base_idle) / statistics.median(ours_idle):.1f}x smaller"},
        note=f"anonymous {anon:.1f} MB + file-backed (the binary and shared libraries) {files:.1f} MB")
    targets.idle_rss(statistics.median(ours_idle), statistics.median(base_idle))
    row("startup", "peak RSS up to the first response (VmHWM)", "MB", summary(ours_peak),
        baselines={"Python MCPServer MB": round(statistics.median(base_peak), 1)})
    if "Pss" in rss["vod-mcp"][0]:
        for who in ("vod-mcp", "python"):
            pss = statistics.median(r["Pss"] / 1024 for r in rss[who])
            private = statistics.median((r["Private_Clean"] + r["Private_Dirty"]) / 1024 for r in rss[who])
            dirty = statistics.median(r["Private_Dirty"] / 1024 for r in rss[who])
            row("startup", f"{who}: idle proportional set size (Pss) / private (USS) / private dirty", "MB",
                value=f"{pss:.1f} / {private:.1f} / {dirty:.1f}")
    top = rss["vod-mcp"][0]["breakdown"]
    print("  vod-mcp idle RSS by mapping (kB): " + ", ".join(f"{name} {kb}" for name, kb in top), file=sys.stderr)
    ROWS.append({"group": "startup", "name": "idle RSS breakdown", "breakdown": top})


# ---------------------------------------------------------------- 2. tools/list

def list_all(process: LineProcess, counter) -> tuple[int, int, list[float]]:
    """Lists every tool page by page; returns (tools, bytes of the response lines, per-page round trips)."""
    cursor, total_bytes, tools, times = None, 0, 0, []
    while True:
        params = {"_meta": ENVELOPE}
        if cursor:
            params["cursor"] = cursor
        id_ = next(counter)
        before = len(process.lines)
        started = time.perf_counter_ns()
        answer = process.request({"jsonrpc": "2.0", "id": id_, "method": "tools/list", "params": params}, timeout=30)
        times.append(ms(time.perf_counter_ns() - started))
        raw = next(line for line in process.lines[before:] if b'"id":%d' % id_ in line)
        total_bytes += len(raw) + 1
        tools += len(answer["result"]["tools"])
        cursor = answer["result"].get("nextCursor")
        if not cursor:
            return tools, total_bytes, times


def bench_tools_list(args, env):
    import itertools

    counter = itertools.count(1)
    python = LineProcess([sys.executable, str(HERE / "minimal_server.py")], env=env)
    python.request({"jsonrpc": "2.0", "id": 0, "method": "server/discover", "params": {"_meta": ENVELOPE}}, timeout=30)
    base_times = []
    for _ in range(args.runs):
        base_times += list_all(python, counter)[2]
    python.kill()
    base = summary(base_times)
    for label, extra in (("default", []), ("--toolsets all", ["--toolsets", "all"])):
        server = LineProcess([args.binary, *extra], env=env)
        tools, size, _ = list_all(server, counter)
        samples = []
        for _ in range(args.runs):
            start = time.perf_counter_ns()
            list_all(server, counter)
            samples.append(ms(time.perf_counter_ns() - start))
        server.kill()
        cost = context.measure(args.binary, extra, env)
        row("tools/list", f"{label}: {tools} tools", "bytes", value=size)
        row("tools/list", f"{label}: names, descriptions, input schemas", "cl100k tokens", value=cost["declarations"],
            baselines={"first version": context.FIRST_VERSION_DEFAULT, "budget": context.BUDGET}
            if label == "default" else {},
            note=f"whole tools array {cost['listing']} tokens; {len(cost['short'])} descriptions of 5 words or fewer")
        row("tools/list", f"{label}: round trip of a full listing (all pages)", "ms", summary(samples),
            baselines={"Python MCPServer (1 tool) median ms": round(base["median"], 3)})


# ---------------------------------------------------------------- 3 + 4. tool call round trip, concurrency

def rpc_v1_url(endpoint: str, key_id: str, secret: str, action: str, params: dict, method: str = "POST") -> str:
    """An RPC V1 (HMAC-SHA1) signed URL with a fresh nonce, as the VOD SDKs build it."""
    query = {
        "Action": action, "Format": "JSON", "Version": "2017-03-21", "AccessKeyId": key_id,
        "SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": uuid.uuid4().hex,
        "Timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "RegionId": "cn-shanghai", **params,
    }
    encode = lambda text: urllib.parse.quote(str(text), safe="-_.~")  # noqa: E731
    canonical = "&".join(f"{encode(k)}={encode(v)}" for k, v in sorted(query.items()))
    string_to_sign = f"{method}&{encode('/')}&{encode(canonical)}"
    digest = hmac.new((secret + "&").encode(), string_to_sign.encode(), hashlib.sha1).digest()
    query["Signature"] = base64.b64encode(digest).decode()
    return endpoint.rstrip("/") + "/?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)


def bench_calls(args, env):
    import itertools

    from alibabacloud_tea_openapi import models as open_api_models
    from alibabacloud_vod20170321 import models as vod_models
    from alibabacloud_vod20170321.client import Client as VodClient

    box = Sandbox("--sandbox-transcode-delay", "0")
    try:
        info = box.info
        config = open_api_models.Config(access_key_id=info["accessKeyId"], access_key_secret=info["accessKeySecret"],
                                        endpoint=info["endpoint"].replace("http://", ""), protocol="http",
                                        region_id=info["region"], signature_algorithm="v2")
        sdk = VodClient(config)
        video_id = sdk.create_upload_video(vod_models.CreateUploadVideoRequest(title="bench", file_name="b.mp4")).body.video_id
        request = vod_models.GetVideoInfoRequest(video_id=video_id)
        for _ in range(3):
            sdk.get_video_info(request)
        sdk_times = []
        for _ in range(args.calls):
            start = time.perf_counter_ns()
            sdk.get_video_info(request)
            sdk_times.append(ms(time.perf_counter_ns() - start))

        # curl: one process replaying pre-signed requests over a kept-alive connection; time_total per transfer.
        urls = [rpc_v1_url(info["endpoint"], info["accessKeyId"], info["accessKeySecret"], "GetVideoInfo", {"VideoId": video_id})
                for _ in range(args.calls + 3)]
        with tempfile.NamedTemporaryFile("w", suffix=".curl", delete=False) as handle:
            for url in urls:
                handle.write(f'url = "{url}"\nrequest = "POST"\noutput = "/dev/null"\nwrite-out = "%{{http_code}} %{{time_total}}\\n"\n')
            config_path = handle.name
        out = subprocess.run(["curl", "-s", "--config", config_path], capture_output=True, text=True, timeout=120)
        os.unlink(config_path)
        lines = [line.split() for line in out.stdout.splitlines() if line.strip()]
        assert all(code == "200" for code, _ in lines), f"curl replay failed: {out.stdout[:300]}"
        curl_times = [float(total) * 1000 for _, total in lines[3:]]

        server_env = dict(env, ALIBABA_CLOUD_ACCESS_KEY_ID=info["accessKeyId"], ALIBABA_CLOUD_ACCESS_KEY_SECRET=info["accessKeySecret"])
        server = LineProcess([args.binary, "--endpoint", info["endpoint"]], env=server_env)
        counter = itertools.count(1)

        def call_message():
            return {"jsonrpc": "2.0", "id": next(counter), "method": "tools/call",
                    "params": {"name": "GetVideoInfo", "arguments": {"VideoId": video_id}, "_meta": ENVELOPE}}

        for _ in range(3):
            assert server.request(call_message())["result"]["isError"] is False
        ours = []
        for _ in range(args.calls):
            start = time.perf_counter_ns()
            answer = server.request(call_message())
            ours.append(ms(time.perf_counter_ns() - start))
            assert answer["result"]["isError"] is False, answer
        ours_stats = summary(ours)
        sdk_stats, curl_stats = summary(sdk_times), summary(curl_times)
        row("tool call", "GetVideoInfo round trip via vod-mcp (MCP line in, result line out)", "ms", ours_stats,
            baselines={"Python VOD SDK median ms": round(sdk_stats["median"], 3),
                       "ratio vs SDK": ratio(sdk_stats["median"], ours_stats["median"]),
                       "curl floor median ms": round(curl_stats["median"], 3),
                       "overhead over curl": f"{ours_stats['median'] / curl_stats['median']:.1f}x"})
        row("tool call", "same call, official Python VOD SDK (alibabacloud-vod20170321, RPC V1)", "ms", sdk_stats)
        row("tool call", "same signed request replayed by curl (keep-alive, time_total)", "ms", curl_stats)

        # 64 concurrent calls on one server process: first as fast as the loopback sandbox answers (CPU-bound on a
        # small machine), then with the sandbox holding every answer for LATENCY ms, like a real network round trip.
        def concurrent_batch():
            messages = [call_message() for _ in range(64)]
            payload = b"".join(json.dumps(m).encode() + b"\n" for m in messages)
            wanted = {m["id"] for m in messages}
            got: set = set()
            index = len(server.lines)
            start = time.perf_counter_ns()
            server.send_bytes(payload)
            deadline = time.monotonic() + 120
            with server.cond:
                while not wanted <= got and time.monotonic() < deadline:
                    while index < len(server.lines):
                        got.add(json.loads(server.lines[index]).get("id"))
                        index += 1
                    if not wanted <= got:
                        server.cond.wait(0.5)
            return ms(time.perf_counter_ns() - start)

        def single_calls(count):
            times = []
            for _ in range(count):
                start = time.perf_counter_ns()
                answer = server.request(call_message(), timeout=60)
                times.append(ms(time.perf_counter_ns() - start))
                assert answer["result"]["isError"] is False, answer
            return times

        for latency in (0, LATENCY):
            if latency:
                box.fault(kind="latency", operations=["GetVideoInfo"], count=None, latencyMilliseconds=latency)
                singles = single_calls(10)
            else:
                singles = ours
            walls = [concurrent_batch() for _ in range(args.concurrency_runs)]
            wall = summary(walls)
            slowest, median_single = max(singles), statistics.median(singles)
            label = f"sandbox answer delayed {latency} ms" if latency else "loopback sandbox, no added latency"
            row("concurrency", f"64 concurrent GetVideoInfo calls ({label}): wall time", "ms", wall,
                baselines={"slowest single call ms": round(slowest, 3), "median single call ms": round(median_single, 3),
                           "wall / slowest single": f"{wall['median'] / slowest:.2f}",
                           "wall / (64 x median single)": f"{wall['median'] / (64 * median_single):.3f}"},
                note="wall / slowest single near 1 means the calls overlap; 64 x median single is the one-at-a-time cost")
        box.clear_faults()
        server.kill()
    finally:
        box.close()


def bench_call_targets(args, env):
    """Issue 16's call targets (tools/bench-lib/targets.py) against a sandbox of their own."""
    box = Sandbox("--sandbox-transcode-delay", "0")
    try:
        targets.bench_calls(args, env, box, rpc_v1_url, ENVELOPE, row)
    finally:
        box.close()


# ---------------------------------------------------------------- 5 + 6. rows from other tools

def upload_rows(args):
    """Upload rows (and the upload targets), parsed from tools/bench-upload's report, over --upload-runs runs (each
    run uploads with vod-mcp, then curl -T, then oss2, so the three alternate run by run)."""
    upload = ROOT / "tools" / "bench-upload"
    runs = {"ours": [], "curl": [], "oss2": [], "ours rss": [], "curl rss": [], "oss2 rss": []}
    failure = None
    for _ in range(args.upload_runs):
        out = subprocess.run([str(upload), "--binary", args.binary], capture_output=True, text=True, timeout=1800)
        lines = {l.split()[0] + " " + l.split()[1]: l.split() for l in out.stdout.splitlines() if len(l.split()) >= 5}
        try:
            ours, curl, oss2 = lines["vod-mcp upload_media_file"], lines["curl -T"], lines["oss2 resumable_upload"]
            if not all(line[-1] == "yes" for line in (ours, curl, oss2)):
                raise ValueError("an upload failed")
            for key, rate, rss in (("ours", ours[3], ours[4]), ("curl", curl[5], curl[6]), ("oss2", oss2[3], oss2[4])):
                runs[key].append(float(rate))
                runs[key + " rss"].append(float(rss))
        except (KeyError, IndexError, ValueError):
            failure = (out.stdout + out.stderr).strip()[-300:]
            break
    if failure is not None:
        row("upload", "tools/bench-upload failed", "", value=failure)
        for name, goal in (("Upload 1 GiB: throughput", ">= 90% of curl -T"), ("Upload 1 GiB: peak RSS", "<= 64 MiB")):
            targets.missing(name, goal, "tools/bench-upload failed (see the upload row)")
        return
    med = {key: statistics.median(values) for key, values in runs.items()}
    shares = [a / b for a, b in zip(runs["ours"], runs["curl"])]
    count = len(runs["ours"])
    row("upload", "upload 1 GiB to the sandbox: throughput", "MiB/s", value=round(med["ours"], 1),
        baselines={"curl -T MiB/s": round(med["curl"], 1), "vs curl": f"{med['ours'] / med['curl'] * 100:.0f}%",
                   "oss2 resumable MiB/s": round(med["oss2"], 1), "vs oss2": f"{med['ours'] / med['oss2']:.2f}x"},
        note=f"median of {count} run{'s' if count > 1 else ''} each; bodies checksummed, not stored")
    row("upload", "upload 1 GiB: peak RSS", "MiB", value=round(max(runs["ours rss"]), 1),
        baselines={"curl -T MiB": round(max(runs["curl rss"]), 1), "oss2 MiB": round(max(runs["oss2 rss"]), 1)},
        note="highest of the runs")
    targets.upload(runs["ours"], runs["curl"], max(runs["ours rss"]), max(runs["curl rss"]), shares)


def signing_rows(args):
    """Signing rows, parsed from tools/bench-client's report."""
    import re
    client = subprocess.run([str(ROOT / "tools" / "bench-client"), "1000"], capture_output=True, text=True, timeout=900)
    text = client.stdout
    signing = re.findall(r"signing (V\d)[^:]*:\s+(\d+) ops/s", text)
    overhead = re.search(r"V1 \+([\d.]+) ms \(ratio ([\d.]+)\), V3 \+([\d.]+) ms \(ratio ([\d.]+)\)", text)
    curl_line = re.search(r"curl -K.*?median ([\d.]+) ms", text)
    for version, rate in signing:
        row("signing", f"signing operations per second ({version})", "ops/s", value=int(rate))
    if overhead and curl_line:
        row("signing", "VODClient.call over loopback: time added to curl replaying the same signed request", "ms",
            value=float(overhead.group(1)),
            baselines={"curl median ms": float(curl_line.group(1)), "ratio V1": overhead.group(2),
                       "V3 added ms": float(overhead.group(3))},
            note="target < 1 ms added per call")
    if not signing:
        row("signing", "tools/bench-client failed", "", value=(client.stdout + client.stderr).strip()[-300:])


# ---------------------------------------------------------------- report

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = next((line.split(":")[1].strip() for line in open("/proc/meminfo") if line.startswith("MemTotal")), "?")
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": memory, "kernel": platform.release(),
            "os": platform.platform(), "python": platform.python_version(), "swift": swift[0] if swift else "?",
            "loadavg at start": open("/proc/loadavg").read().split()[:3]}


def binary_kind(path: str) -> str:
    """How the measured binary links the Swift runtime and Foundation, and its size, from its dynamic section."""
    try:
        needed = subprocess.run(["readelf", "-d", path], capture_output=True, text=True).stdout
    except OSError:
        return "readelf missing"
    libraries = [line.split("[", 1)[1].rstrip("]") for line in needed.splitlines() if "(NEEDED)" in line]
    swift = [name for name in libraries if "swift" in name or "Foundation" in name]
    linking = "Swift runtime linked dynamically" if swift else "Swift runtime linked statically"
    return f"{linking}, {len(libraries)} direct shared libraries, {os.path.getsize(path) / 2**20:.1f} MiB"


def table() -> str:
    out = ["| Group | Benchmark | Median | Min | Max | Unit | Baselines / ratios |", "|---|---|---|---|---|---|---|"]
    for item in ROWS:
        if "breakdown" in item:
            continue
        base = "; ".join(f"{k}: {v}" for k, v in item.get("baselines", {}).items())
        if item.get("note"):
            base = (base + "; " if base else "") + item["note"]
        if "median" in item:
            cells = [f"{item['median']:.3f}", f"{item['min']:.3f}", f"{item['max']:.3f}"]
        else:
            cells = [str(item.get("value", "")), "", ""]
        out.append(f"| {item['group']} | {item['name']} | " + " | ".join(cells) + f" | {item.get('unit', '')} | {base} |")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["startup", "targets", "all"], default="all")
    parser.add_argument("--binary", default=os.environ.get("VOD_MCP_BIN", str(ROOT / ".build" / "release" / "vod-mcp")))
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "20")))
    parser.add_argument("--calls", type=int, default=int(os.environ.get("BENCH_CALLS", "200")))
    parser.add_argument("--concurrency-runs", type=int, default=int(os.environ.get("BENCH_CONCURRENCY_RUNS", "10")))
    parser.add_argument("--target-rounds", type=int, default=int(os.environ.get("BENCH_TARGET_ROUNDS", "5")),
                        help="interleaved rounds of the sequential and 64-way call benchmarks")
    parser.add_argument("--target-calls", type=int, default=int(os.environ.get("BENCH_TARGET_CALLS", "1280")),
                        help="calls per round in the 64-way CPU benchmark (a multiple of 64)")
    parser.add_argument("--upload-runs", type=int, default=int(os.environ.get("BENCH_UPLOAD_RUNS", "3")),
                        help="runs of tools/bench-upload (1 GiB through vod-mcp, curl -T and oss2 each)")
    parser.add_argument("--json", help="also write the rows and the machine as JSON to this file")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="vod-mcp-bench-")
    env = clean_env(home)
    os.environ["VOD_MCP_BIN"] = args.binary  # the sandboxes (hostile.process.Sandbox) run the measured binary
    print(f"vod-mcp benchmarks: {args.binary}", file=sys.stderr)
    info = machine()
    bench_startup(args, env)
    if args.only == "all":
        bench_tools_list(args, env)
        bench_calls(args, env)
    if args.only in ("all", "targets"):
        bench_call_targets(args, env)
        upload_rows(args)
    if args.only == "all":
        signing_rows(args)
    info["loadavg at end"] = open("/proc/loadavg").read().split()[:3]
    print("Machine: " + ", ".join(f"{k} {v}" for k, v in info.items()))
    print(f"Binary: {args.binary} ({binary_kind(args.binary)})")
    if args.only != "targets":
        print()
        print(table())
    breakdown = next((item["breakdown"] for item in ROWS if "breakdown" in item), None)
    if breakdown:
        print("\nvod-mcp idle RSS by mapping (kB): " + ", ".join(f"{name} {kb}" for name, kb in breakdown))
    if args.only != "startup":
        print("\nTargets (issue 16):\n")
        print(targets.table())
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"machine": info, "binary": args.binary, "rows": ROWS, "targets": targets.TARGETS}, handle,
                      indent=1)


if __name__ == "__main__":
    main()
