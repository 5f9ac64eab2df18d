// rubric-bench: the Rubric side of the benchmark in Benchmarks/.
//
//   rubric-bench --samples PATH.jsonl --script PATH.rubric [--compile PATH.rubric]
//                [--repeat R] [--compile-runs K]
//
// Loads every sample (one JSON object per line) into an array of `Value` maps before any
// timing, compiles the script, then times evaluating all samples with one Evaluator and
// sums the rewards. Prints one JSON line:
//   {"seconds": s, "wall_seconds": w, "checksum": c, "samples": n, "compile_ms": m, ...}
// `seconds` is process CPU time (the same clock Lua's os.clock and Python's
// time.process_time read), so the three runners are compared on the same footing.
// With --compile it also compiles that file K times (default 50) and reports the median.
// A sample without a reward (an error or a skip) makes the run fail: the checksum would
// not be comparable with the other implementations.

import Foundation
import Rubric

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Small helpers

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("rubric-bench: \(message)\n".utf8))
    exit(status)
}

/// Seconds of CPU time used by this process so far.
func cpuSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Seconds on a monotonic wall clock.
func wallSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func readText(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        fail("cannot read \(path)")
    }
    return String(decoding: data, as: UTF8.self)
}

/// A number formatted for JSON with the given count of decimals.
func fixed(_ value: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", value)
}

struct Options {
    var samplesPath: String?
    var scriptPath: String?
    var compilePath: String?
    var repeats = 1
    var compileRuns = 50
}

func parseOptions(_ arguments: [String]) -> Options {
    let usage = "usage: rubric-bench --samples PATH --script PATH [--compile PATH] [--repeat R] [--compile-runs K]"
    var options = Options()
    var index = 1
    func value(_ flag: String) -> String {
        index += 1
        guard index < arguments.count else { fail("\(flag) needs a value\n\(usage)", status: 2) }
        return arguments[index]
    }
    while index < arguments.count {
        let flag = arguments[index]
        switch flag {
        case "--samples": options.samplesPath = value(flag)
        case "--script": options.scriptPath = value(flag)
        case "--compile": options.compilePath = value(flag)
        case "--repeat":
            guard let r = Int(value(flag)), r > 0 else { fail("--repeat needs a positive integer", status: 2) }
            options.repeats = r
        case "--compile-runs":
            guard let k = Int(value(flag)), k > 0 else { fail("--compile-runs needs a positive integer", status: 2) }
            options.compileRuns = k
        case "-h", "--help":
            print(usage)
            exit(0)
        default:
            fail("unknown argument \(flag)\n\(usage)", status: 2)
        }
        index += 1
    }
    if options.samplesPath == nil && options.compilePath == nil {
        fail(usage, status: 2)
    }
    if options.samplesPath != nil && options.scriptPath == nil {
        fail("--samples needs --script\n\(usage)", status: 2)
    }
    return options
}

// MARK: - Loading samples (not timed)

/// Parses every non-empty line of a JSONL file into a `Value`.
func loadSamples(_ path: String) -> [Value] {
    guard let data = FileManager.default.contents(atPath: path) else {
        fail("cannot read \(path)")
    }
    var samples: [Value] = []
    samples.reserveCapacity(data.count / 400)
    var lineNumber = 0
    data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
        let bytes = raw.bindMemory(to: UInt8.self)
        var start = 0
        let count = bytes.count
        while start < count {
            var end = start
            while end < count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
            lineNumber += 1
            if end > start {
                let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                do {
                    samples.append(try JSON.parse(line, maxDepth: 128))
                } catch {
                    fail("\(path):\(lineNumber): \(error)")
                }
            }
            start = end + 1
        }
    }
    return samples
}

// MARK: - Compiling

func compileOrFail(_ source: String, name: String) -> Program {
    do {
        return try Program.compile(source: source, name: name)
    } catch {
        fail("\(name) does not compile:\n\(error)")
    }
}

/// Compiles `path` `runs` times; returns (median ms, first ms, line count).
func measureCompile(_ path: String, runs: Int) -> (median: Double, first: Double, lines: Int) {
    let source = readText(path)
    let name = (path as NSString).lastPathComponent
    var times: [Double] = []
    times.reserveCapacity(runs)
    for _ in 0..<runs {
        let start = wallSeconds()
        let program = compileOrFail(source, name: name)
        let elapsed = wallSeconds() - start
        withExtendedLifetime(program) {}
        times.append(elapsed * 1000)
    }
    let first = times[0]
    times.sort()
    let median = times.count % 2 == 1
        ? times[times.count / 2]
        : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
    var lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
    if source.hasSuffix("\n") { lines -= 1 }
    return (median, first, lines)
}

// MARK: - Evaluating (timed)

struct RunResult {
    var cpu: Double
    var wall: Double
    var checksum: Double
}

/// Evaluates every sample once with `evaluator`, summing the rewards in order.
func runOnce(_ evaluator: Evaluator, _ samples: [Value]) -> RunResult {
    var checksum = 0.0
    var failures = 0
    var firstFailure: (index: Int, message: String)?
    let cpuStart = cpuSeconds()
    let wallStart = wallSeconds()
    for index in samples.indices {
        let result = evaluator.evaluate(sample: samples[index])
        if let reward = result.reward {
            checksum += reward
        } else {
            failures += 1
            if firstFailure == nil {
                let why = result.error.map { String(describing: $0) } ?? "skipped (no reward)"
                firstFailure = (index, why)
            }
        }
    }
    let cpu = cpuSeconds() - cpuStart
    let wall = wallSeconds() - wallStart
    if let firstFailure {
        fail("\(failures) of \(samples.count) samples have no reward; first is sample \(firstFailure.index + 1): \(firstFailure.message)")
    }
    return RunResult(cpu: cpu, wall: wall, checksum: checksum)
}

// MARK: - Main

let options = parseOptions(CommandLine.arguments)
var fields: [String] = []

if let samplesPath = options.samplesPath, let scriptPath = options.scriptPath {
    let samples = loadSamples(samplesPath)
    if samples.isEmpty { fail("\(samplesPath) holds no samples") }
    let program = compileOrFail(readText(scriptPath), name: (scriptPath as NSString).lastPathComponent)
    let evaluator = Evaluator(program: program)
    var best: RunResult?
    for _ in 0..<options.repeats {
        let run = runOnce(evaluator, samples)
        if best == nil || run.cpu < best!.cpu { best = run }
    }
    let result = best!
    fields.append("\"seconds\": \(fixed(result.cpu, 6))")
    fields.append("\"wall_seconds\": \(fixed(result.wall, 6))")
    fields.append("\"checksum\": \(result.checksum)")
    fields.append("\"samples\": \(samples.count)")
}

if let compilePath = options.compilePath {
    let compile = measureCompile(compilePath, runs: options.compileRuns)
    fields.append("\"compile_ms\": \(fixed(compile.median, 4))")
    fields.append("\"compile_ms_first\": \(fixed(compile.first, 4))")
    fields.append("\"compile_lines\": \(compile.lines)")
    fields.append("\"compile_runs\": \(options.compileRuns)")
}

print("{" + fields.joined(separator: ", ") + "}")
