import Foundation
import Testing
@testable import Rubric

/// The published rewards in Examples/: each compiles cleanly, cites its source, passes its own
/// `example` blocks, and scores its data file (evaluated as one batch, so group rewards see
/// their groups) exactly as recorded in its `.expected.jsonl`, with no sample failing.
@Suite("Example rubrics")
struct ExampleRubricTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples")

    /// Every rubric in Examples/, by file name without the extension.
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".rubric") }.map { String($0.dropLast(".rubric".count)) }.sorted()

    /// The rewards the brief names, each of which must have an example.
    @Test func everyPublishedRewardHasAnExample() {
        let required = ["r1_math", "dapo_overlong", "kimi_length", "cosine_length", "toolrl", "router_r1",
                        "ppr_renorm", "prm_clip_delta", "search_gen_v_nuggets", "lare_latent", "bleuberi",
                        "rpr_calibration", "ttrl_vote", "co_reward", "prime_implicit_prm", "igpo"]
        #expect(Set(required).subtracting(Self.names).isEmpty, "missing: \(Set(required).subtracting(Self.names))")
    }

    /// The benchmark workloads compile (the language's reserved words grow over time).
    @Test func benchmarkRubricsCompile() throws {
        let benchmarks = Self.folder.deletingLastPathComponent().appendingPathComponent("Benchmarks")
        for name in ["workload.rubric", "compile200.rubric"] {
            let source = try String(contentsOf: benchmarks.appendingPathComponent(name), encoding: .utf8)
            #expect(throws: Never.self, "\(name) does not compile") { try Program.compile(source: source, name: name) }
        }
    }

    @Test(arguments: names)
    func exampleRubric(_ name: String) throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent("\(name).rubric"), encoding: .utf8)
        let program = try Program.compile(source: source, name: "\(name).rubric")
        #expect(program.warnings.isEmpty, "\(name): \(program.warnings.map(\.message))")
        #expect(source.range(of: #"20[0-9][0-9]"#, options: .regularExpression) != nil, "\(name) cites no paper")

        let evaluator = Evaluator(program: program)
        let outcomes = evaluator.runExamples()
        #expect(!outcomes.isEmpty, "\(name) has no example blocks")
        for outcome in outcomes {
            #expect(outcome.passed, "\(name): example '\(outcome.name)' failed: \(outcome.failures)")
        }

        let data = try String(contentsOf: Self.folder.appendingPathComponent("data/\(name).jsonl"), encoding: .utf8)
        let samples = try data.split(separator: "\n").map { line throws(RuntimeError) in
            try JSON.parse(String(line), maxDepth: 128)
        }
        let records = evaluator.evaluate(batch: samples).map { $0.json() }
        #expect(records.count == samples.count)
        #expect(!records.isEmpty)
        #expect(records.allSatisfy { $0.hasSuffix("\"error\":null}") }, "\(name): a sample failed: \(records)")
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("data/\(name).expected.jsonl"),
                                  encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(records == expected, "\(name): records differ from data/\(name).expected.jsonl")
    }
}
