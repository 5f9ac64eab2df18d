import Foundation
import Testing
@testable import Rubric
import RubricSyntax

/// Hostile scripts and inputs are contained: each ends in its expected error code (or a
/// normal record) within a bounded time. The scripts live in Tests/Scripts/hostile/ (the golden
/// runner checks their records); the inputs a golden script cannot express (deep JSON,
/// 100 MB strings, invalid UTF-8, huge and deeply nested sources) are generated here. Every
/// case is timed; the bound is generous (debug builds are ten times slower than release) and
/// the table of timings is printed.
@Suite("Hostile scripts and inputs", .serialized)
struct HostileTests {
    /// The most any one case may take: a hang detector, not a benchmark. Unoptimised builds
    /// are ten to twenty times slower, and the machine may be busy; the table printed by
    /// `swift test -c release --filter HostileTests` gives the real figures.
    static let bound: Duration = {
        #if DEBUG
        return .seconds(40)
        #else
        return .seconds(3)
        #endif
    }()

    /// One timed case: what it is, the error code it ended with (nil for a normal record) and
    /// how long it took.
    struct Timing: Sendable {
        var name: String
        var code: String?
        var duration: Duration
    }

    /// Runs `body`, which returns the error code it ended with, and checks its time and code.
    @discardableResult
    func timed(_ name: String, expect code: String?, _ body: () throws -> String?) rethrows -> Timing {
        let clock = ContinuousClock()
        var found: String?
        let duration = try clock.measure { found = try body() }
        #expect(found == code, "\(name): ended with \(found ?? "no error"), expected \(code ?? "no error")")
        #expect(duration < Self.bound, "\(name) took \(duration)")
        let timing = Timing(name: name, code: found, duration: duration)
        print("| \(name) | \(found ?? "—") | \(Int(duration / .milliseconds(1))) ms |")
        return timing
    }

    /// The hostile golden scripts.
    static let scripts = GoldenScript.all.filter { $0.description.hasPrefix("hostile/") }

    @Test func thereAreHostileScripts() {
        #expect(Self.scripts.count >= 10)
    }

    @Test("each hostile script's samples end within the bound", arguments: scripts)
    func hostileScript(_ script: GoldenScript) throws {
        let program = try Program.compile(source: script.source, name: script.description, limits: script.limits)
        let evaluator = Evaluator(program: program, limits: script.limits)
        for (index, sample) in script.samples.enumerated() {
            let expected = sample.isBatch ? sample.records.first.flatMap(LimitsAuditTests.code(of:))
                : sample.error?.code ?? sample.record.flatMap(LimitsAuditTests.code(of:))
            try timed("\(script.description) #\(index + 1)", expect: expected) {
                let value = try JSON.parse(sample.json, maxDepth: 128)
                if sample.isBatch, case .list(let batch) = value {
                    return evaluator.evaluate(batch: batch).first?.error?.code
                }
                return evaluator.evaluate(sample: value).error?.code
            }
        }
    }

    /// Compiles `source` with default limits but no deadline (so the meters decide).
    func program(_ source: String) throws -> Program {
        var limits = Limits()
        limits.deadlineNanoseconds = 0
        return try Program.compile(source: source, name: "hostile.rubric", limits: limits)
    }

    @Test func deepJSONInputIsRefused() throws {
        let depth = 10_000
        let line = "{\"data\": " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        let program = try program("input data: any\nreward = 1\n")
        timed("JSON nested 10,000 levels", expect: "E1206") {
            switch ParallelEvaluator.parsed(.jsonLine(line, line: 1), maxDepth: Limits().maxValueDepth) {
            case .sample(let value): return Evaluator(program: program).evaluate(sample: value).error?.code
            case .unreadable(let error): return SampleResult.failed(error, program: program).error?.code
            case .jsonLine: return nil
            }
        }
        // A host may build a value without the JSON reader; binding the input refuses it.
        var deep = Value.int(1)
        for _ in 0..<1_000 { deep = .list([deep]) }
        let sample = Value.map(["data": deep])
        timed("host value nested 1,000 levels", expect: "E1206") {
            Evaluator(program: program).evaluate(sample: sample).error?.code
        }
    }

