import Foundation
import Testing
@testable import Rubric

/// The Swift embedding API: one program shared by threads, batches spread over threads with
/// the records a single evaluator gives, the README's example, and documentation of every
/// public symbol.
@Suite("Embedding API")
struct EmbeddingAPITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The samples of an example data file, repeated to `count` samples.
    static func exampleSamples(_ name: String, count: Int) throws -> [Value] {
        let text = try String(contentsOf: root.appendingPathComponent("Examples/data/\(name).jsonl"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        return try (0..<count).map { try JSON.parse(lines[$0 % lines.count], maxDepth: 128) }
    }

    /// Eight threads share one program, each with its own evaluator, and every thread's
    /// records equal those of one evaluator run sequentially.
    @Test func eightThreadsShareOneProgram() throws {
        let source = try String(contentsOf: Self.root.appendingPathComponent("Examples/r1_math.rubric"), encoding: .utf8)
        let program = try Program.compile(source: source, name: "r1_math.rubric")
        let samples = try Self.exampleSamples("r1_math", count: 200)
        let sequential = Evaluator(program: program)
        let expected = samples.map { sequential.evaluate(sample: $0).json() }
        let shared = Shared(samples)
        let outputs = StackRunner.runEach(count: 8, stackBytes: 8 << 20) { _ in
            let evaluator = Evaluator(program: program)
            return shared.value.map { evaluator.evaluate(sample: $0).json() }
        }
        #expect(outputs.count == 8)
        for output in outputs { #expect(output == expected) }
    }

    /// Rubrics of every kind: per sample, grouped by their own key, grouped by the host,
    /// reading the whole batch, and failing in a later stage for some groups.
    static let rubrics = [
        "input value: float\nscore twice = 2 * value\nreward = twice\n",
        BatchEvaluationTests.source,
        "input value: float\nlet members = group(value)\nscore mean = sum(members) / len(members)\nreward = value - mean\n",
        "input value: float\nscore rank = rank(value, batch(value))\nreward = rank\n",
        """
        input prompt: string
        input value: float
        group = prompt
        let others = len(group(value)) - 2
        score share = 1 / others
        reward = value * share
        """,
    ]

    /// `Program.evaluate(batch:jobs:)` on 1 to 8 threads gives the records of one
    /// evaluator, for random batches with malformed samples among them.
    @Test(arguments: rubrics.indices)
    func aBatchSpreadOverThreadsMatchesOneEvaluator(rubric: Int) throws {
        let program = try Program.compile(source: Self.rubrics[rubric])
        var generator = SeededGenerator(state: UInt64(100 + rubric))
        for round in 0..<12 {
            var batch = BatchEvaluationTests.randomBatch(Int.random(in: 1...40, using: &generator), &generator)
            if round % 3 == 0 { batch.insert(.map(["prompt": .string("p0"), "value": .string("bad")]), at: batch.count / 2) }
            let groups = batch.indices.map { $0 / 3 }
            let reference = Evaluator(program: program).evaluate(batch: batch, groups: groups).map { $0.json() }
            for jobs in [1, 2, 3, 8] {
                #expect(program.evaluate(batch: batch, groups: groups, jobs: jobs).map { $0.json() } == reference)
            }
        }
    }

    /// Callers on eight threads share one pool; each gets the records of its own batch.
    @Test func aPoolServesConcurrentCallers() throws {
        let program = try Program.compile(source: BatchEvaluationTests.source)
        let pool = EvaluatorPool(program: program)
        var generator = SeededGenerator(state: 7)
        let batches = (0..<8).map { _ in BatchEvaluationTests.randomBatch(30, &generator) }
        let expected = batches.map { Evaluator(program: program).evaluate(batch: $0).map { $0.json() } }
        let shared = Shared(batches)
        let outputs = StackRunner.runEach(count: 8, stackBytes: 8 << 20) { thread in
            (0..<5).map { round in
                pool.evaluate(batch: shared.value[thread], jobs: 1 + round % 3).map { $0.json() }
            }
        }
        for (thread, rounds) in outputs.enumerated() {
            for output in rounds { #expect(output == expected[thread]) }
        }
    }

    /// The README's example, line for line (a test below keeps the two identical).
    @Test func theReadmeExampleRuns() throws {
        var printed: [String] = []
        func print(_ items: Any...) { printed.append(items.map { "\($0)" }.joined(separator: " ")) }
        
        let source = """
            input completion: string
            input answer: string
            input prompt_id: int
            group = prompt_id
            score correct = strip(completion) == strip(answer)
            reward = zscore(correct, group(correct))
            """
        var limits = Limits()
        limits.fuel = 1_000_000                      // instruction budget per sample
        limits.deadlineNanoseconds = 100_000_000     // 100 ms per sample
        let program = try Program.compile(source: source, name: "grpo.rubric", limits: limits)
        
        // One sample, on this thread (a rubric that reads group(e) sees a group of one).
        let evaluator = Evaluator(program: program)
        let one = evaluator.evaluate(sample: try JSON.parse(#"{"completion": "4", "answer": "4", "prompt_id": 1}"#, maxDepth: 128))
        print(one.json())  // {"reward":0.0,"scores":{"correct":1.0},"error":null}
        
        // A batch of groups, spread over 4 threads; records come back in input order.
        let samples = try (0..<8).map { index in
            try JSON.parse(#"{"completion": "\#(index % 3)", "answer": "1", "prompt_id": \#(index / 4)}"#, maxDepth: 128)
        }
        let records = program.evaluate(batch: samples, jobs: 4)
        for record in records where record.error == nil {
            print(record.reward ?? .nan, record.json())
        }
        #expect(printed.first == #"{"reward":0.0,"scores":{"correct":1.0},"error":null}"#)
        #expect(records.count == 8)
        #expect(records.map { $0.json() } == Evaluator(program: program).evaluate(batch: samples).map { $0.json() })
        #expect(printed.count == 9)
    }

    /// The README's Swift example is the code of `theReadmeExampleRuns`, so it cannot rot.
    @Test func theReadmeExampleIsTheTestedCode() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let block = readme.components(separatedBy: "```swift\n")[1].components(separatedBy: "```")[0]
        let lines = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("import ") }
        let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let start = try #require(test.firstIndex(of: lines[0]))
        #expect(Array(test[start..<min(test.count, start + lines.count)]) == lines)
    }

    /// Every public declaration of the API folder has a documentation comment above it
    /// (attributes may stand in between).
    @Test func everyPublicSymbolOfTheAPIIsDocumented() throws {
        let folder = Self.root.appendingPathComponent("Sources/Rubric/API")
        var undocumented: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".swift") {
            let lines = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                .split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            for (index, line) in lines.enumerated() where line.hasPrefix("public ") {
                var above = index - 1
                while above >= 0 && lines[above].hasPrefix("@") { above -= 1 }
                if above < 0 || !lines[above].hasPrefix("///") { undocumented.append("\(file):\(index + 1): \(line)") }
            }
        }
        #expect(undocumented == [])
    }
}
