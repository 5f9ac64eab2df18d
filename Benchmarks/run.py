#!/usr/bin/env python3
"""Runs the Rubric / Lua 5.4 / CPython reward benchmark side by side.

    python3 Benchmarks/run.py                 # 1,000,000 samples
    python3 Benchmarks/run.py --samples 10000 # quick check

Steps: generate the samples (cached in Benchmarks/out/ by count and seed), build
`rubric-bench` in release mode, run the three runners one after the other on the same
samples, check that their checksums (the sum of all rewards) agree, and print a table
plus the compile time of a 200-line rubric. Exits non-zero if a runner fails or the
checksums disagree; the performance targets are reported, not enforced, unless
--enforce-targets is given.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(HERE, "out")

sys.path.insert(0, HERE)
import gen_samples  # noqa: E402

TARGET_LUA_RATIO = 1.5      # Rubric seconds / Lua seconds must be <= this
TARGET_PY_RATIO = 10.0      # CPython seconds / Rubric seconds must be >= this
TARGET_COMPILE_MS = 5.0     # median compile time of compile200.rubric

IMPLEMENTATIONS = ("rubric", "lua", "python")
LABELS = {"rubric": "Rubric (VM)", "lua": "Lua 5.4", "python": "CPython"}


def log(message):
    print(message, file=sys.stderr, flush=True)


def die(message):
    log("run.py: error: " + message)
    sys.exit(1)


def ensure_samples(n, seed, regenerate):
    """Generates the samples into out/n<N>-s<seed>/ unless they are already there."""
    directory = os.path.join(OUT, "n%d-s%d" % (n, seed))
    meta_path = os.path.join(directory, "samples.meta.json")
    wanted = {"samples": n, "seed": seed, "format": gen_samples.FORMAT_VERSION}
    paths = (os.path.join(directory, "samples.jsonl"), os.path.join(directory, "samples.tsv"))
    if not regenerate and all(os.path.exists(p) for p in paths) and os.path.exists(meta_path):
        with open(meta_path) as f:
            try:
                if json.load(f) == wanted:
                    log("samples: reusing %s" % directory)
                    return paths
            except ValueError:
                pass
    log("samples: generating %d samples (seed %d) ..." % (n, seed))
    start = time.perf_counter()
    paths = gen_samples.generate(n, seed, directory)
    log("samples: done in %.1f s" % (time.perf_counter() - start))
    return paths


def build_rubric_bench():
    command = ["swift", "build", "-c", "release", "--product", "rubric-bench"]
    log("build: " + " ".join(command))
    start = time.perf_counter()
    build = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    if build.returncode != 0:
        log(build.stdout[-6000:])
        die("`%s` failed (exit %d)" % (" ".join(command), build.returncode))
    log("build: done in %.1f s" % (time.perf_counter() - start))
    bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              check=True).stdout.strip()
    executable = os.path.join(bin_path, "rubric-bench")
    if not os.path.exists(executable):
        die("built, but %s does not exist" % executable)
    return executable


def run_runner(name, command):
    """Runs one runner; returns the JSON object of its last line of output."""
    log("run: %s: %s" % (name, " ".join(command)))
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=HERE, stdout=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        die("%s runner failed (exit %d)" % (name, proc.returncode))
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    if not lines:
        die("%s runner printed nothing" % name)
    try:
        result = json.loads(lines[-1])
    except ValueError:
        die("%s runner printed no JSON: %r" % (name, lines[-1]))
    log("run: %s: %s  (process took %.1f s including loading)"
        % (name, lines[-1], time.perf_counter() - start))
    return result


def versions(args, selected):
    info = {"python": platform.python_implementation() + " " + platform.python_version()}
    if args.python != sys.executable:
        info["python"] = subprocess.run([args.python, "-c", "import platform;print("
                                         "platform.python_implementation(), platform.python_version())"],
                                        stdout=subprocess.PIPE, text=True).stdout.strip()
    if "lua" in selected:
        info["lua"] = subprocess.run([args.lua, "-v"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True).stdout.strip().split("  ")[0]
    if "rubric" in selected:
        out = subprocess.run(["swift", "--version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True).stdout.strip().splitlines()
        info["swift"] = out[0] if out else "?"
    info["machine"] = "%s, %d CPUs, load average %.2f" % (platform.machine(), os.cpu_count() or 0,
                                                         os.getloadavg()[0])
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=1_000_000, help="number of samples (default 1,000,000)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--repeat", type=int, default=1,
                        help="time the loop R times in each runner and keep the fastest (default 1)")
    parser.add_argument("--only", default=",".join(IMPLEMENTATIONS),
                        help="comma-separated subset of rubric,lua,python (default: all three)")
    parser.add_argument("--lua", default="lua5.4", help="Lua 5.4 interpreter (default lua5.4)")
    parser.add_argument("--lua-gc", choices=("incremental", "generational"), default="incremental",
                        help="Lua garbage-collector mode (default: incremental, Lua 5.4's default)")
    parser.add_argument("--python", default=sys.executable, help="CPython interpreter for the Python runner")
    parser.add_argument("--compile-runs", type=int, default=50)
    parser.add_argument("--skip-build", action="store_true", help="use the rubric-bench already built")
    parser.add_argument("--regenerate", action="store_true", help="regenerate the samples even if cached")
    parser.add_argument("--tolerance", type=float, default=1e-6, help="relative checksum tolerance")
    parser.add_argument("--enforce-targets", action="store_true", help="exit 3 if a target is missed")
    args = parser.parse_args()

    selected = [name.strip() for name in args.only.split(",") if name.strip()]
    for name in selected:
        if name not in IMPLEMENTATIONS:
            parser.error("unknown implementation %r in --only" % name)
    if args.samples <= 0 or args.repeat <= 0 or args.compile_runs <= 0:
        parser.error("--samples, --repeat and --compile-runs must be positive")

    jsonl, tsv = ensure_samples(args.samples, args.seed, args.regenerate)

    executable = None
    if "rubric" in selected:
        if args.skip_build:
            bin_path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT,
                                      stdout=subprocess.PIPE, text=True, check=True).stdout.strip()
            executable = os.path.join(bin_path, "rubric-bench")
        else:
            executable = build_rubric_bench()

    results = {}
    compile_result = None
    for name in selected:
        if name == "rubric":
            results[name] = run_runner(name, [
                executable, "--samples", jsonl, "--script", os.path.join(HERE, "workload.rubric"),
                "--repeat", str(args.repeat)])
            compile_result = run_runner("rubric compile", [
                executable, "--compile", os.path.join(HERE, "compile200.rubric"),
                "--compile-runs", str(args.compile_runs)])
        elif name == "lua":
            results[name] = run_runner(name, [
                args.lua, os.path.join(HERE, "lua_runner.lua"), tsv, os.path.join(HERE, "workload.lua"),
                str(args.repeat), args.lua_gc])
        elif name == "python":
            results[name] = run_runner(name, [
                args.python, os.path.join(HERE, "py_runner.py"), jsonl, "--repeat", str(args.repeat)])

    # ---- checksums must agree ----
    for name, result in results.items():
        if result.get("samples") != args.samples:
            die("%s evaluated %r samples, expected %d" % (name, result.get("samples"), args.samples))
    reference_name = selected[0]
    reference = float(results[reference_name]["checksum"])
    mismatches = []
    for name, result in results.items():
        value = float(result["checksum"])
        scale = max(abs(value), abs(reference), 1.0)
        if not abs(value - reference) <= args.tolerance * scale:  # also catches NaN
            mismatches.append((name, value))

    # ---- report ----
    info = versions(args, selected)
    print()
    print("Reward benchmark: %d samples, seed %d, best of %d; times are process CPU time of the timed loop"
          % (args.samples, args.seed, args.repeat))
    for key in ("swift", "lua", "python", "machine"):
        if key in info:
            print("  %-8s %s" % (key + ":", info[key]))
    print()
    rubric_seconds = results.get("rubric", {}).get("seconds")
    header = "%-14s %10s %12s %14s   %s" % ("implementation", "seconds", "us/sample", "vs Rubric", "checksum")
    print(header)
    print("-" * len(header))
    for name in selected:
        result = results[name]
        seconds = float(result["seconds"])
        per_sample = seconds / args.samples * 1e6
        ratio = "%.2fx" % (seconds / rubric_seconds) if rubric_seconds else "-"
        print("%-14s %10.3f %12.3f %14s   %.10g" % (LABELS[name], seconds, per_sample, ratio,
                                                    float(result["checksum"])))
    print()

    missed = []
    if mismatches:
        for name, value in mismatches:
            print("CHECKSUM MISMATCH: %s = %.17g but %s = %.17g (relative tolerance %g)"
                  % (name, value, reference_name, reference, args.tolerance))
    elif len(results) > 1:
        print("checksums agree to %g relative: %.10g" % (args.tolerance, reference))

    if "rubric" in results and "lua" in results:
        ratio = float(results["rubric"]["seconds"]) / float(results["lua"]["seconds"])
        ok = ratio <= TARGET_LUA_RATIO
        print("Rubric/Lua     = %.2f (target <= %.1f)  %s" % (ratio, TARGET_LUA_RATIO, "met" if ok else "MISSED"))
        if not ok:
            missed.append("Rubric/Lua")
    if "rubric" in results and "python" in results:
        ratio = float(results["python"]["seconds"]) / float(results["rubric"]["seconds"])
        ok = ratio >= TARGET_PY_RATIO
        print("CPython/Rubric = %.1f (target >= %.0f)  %s" % (ratio, TARGET_PY_RATIO, "met" if ok else "MISSED"))
        if not ok:
            missed.append("CPython/Rubric")
    if "lua" in results and "python" in results:
        print("CPython/Lua    = %.2f (for reference)"
              % (float(results["python"]["seconds"]) / float(results["lua"]["seconds"])))
    if compile_result is not None:
        ms = float(compile_result["compile_ms"])
        ok = ms < TARGET_COMPILE_MS
        print("compile %d-line rubric: %.3f ms median of %d (first %.3f ms) (target < %.0f ms)  %s"
              % (compile_result["compile_lines"], ms, compile_result["compile_runs"],
                 float(compile_result["compile_ms_first"]), TARGET_COMPILE_MS, "met" if ok else "MISSED"))
        if not ok:
            missed.append("compile time")

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump({"samples": args.samples, "seed": args.seed, "repeat": args.repeat, "versions": info,
                   "results": results, "compile": compile_result}, f, indent=2)

    if mismatches:
        sys.exit(1)
    if missed and args.enforce_targets:
        print("targets missed: " + ", ".join(missed))
        sys.exit(3)


if __name__ == "__main__":
    main()
