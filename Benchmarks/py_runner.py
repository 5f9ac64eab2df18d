#!/usr/bin/env python3
"""CPython side of the benchmark.

usage: python3 py_runner.py SAMPLES.jsonl [--repeat R]

Loads every sample with json.loads into a list of dicts first (not timed), then times
the loop that computes the reward of each sample and their sum. Prints one JSON line:
{"seconds": s, "wall_seconds": w, "checksum": c, "samples": n}.
`seconds` is process CPU time (time.process_time), the clock Lua's os.clock reads, so the
runners compare the same thing even on a busy machine; `wall_seconds` is
time.perf_counter. With --repeat R > 1 the loop runs R times and the fastest is reported.
"""

import argparse
import gc
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from workload import reward  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("samples")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    with open(args.samples, encoding="utf-8") as f:
        samples = [json.loads(line) for line in f if line.strip()]
    gc.collect()

    best, best_wall, checksum = float("inf"), float("inf"), 0.0
    for _ in range(max(1, args.repeat)):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        total = 0.0
        for sample in samples:
            total += reward(sample)
        cpu, wall = time.process_time() - cpu_start, time.perf_counter() - wall_start
        if cpu < best:
            best, best_wall = cpu, wall
        checksum = total

    print(json.dumps({"seconds": round(best, 6), "wall_seconds": round(best_wall, 6),
                      "checksum": checksum, "samples": len(samples)}))


if __name__ == "__main__":
    main()
