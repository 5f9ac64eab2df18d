import Foundation
import Testing
@testable import Rubric

/// Batch evaluation of rubrics that read `group(e)` and `batch(e)`: results against an
/// independent computation, independence from batch order, errors confined to their sample,
/// and sharing one program across threads.
@Suite("Batch evaluation")
struct BatchEvaluationTests {
    static let source = """
        input prompt: string
        input value: float
        group = prompt
        let scores = group(value)
        score z = zscore(value, scores)
        score members = len(scores)
        score batch_rank = rank(value, batch(value))
        reward = z
        """

    /// A random batch: `count` samples over a few prompts, some scores repeated.
    static func randomBatch(_ count: Int, _ generator: inout SeededGenerator) -> [Value] {
        (0..<count).map { _ in
            let prompt = "p\(Int.random(in: 0..<4, using: &generator))"
            let score = Double(Int.random(in: 0..<5, using: &generator)) / 4
            return .map(["prompt": .string(prompt), "value": .float(score)])
        }
    }

    /// The reference: GRPO z-score with population std and eps 1e-4, computed directly.
    static func expectedZ(_ batch: [Value], _ index: Int) -> Double {
        func fields(_ value: Value) -> (String, Double) {
            guard case .map(let box) = value, case .string(let prompt)? = box.entries["prompt"],
                  case .float(let score)? = box.entries["value"] else { return ("", 0) }
            return (prompt, score)
        }
        let (prompt, score) = fields(batch[index])
        let members = batch.map(fields).filter { $0.0 == prompt }.map(\.1)
        let mean = members.reduce(0, +) / Double(members.count)
        let variance = members.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(members.count)
        return (score - mean) / (variance.squareRoot() + 0.0001)
    }

    @Test func groupScoresMatchADirectComputation() throws {
        let program = try Program.compile(source: Self.source)
        let evaluator = Evaluator(program: program)
        var generator = SeededGenerator(state: 11)
        for _ in 0..<50 {
            let batch = Self.randomBatch(Int.random(in: 1...24, using: &generator), &generator)
            let results = evaluator.evaluate(batch: batch)
            #expect(results.count == batch.count)
            for (index, result) in results.enumerated() {
                let expected = Self.expectedZ(batch, index)
                #expect(abs((result.reward ?? .nan) - expected) <= 1e-12 * max(1, abs(expected)))
                #expect(result.error == nil)
            }
        }
    }

    /// Reversing the batch reverses the records: grouping is by key, not by position.
    @Test func recordsFollowTheirSamplesWhateverTheOrder() throws {
        let program = try Program.compile(source: Self.source)
        let evaluator = Evaluator(program: program)
        var generator = SeededGenerator(state: 12)
        for _ in 0..<20 {
            let batch = Self.randomBatch(16, &generator)
            let forward = evaluator.evaluate(batch: batch).map(\.scoreValues)
            let backward = evaluator.evaluate(batch: batch.reversed()).map(\.scoreValues)
            for (a, b) in zip(forward, backward.reversed()) {
                for (x, y) in zip(a, b) { #expect(abs((x ?? .nan) - (y ?? .nan)) <= 1e-12) }
            }
        }
    }

    /// A malformed sample gets its error record; its group is computed without it.
    @Test func aBrokenSampleIsAloneInItsFailure() throws {
        let program = try Program.compile(source: Self.source)
        let batch: [Value] = [
            .map(["prompt": .string("a"), "value": .float(1)]),
            .map(["prompt": .string("a"), "value": .string("high")]),
            .string("not an object"),
            .map(["prompt": .string("a"), "value": .float(0)]),
        ]
        let results = Evaluator(program: program).evaluate(batch: batch)
        #expect(results.map { $0.error?.code } == [nil, "E1002", "E1003", nil])
        #expect(results[0].scores["members"] == 2.0)
        #expect(results[0].reward.map { abs($0 - 0.5 / 0.5001) < 1e-12 } == true)
    }

    /// One compiled program evaluates batches on many threads with identical results.
    @Test func oneProgramServesBatchesOnManyThreads() async throws {
        let program = try Program.compile(source: Self.source)
        var generator = SeededGenerator(state: 13)
        let batch = Self.randomBatch(64, &generator)
        let reference = Evaluator(program: program).evaluate(batch: batch).map { $0.json() }
        let outputs = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { Evaluator(program: program).evaluate(batch: batch).map { $0.json() } }
            }
            var all: [[String]] = []
            for await output in group { all.append(output) }
            return all
        }
        for output in outputs { #expect(output == reference) }
    }
}
