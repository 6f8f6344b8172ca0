"""Issue 16's targets, each measured against its baseline in the same invocation of tools/bench.

bench.py records the first-response, idle-RSS and upload figures while it measures them; this file adds the two call
benchmarks the targets need (sequential calls per second, client CPU per call at 64-way), keeps the list of targets
and renders the "Targets" table. Whether a target is met is computed from the numbers, never written in.
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TARGETS: list[dict] = []
TICK = os.sysconf("SC_CLK_TCK")
WIDTH = 64  # calls in flight at once in the CPU benchmark
ID = re.compile(rb'"id":(\d+)')
WATCHDOG_SECONDS = 1800  # the call benchmarks take well under a minute on an idle machine


def record(name: str, ours: str, baseline: str, ratio: str, target: str, met: bool, note: str = "") -> None:
    entry = {"target": name, "vod-mcp": ours, "baseline": baseline, "ratio": ratio, "goal": target,
             "met": met, "note": note}
    TARGETS.append(entry)
    print(f"  target: {name}: {ours} against {baseline} ({ratio}); goal {target}: {'met' if met else 'not met'}",
          file=sys.stderr, flush=True)


def table() -> str:
    out = ["| Target | vod-mcp | Baseline (same run) | Ratio | Goal | Result |", "|---|---|---|---|---|---|"]
    for item in TARGETS:
        baseline = item["baseline"] + (f"; {item['note']}" if item["note"] else "")
        out.append(f"| {item['target']} | {item['vod-mcp']} | {baseline} | {item['ratio']} | {item['goal']} | "
                   f"{'met' if item['met'] else 'not met'} |")
    return "\n".join(out)


def spread(values: list[float], digits: int = 0, unit: str = "rounds") -> str:
    """'median (min-max, n rounds)' for the per-round figures; the median alone for one value."""
    fmt = f"{{:,.{digits}f}}"
    if len(values) == 1:
        return fmt.format(values[0])
    return (f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}-{fmt.format(max(values))}, "
            f"{len(values)} {unit})")


# ---------------------------------------------------------------- 1 + 2. first response, idle RSS (from bench.py)

def first_response(label: str, ours_ms: float, python_ms: float) -> None:
    factor = python_ms / ours_ms
    record(f"First response: {label}", f"{ours_ms:.1f} ms", f"Python MCP SDK server (MCPServer) {python_ms:.1f} ms",
           f"{factor:.1f}x faster", ">= 100x faster", factor >= 100)


def idle_rss(ours_mb: float, python_mb: float) -> None:
    record("Idle RSS (VmRSS 300 ms after the first response)", f"{ours_mb:.1f} MB",
           f"Python MCP SDK server {python_mb:.1f} MB", f"{python_mb / ours_mb:.1f}x smaller", "<= 15 MB",
           ours_mb <= 15)


# ---------------------------------------------------------------- 5. upload (from tools/bench-upload)

def upload(ours: list[float], curl: list[float], ours_rss: float, curl_rss: float, shares: list[float]) -> None:
    """Throughput per run (MiB/s) and the highest peak RSS (MiB) over the runs of tools/bench-upload."""
    share = statistics.median(ours) / statistics.median(curl)
    record("Upload 1 GiB: throughput", f"{spread(ours, 1, 'runs')} MiB/s",
           f"curl -T {spread(curl, 1, 'runs')} MiB/s", f"{share * 100:.0f}% of curl", ">= 90% of curl -T",
           share >= 0.9, note=f"ratio within each run {min(shares) * 100:.0f}-{max(shares) * 100:.0f}%"
           if len(shares) > 1 else "one run")
    record("Upload 1 GiB: peak RSS (maxrss from wait4)", f"{ours_rss:.1f} MiB", f"curl -T {curl_rss:.1f} MiB",
           f"{ours_rss / curl_rss:.1f}x curl's", "<= 64 MiB", ours_rss <= 64, note="highest of the runs")


def missing(name: str, goal: str, reason: str) -> None:
    """A target whose benchmark failed in this run: shown as such, never as met."""
    record(name, "not measured", reason, "n/a", goal, False)


# ---------------------------------------------------------------- 3 + 4. calls

def cpu_seconds(pid: int) -> float:
    """utime + stime of every thread of a live process, from /proc/PID/stat (clock ticks)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class PipeClient:
    """vod-mcp over stdio without reader threads: write lines, read lines, in this thread. The client's own cost is
    a write, a readline and a substring check per call, so the wall time is the server's and the pipes'."""

    def __init__(self, command: list[str], env: dict, envelope: dict):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=env)
        self.envelope = envelope
        self.next_id = 1

    def lines(self, name: str, arguments: dict, count: int) -> tuple[bytes, list[int]]:
        """`count` tools/call lines with fresh ids (from a template, so the client spends little), and the ids."""
        rest = json.dumps({"method": "tools/call", "params": {"name": name, "arguments": arguments,
                                                              "_meta": self.envelope}}, separators=(",", ":"))
        template = b'{"jsonrpc":"2.0","id":%d,' + rest[1:].encode().replace(b"%", b"%%") + b"\n"
        ids = list(range(self.next_id, self.next_id + count))
        self.next_id += count
        return b"".join(template % id_ for id_ in ids), ids

    def read_answers(self, ids: list[int]) -> None:
        """Reads until every id is answered; each answer must not be an error. The check is a substring search
        (cheap, so the client's time stays small); a line it cannot read that way is parsed as JSON instead."""
        wanted = set(ids)
        while wanted:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("vod-mcp closed stdout during the benchmark")
            found = [int(text) for text in ID.findall(line) if int(text) in wanted]
            if b'"isError":false' in line and found:
                wanted.discard(found[0])
                continue
            value = json.loads(line)
            if "method" in value and "id" not in value:
                continue  # a notification
            if value.get("id") not in wanted or value.get("result", {}).get("isError") is not False:
                raise RuntimeError(f"GetVideoInfo failed: {line[:300]!r}")
            wanted.discard(value["id"])

    def call(self, name: str, arguments: dict, count: int) -> None:
        """Blocking calls one at a time."""
        payload, ids = self.lines(name, arguments, count)
        for line, id_ in zip(payload.splitlines(keepends=True), ids):
            self.proc.stdin.write(line)
            self.proc.stdin.flush()
            self.read_answers([id_])

    def batch(self, name: str, arguments: dict, width: int) -> None:
        """`width` calls written at once (one write), then all answers read."""
        payload, ids = self.lines(name, arguments, width)
        self.proc.stdin.write(payload)
        self.proc.stdin.flush()
        self.read_answers(ids)

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def curl_config(urls: list[str]) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".curl", delete=False) as handle:
        for url in urls:
            handle.write(f'url = "{url}"\nrequest = "POST"\noutput = "/dev/null"\nwrite-out = "%{{http_code}}\\n"\n')
        return handle.name


