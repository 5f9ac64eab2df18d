#!/usr/bin/env python3
"""Throughput and latency of `rubric serve` under load, on R1-style batches.

    python3 Benchmarks/server_bench.py                      # wrk, 16 connections, 15 s, batches of 64
    python3 Benchmarks/server_bench.py --client python      # without wrk: a threaded Python client
    python3 Benchmarks/server_bench.py --skip-build --duration 5 --connections 8

It builds the release `rubric` (unless --skip-build), starts `rubric serve
Examples/r1_math.rubric --port 0`, checks one batch against `rubric eval`, then keeps
--connections requests in flight for --duration seconds: each request is one OpenRLHF
payload (`/get_reward`, or `/v1/evaluate` with --endpoint evaluate) of --batch samples
(about 2 KB each, made by eval_bench.py's generator), cycling through --bodies different
batches. It prints requests/s, samples/s, latency percentiles and the load average, and
stops the server with SIGTERM (which must exit 0). The load generator runs on the same
machine and takes CPU from the server: wrk (Debian package `wrk`) with server_wrk.lua is
the lighter one.
"""

import argparse
import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlparse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
RUBRIC = os.path.join(ROOT, ".build", "release", "rubric")
R1 = os.path.join(ROOT, "Examples", "r1_math.rubric")

sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "Tests", "Server"))
from samples import chat_prompt, openrlhf_payload  # noqa: E402
from eval_bench import r1_completions  # noqa: E402  (the samples `rubric eval` is measured on)


def r1_batch(rng, size, first_group):
    """One batch of R1-style samples as OpenRLHF sends it: groups of 8 per prompt, each query the
    chat-formatted prompt followed by the completion."""
    return openrlhf_payload([{"prompt": chat_prompt(first_group + group), "completion": completion, "answer": gold}
                             for group, completion, gold in r1_completions(rng, size)])


def as_samples(payload):
    """The same batch as `rubric eval` / `/v1/evaluate` samples."""
    return [{"completion": query[len(prompt):], "answer": label}
            for query, prompt, label in zip(payload["query"], payload["prompts"], payload["labels"])]


def start_server(jobs, extra):
    process = subprocess.Popen([RUBRIC, "serve", R1, "--port", "0", "--jobs", str(jobs), *extra],
                               stdout=subprocess.PIPE, text=True)
    first = process.stdout.readline()
    if not first.startswith("listening "):
        process.kill()
        sys.exit(f"the server did not start: {first!r}")
    return process, first.split()[1]


def cpu_seconds(pid):
    """User + system CPU time a process has used so far, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def post(url, path, body):
    address = urlparse(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
    connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data


def check(url, path, payload, body):
    """Compares one batch's rewards with `rubric eval` on the same samples."""
    status, data = post(url, path, body)
    if status != 200:
        sys.exit(f"the check request failed: {status} {data[:300]!r}")
    answer = json.loads(data)
    rewards = answer["rewards"] if "rewards" in answer else [record["reward"] for record in answer["records"]]
    lines = "".join(json.dumps(sample) + "\n" for sample in as_samples(payload))
    completed = subprocess.run([RUBRIC, "eval", R1, "--data", "-", "--summary", "none"], input=lines,
                               capture_output=True, text=True, check=True)
    expected = [json.loads(line)["reward"] for line in completed.stdout.splitlines()]
    if rewards != expected:
        sys.exit("the server's rewards differ from rubric eval's")