    @Test func hundredMegabyteStringsAreContained() throws {
        let size = 100 << 20
        let text = String(repeating: "a", count: size)
        let line = "{\"s\": \"" + text + "b\"}"
        var parsed: Value = .null
        try timed("parse a 100 MB JSON line", expect: nil) {
            parsed = try JSON.parse(line, maxDepth: 128)
            return nil
        }
        let cases: [(String, String, String?)] = [
            ("len of 100 MB", "len(s)", nil),
            ("catastrophic regex on 100 MB", "if matches(s, r\"(a+)+$\") then 1 else 0", "E1204"),
            ("substring search in 100 MB", "if \"ab\" in s then 1 else 0", nil),
            ("upper of 100 MB", "len(upper(s))", "E1201"),
            ("find_all over 100 MB", "len(find_all(s, r\"a\"))", "E1202"),
            ("100 MB doubled", "len(s + s)", "E1202"),
            ("split of 100 MB", "len(split(s, \"\"))", "E1107"),
            // Longer than any answer math_equal compares: never equal, charged for its scan only.
            ("math_equal of 100 MB", "if math_equal(s, \"1\") then 1 else 0", nil),
        ]
        for (name, expression, code) in cases {
            let program = try program("input s: string\nreward = \(expression)\n")
            timed(name, expect: code) { Evaluator(program: program).evaluate(sample: parsed).error?.code }
        }
    }

    @Test func invalidUTF8IsReplacedNotTrusted() throws {
        // Bytes that are not UTF-8 become U+FFFD where a host decodes them, as `rubric eval` does.
        let bytes: [UInt8] = Array("{\"s\": \"a".utf8) + [0xFF, 0xFE, 0xC3] + Array("b\"}".utf8)
        let program = try program("input s: string\nreward = len(s)\n")
        try timed("invalid UTF-8 in a sample", expect: nil) {
            let value = try JSON.parse(String(decoding: bytes, as: UTF8.self), maxDepth: 128)
            let result = Evaluator(program: program).evaluate(sample: value)
            #expect(result.reward == 5)
            return result.error?.code
        }
        let source = Array("reward = 1 ".utf8) + [0xFF, 0x80] + Array("\n".utf8)
        timed("invalid UTF-8 in a source", expect: "E0101") {
            compileCode(String(decoding: source, as: UTF8.self))
        }
    }

    /// Compiles `source` and returns the first diagnostic code, or nil when it compiles.
    func compileCode(_ source: String) -> String? {
        do {
            _ = try Program.compile(source: source, name: "hostile.rubric")
            return nil
        } catch {
            return error.diagnostics.first?.code.rawValue
        }
    }

    @Test func hugeAndDeepSourcesAreContained() {
        let deep = 100_000
        timed("source nested 100,000 brackets", expect: "E0902") {
            compileCode("reward = " + String(repeating: "(", count: deep) + "1" + String(repeating: ")", count: deep) + "\n")
        }
        timed("source of 100 MB", expect: "E0901") {
            compileCode(String(repeating: "let x = 1  # padding\n", count: 5_000_000))
        }
        // Just under the 4 MiB limit: 150,000 declarations must compile in bounded time.
        let declarations = (0..<150_000).map { "let v\($0) = \($0 % 7) + 1" }.joined(separator: "\n")
        timed("source of 150,000 declarations", expect: nil) {
            compileCode(declarations + "\nreward = v149999\n")
        }
        timed("one string literal of 4 MB", expect: nil) {
            compileCode("reward = len(\"" + String(repeating: "x", count: 4_000_000) + "\")\n")
        }
    }
}