def run_curl(urls: list[str], parallel: bool) -> tuple[float, float]:
    """One curl process over the given pre-signed URLs; returns (wall seconds, utime + stime seconds from wait4)."""
    path = curl_config(urls)
    command = ["curl", "-s", "--max-time", "60", "--config", path]
    if parallel:
        command[1:1] = ["--parallel", "--parallel-max", str(WIDTH)]
    try:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
    finally:
        os.unlink(path)
    codes = out.split()
    if proc.returncode != 0 or len(codes) != len(urls) or any(code != b"200" for code in codes):
        raise RuntimeError(f"curl replay failed (exit {proc.returncode}, {len(codes)} of {len(urls)} answers): "
                           f"{out[:200]!r}")
    return wall, usage.ru_utime + usage.ru_stime


def bench_calls(args, env, sandbox, sign_url, envelope, row) -> None:
    """Sequential calls per second and client CPU per call at 64-way, vod-mcp against curl (and the Python VOD SDK
    for the sequential rate), interleaved round by round against one `vod-mcp sandbox` on loopback."""
    from alibabacloud_tea_openapi import models as open_api_models
    from alibabacloud_vod20170321 import models as vod_models
    from alibabacloud_vod20170321.client import Client as VodClient

    info = sandbox.info
    config = open_api_models.Config(access_key_id=info["accessKeyId"], access_key_secret=info["accessKeySecret"],
                                    endpoint=info["endpoint"].replace("http://", ""), protocol="http",
                                    region_id=info["region"], signature_algorithm="v2")
    sdk = VodClient(config)
    created = sdk.create_upload_video(vod_models.CreateUploadVideoRequest(title="bench", file_name="b.mp4"))
    video_id = created.body.video_id
    sdk_request = vod_models.GetVideoInfoRequest(video_id=video_id)
    arguments = {"VideoId": video_id}

    def signed(count: int) -> list[str]:
        return [sign_url(info["endpoint"], info["accessKeyId"], info["accessKeySecret"], "GetVideoInfo",
                         {"VideoId": video_id}) for _ in range(count)]

    server_env = dict(env, ALIBABA_CLOUD_ACCESS_KEY_ID=info["accessKeyId"],
                      ALIBABA_CLOUD_ACCESS_KEY_SECRET=info["accessKeySecret"])
    client = PipeClient([args.binary, "--endpoint", info["endpoint"]], server_env, envelope)
    # A server that stops answering would leave readline waiting: past the deadline the process is killed, its
    # stdout ends and the benchmark fails with a message instead of hanging.
    watchdog = threading.Timer(WATCHDOG_SECONDS, client.proc.kill)
    watchdog.start()
    try:
        # Warm everything: the server's tool registry and connection pool (64 connections), the SDK's client.
        client.call("GetVideoInfo", arguments, 5)
        client.batch("GetVideoInfo", arguments, WIDTH)
        for _ in range(5):
            sdk.get_video_info(sdk_request)

        sequential = args.calls
        parallel = max(WIDTH * 2, args.target_calls // WIDTH * WIDTH)
        seen = {key: [] for key in ("ours seq", "curl seq", "curl seq total", "sdk seq", "ours cpu", "curl cpu",
                                    "ours par", "curl par", "box ours", "box curl")}
        curl_runs = {key: [] for key in ("one wall", "many wall", "small wall", "small cpu", "big wall", "big cpu")}
        for _ in range(args.target_rounds):
            # 3. Sequential: N blocking calls through vod-mcp; the same N signed requests replayed by one curl
            #    process on one kept-alive connection (its start-up and first connection taken out: see below); N
            #    calls of the warm Python SDK client.
            started = time.perf_counter()
            client.call("GetVideoInfo", arguments, sequential)
            seen["ours seq"].append(sequential / (time.perf_counter() - started))

            curl_runs["one wall"].append(run_curl(signed(1), parallel=False)[0])
            many_wall, _ = run_curl(signed(sequential + 1), parallel=False)
            curl_runs["many wall"].append(many_wall)
            seen["curl seq total"].append((sequential + 1) / many_wall)

            started = time.perf_counter()
            for _ in range(sequential):
                sdk.get_video_info(sdk_request)
            seen["sdk seq"].append(sequential / (time.perf_counter() - started))

            # 4. 64-way: batches of 64 tools/call lines written at once, client CPU from /proc/PID/stat; curl
            #    --parallel --parallel-max 64 over the same number of signed requests plus 64, its CPU from wait4,
            #    minus what a run of 64 requests costs (start-up, config parsing and the 64 connections).
            box_before = cpu_seconds(sandbox.proc.pid)
            before = cpu_seconds(client.proc.pid)
            started = time.perf_counter()
            for _ in range(parallel // WIDTH):
                client.batch("GetVideoInfo", arguments, WIDTH)
            wall = time.perf_counter() - started
            seen["ours cpu"].append((cpu_seconds(client.proc.pid) - before) / parallel * 1000)
            seen["ours par"].append(parallel / wall)
            seen["box ours"].append((cpu_seconds(sandbox.proc.pid) - box_before) / parallel * 1000)

            small_wall, small_cpu = run_curl(signed(WIDTH), parallel=True)
            curl_runs["small wall"].append(small_wall)
            curl_runs["small cpu"].append(small_cpu)
            urls = signed(parallel + WIDTH)
            box_before = cpu_seconds(sandbox.proc.pid)
            big_wall, big_cpu = run_curl(urls, parallel=True)
            seen["box curl"].append((cpu_seconds(sandbox.proc.pid) - box_before) / len(urls) * 1000)
            curl_runs["big wall"].append(big_wall)
            curl_runs["big cpu"].append(big_cpu)
    finally:
        watchdog.cancel()
        client.close()

    # curl's fixed cost (start-up, config, connecting) is the median over all rounds of the short runs, taken off
    # each round's long run: one short run alone is as noisy as the difference it should correct.
    fixed = {key: statistics.median(values) for key, values in curl_runs.items() if key.startswith(("one", "small"))}
    seen["curl seq"] = [sequential / (wall - fixed["one wall"]) for wall in curl_runs["many wall"]]
    seen["curl cpu"] = [(cpu - fixed["small cpu"]) / parallel * 1000 for cpu in curl_runs["big cpu"]]
    seen["curl par"] = [parallel / (wall - fixed["small wall"]) for wall in curl_runs["big wall"]]
    median = {key: statistics.median(values) for key, values in seen.items()}
    paired = lambda ours, base: [a / b for a, b in zip(seen[ours], seen[base])]  # noqa: E731
    share = median["ours seq"] / median["curl seq"]
    rounds_seq, rounds_cpu = paired("ours seq", "curl seq"), paired("ours cpu", "curl cpu")
    record("Sequential GetVideoInfo calls, one at a time (loopback sandbox)", f"{spread(seen['ours seq'])} calls/s",
           f"curl replay, one kept-alive connection: {spread(seen['curl seq'])} calls/s; "
           f"official Python VOD SDK: {spread(seen['sdk seq'])} calls/s",
           f"{share:.2f}x curl; {median['ours seq'] / median['sdk seq']:.2f}x the SDK", ">= 0.8x curl", share >= 0.8,
           note=f"{sequential} calls per round; ratio within each round {min(rounds_seq):.2f}-{max(rounds_seq):.2f}x; "
                f"curl's start-up and 1 request ({fixed['one wall'] * 1000:.1f} ms) taken off; its rate with them "
                f"left in: {median['curl seq total']:,.0f} calls/s")
    factor = median["ours cpu"] / median["curl cpu"]
    record(f"Client CPU per call, {WIDTH} in flight (loopback sandbox)", f"{spread(seen['ours cpu'], 3)} ms",
           f"curl --parallel --parallel-max {WIDTH}: {spread(seen['curl cpu'], 3)} ms",
           f"{factor:.2f}x curl's", "<= 1.3x curl's", factor <= 1.3,
           note=f"{parallel} calls per round; curl's CPU for a run of 64 requests ({fixed['small cpu'] * 1000:.1f} ms) "
                f"taken off; ratio within each round {min(rounds_cpu):.2f}-{max(rounds_cpu):.2f}x; "
                f"utime+stime of the client process only, the sandbox's own CPU excluded "
                f"from both (it spent {median['box ours']:.3f} ms per call serving vod-mcp, "
                f"{median['box curl']:.3f} ms serving curl); throughput {median['ours par']:,.0f} against "
                f"{median['curl par']:,.0f} calls/s")
    for key, label, unit in (("ours seq", "vod-mcp sequential calls per second", "calls/s"),
                             ("curl seq", "curl replay sequential calls per second", "calls/s"),
                             ("sdk seq", "Python VOD SDK sequential calls per second", "calls/s"),
                             ("ours cpu", f"vod-mcp CPU per call at {WIDTH}-way", "ms"),
                             ("curl cpu", f"curl CPU per call at {WIDTH}-way", "ms")):
        values = seen[key]
        row("targets", label, unit, {"median": median[key], "min": min(values), "max": max(values), "n": len(values)})