def run_wrk(url, path, bodies_file, connections, threads, duration):
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{duration}s", "--timeout", "60s",
               "-s", os.path.join(HERE, "server_wrk.lua"), url + path, "--", bodies_file]
    completed = subprocess.run(command, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.exit(f"wrk failed: {completed.stderr}")
    result = json.loads(completed.stdout.strip().splitlines()[-1])
    seconds = result["duration_us"] / 1e6
    return {"requests": result["requests"], "seconds": seconds, "failed": result["status_errors"] + result["socket_errors"],
            "p50_ms": result["p50_us"] / 1000, "p90_ms": result["p90_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
            "max_ms": result["max_us"] / 1000}


def run_python(url, path, bodies, connections, duration):
    """`connections` threads, each with one keep-alive connection, posting until the time is up."""
    address = urlparse(url)
    latencies, failures = [], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client(seed):
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=120)
        mine = []
        while time.monotonic() < stop_at:
            body = bodies[rng.randrange(len(bodies))]
            start = time.perf_counter()
            connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - start)
            if response.status != 200:
                with lock:
                    failures[0] += 1
        connection.close()
        with lock:
            latencies.extend(mine)

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(seed,)) for seed in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.monotonic() - start
    latencies.sort()

    def percentile(share):
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] * 1000

    return {"requests": len(latencies), "seconds": seconds, "failed": failures[0], "p50_ms": percentile(0.5),
            "p90_ms": percentile(0.9), "p99_ms": percentile(0.99), "max_ms": latencies[-1] * 1000}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", type=int, default=64, help="samples per request")
    parser.add_argument("--bodies", type=int, default=32, help="different request bodies to cycle through")
    parser.add_argument("--connections", type=int, default=16, help="requests kept in flight")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load")
    parser.add_argument("--jobs", type=int, default=os.cpu_count(), help="server worker threads")
    parser.add_argument("--endpoint", choices=["get_reward", "evaluate"], default="get_reward")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk")
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--target", type=float, default=20_000, help="samples/s the run should reach")
    parser.add_argument("--enforce-target", action="store_true", help="exit 3 below --target")
    arguments = parser.parse_args()

    if not arguments.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "rubric"], cwd=ROOT, check=True)
    if arguments.client == "wrk" and subprocess.run(["which", "wrk"], capture_output=True).returncode != 0:
        sys.exit("wrk is not installed (apt-get install wrk), or use --client python")

    rng = random.Random(42)
    payloads = [r1_batch(rng, arguments.batch, number * arguments.batch) for number in range(arguments.bodies)]
    path = "/get_reward" if arguments.endpoint == "get_reward" else "/v1/evaluate"
    if path == "/get_reward":
        bodies = [json.dumps(payload) for payload in payloads]
    else:
        bodies = [json.dumps({"samples": as_samples(payload)}) for payload in payloads]

    process, url = start_server(arguments.jobs, [])
    try:
        check(url, path, payloads[0], bodies[0])
        load_before = os.getloadavg()
        cpu_before = cpu_seconds(process.pid)
        if arguments.client == "wrk":
            with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as handle:
                handle.write("\n".join(bodies) + "\n")
                bodies_file = handle.name
            try:
                result = run_wrk(url, path, bodies_file, arguments.connections, arguments.wrk_threads, arguments.duration)
            finally:
                os.unlink(bodies_file)
        else:
            result = run_python(url, path, [body.encode() for body in bodies], arguments.connections, arguments.duration)
        load_after = os.getloadavg()
        server_cpu = cpu_seconds(process.pid) - cpu_before
    finally:
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=60)
    if status != 0:
        sys.exit(f"the server exited {status} on SIGTERM")

    rate = result["requests"] / result["seconds"]
    samples_rate = rate * arguments.batch
    mean_bytes = sum(len(body) for body in bodies) / len(bodies)
    print(f"rubric serve {R1.replace(ROOT + '/', '')}: {arguments.jobs} workers, {os.cpu_count()} cores, "
          f"client {arguments.client} with {arguments.connections} connections, {arguments.duration} s, {path}")
    print(f"  batches of {arguments.batch} samples, {mean_bytes / 1024:.0f} KiB per request")
    print(f"  {result['requests']} requests, {result['failed']} failed")
    print(f"  {rate:,.0f} requests/s = {samples_rate:,.0f} samples/s (target {arguments.target:,.0f})")
    print(f"  latency p50 {result['p50_ms']:.1f} ms, p90 {result['p90_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, "
          f"max {result['max_ms']:.1f} ms")
    # CPU time per sample does not depend on what else the machine runs: it says what the
    # server would reach with the cores to itself (the client's own CPU excluded).
    per_sample = server_cpu / (result["requests"] * arguments.batch)
    print(f"  server CPU {server_cpu:.1f} s = {per_sample * 1e6:.1f} us per sample, "
          f"{os.cpu_count() / per_sample:,.0f} samples/s if the server had all {os.cpu_count()} cores")
    print(f"  load average before {load_before[0]:.2f}, after {load_after[0]:.2f} (1 min)")
    if result["failed"]:
        sys.exit(1)
    if arguments.enforce_target and samples_rate < arguments.target:
        sys.exit(3)


if __name__ == "__main__":
    main()
