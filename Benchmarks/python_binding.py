#!/usr/bin/env python3
"""The Python binding's cost per sample against the Swift API, on the same rubric and samples.

    python3 Benchmarks/python_binding.py                  # 10,000 R1-style samples
    python3 Benchmarks/python_binding.py --samples 2000 --skip-build

Both sides score `Examples/r1_math.rubric` on one thread, with the samples already in memory
(Swift `Value` maps, Python dicts), and report process CPU time (steadier than wall time on a
shared machine; everything runs on the calling thread):

* Swift API: `rubric-bench`, one `Evaluator`, `evaluate(sample:)` on every sample.
* Python: `Rubric.evaluate(batch)` in batches of 64 and of 1. A call encodes the batch as
  JSON, crosses into the library (which parses it, evaluates every sample and renders the
  records as JSON) and decodes the records; the three parts are timed apart on a second pass.

It prints microseconds per sample side by side, with the binding's overhead (Python time
minus Swift time), and fails if the sums of the rewards disagree.
"""

import argparse
import ctypes
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")
RUBRIC = os.path.join(ROOT, "Examples", "r1_math.rubric")
sys.path.insert(0, os.path.join(ROOT, "Bindings", "python"))
sys.path.insert(0, HERE)

from eval_bench import generate  # noqa: E402  (the R1-style sample generator)


def swift_api(samples_path, repeat):
    """Seconds (CPU) and checksum of rubric-bench over the samples."""
    bench = os.path.join(ROOT, ".build", "release", "rubric-bench")
    output = subprocess.run([bench, "--samples", samples_path, "--script", RUBRIC, "--repeat", str(repeat)],
                            check=True, capture_output=True, text=True).stdout
    result = json.loads(output)
    return result["seconds"], result["checksum"]


def python_binding(rubric, samples, batch_size, repeat):
    """Seconds (CPU, best of `repeat`) and checksum of Rubric.evaluate over the samples."""
    batches = [samples[start:start + batch_size] for start in range(0, len(samples), batch_size)]
    best, checksum = None, 0.0
    for _ in range(repeat):
        start = time.process_time()
        records = [record for batch in batches for record in rubric.evaluate(batch)]
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
        checksum = sum(record["reward"] for record in records)
    return best, checksum


def phases(rubric, samples, batch_size):
    """Seconds spent encoding, in the library call and decoding, over the whole sample set."""
    from rubric import _json
    from rubric._library import library
    lib = library()
    options = json.dumps({"output": "json"}).encode()
    encode = call = decode = 0.0
    for start in range(0, len(samples), batch_size):
        batch = samples[start:start + batch_size]
        t0 = time.process_time()
        encoded = _json.dumps(batch)
        t1 = time.process_time()
        results, length, error = ctypes.c_void_p(), ctypes.c_size_t(), ctypes.c_void_p()
        lib.rubric_evaluate(rubric._handle, encoded, len(encoded), options, ctypes.byref(results),
                            ctypes.byref(length), ctypes.byref(error))
        t2 = time.process_time()
        json.loads(ctypes.string_at(results.value, length.value))
        lib.rubric_string_free(results.value)
        t3 = time.process_time()
        encode, call, decode = encode + t1 - t0, call + t2 - t1, decode + t3 - t2
    return encode, call, decode


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="time each runner this many times, keep the fastest")
    parser.add_argument("--skip-build", action="store_true")
    arguments = parser.parse_args()
    if not arguments.skip_build:
        for product in ("rubric-bench", "rubric_c"):
            subprocess.run(["swift", "build", "-c", "release", "--product", product], cwd=ROOT, check=True)
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, f"r1-{arguments.samples}.jsonl")
    if not os.path.exists(path):
        generate(path, arguments.samples, seed=7)
    with open(path, encoding="utf-8") as handle:
        samples = [json.loads(line) for line in handle]

    os.environ.setdefault("RUBRIC_LIBRARY", os.path.join(ROOT, ".build", "release", "librubric_c.so"))
    from rubric import Rubric
    rubric = Rubric.from_file(RUBRIC)
    swift_seconds, swift_sum = swift_api(path, arguments.repeat)
    count = len(samples)
    per = lambda seconds: seconds / count * 1e6  # noqa: E731  (microseconds per sample)
    print(f"{count} R1-style samples (~{sum(len(s['completion']) for s in samples) // count} characters each), "
          f"Examples/r1_math.rubric, one thread, CPU time")
    print(f"{'runner':<26}{'µs/sample':>11}{'overhead µs':>13}{'× Swift':>9}   encode / library / decode µs")
    print(f"{'Swift API (Evaluator)':<26}{per(swift_seconds):>11.1f}{'':>13}{1.0:>9.2f}")
    failed = False
    for batch_size in (64, 1):
        seconds, checksum = python_binding(rubric, samples, batch_size, arguments.repeat)
        encode, call, decode = phases(rubric, samples, batch_size)
        print(f"{f'Python, batches of {batch_size}':<26}{per(seconds):>11.1f}{per(seconds - swift_seconds):>13.1f}"
              f"{seconds / swift_seconds:>9.2f}   {per(encode):.1f} / {per(call):.1f} / {per(decode):.1f}")
        if abs(checksum - swift_sum) > 1e-6 * max(1.0, abs(swift_sum)):
            print(f"checksums disagree: Python {checksum} against Swift {swift_sum}", file=sys.stderr)
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
