import Testing
@testable import Rubric
@testable import RubricSemantics

/// The inferred ranges are sound: for every example rubric and every golden script that
/// compiles, on their own samples and on generated ones, every reward and score a sample
/// reports lies in the interval the analysis inferred for it. And the standard-library facts
/// the analysis takes on trust (`LibraryFacts`) hold on random lists.
@Suite("Range soundness")
struct RangeSoundnessTests {
    @Test("reported values stay in the inferred ranges", arguments: CostBoundTests.subjects)
    func valuesStayInTheInferredRanges(_ subject: CostBoundTests.Subject) throws {
        guard let program = subject.compiled() else { return }
        let evaluator = Evaluator(program: program, limits: subject.limits)
        for batch in subject.batches(for: program, count: 36, seed: UInt64(subject.name.utf8.count * 104_729)) {
            let results = program.usesGroups ? evaluator.evaluate(batch: batch) : batch.map { evaluator.evaluate(sample: $0) }
            for result in results where result.error == nil {
                if let reward = result.reward {
                    #expect(program.inferredRange?.contains(reward) == true,
                            "\(subject.name): reward \(reward) outside \(String(describing: program.inferredRange))")
                }
                for (index, value) in result.scoreValues.enumerated() {
                    guard let value else { continue }
                    #expect(program.inferredScoreRanges[index]?.contains(value) == true,
                            "\(subject.name): score \(program.scoreNames[index]) = \(value) outside \(String(describing: program.inferredScoreRanges[index]))")
                }
            }
        }
    }

    /// Delta sums telescope and `add_success` adds to the last step, whatever the number of
    /// steps: the facts about their elements and sums hold for lists of every length.
    @Test func libraryFactsHoldOnRandomLists() throws {
        let source = """
            input xs: list[float]
            input keep: bool
            input bonus: float
            let dense = add_success(delta_steps([clip(x, -1, 2) for x in xs], keep), clip(bonus, 0, 1))
            score total = sum(dense)
            score largest = max(dense + [0.0])
            score smallest = min(dense + [0.0])
            reward = total
            """
        let program = try Program.compile(source: source)
        let ranges = program.inferredScoreRanges.compactMap { $0 }
        try #require(ranges.count == 3)
        #expect(ranges[0] == -3...4)
        let evaluator = Evaluator(program: program)
        var generator = SeededGenerator(state: 11)
        for _ in 0..<500 {
            let count = Int.random(in: 0...40, using: &generator)
            let xs = (0..<count).map { _ in Value.float(Double.random(in: -3...4, using: &generator)) }
            let sample = Value.map(["xs": .list(xs), "keep": .bool(Bool.random(using: &generator)),
                                    "bonus": .float(Double.random(in: -1...2, using: &generator))])
            let result = evaluator.evaluate(sample: sample)
            #expect(result.error == nil)
            for (index, value) in result.scoreValues.enumerated() {
                #expect(ranges[index].contains(value ?? .nan), "\(program.scoreNames[index]) = \(String(describing: value)) outside \(ranges[index])")
            }
        }
    }
}
