import Testing
@testable import Rubric
import RubricSemantics
import RubricSyntax

/// The parts of `rubric verify` and `rubric compare` through the API: generated values have
/// their declared types, samples follow input paths, batches share group keys, findings are
/// shrunk, and the consensus is the medoid.
@Suite("Verification")
struct VerificationTests {
    static let types: [RType] = [.int, .float, .number, .bool, .string, .any, .list(.string), .map(.float),
                                 .optional(.list(.map(.int))), .optional(.string), .list(.list(.list(.bool)))]

    @Test(arguments: types)
    func generatedValuesHaveTheDeclaredType(_ type: RType) {
        var random = SplitMix64(state: 1)
        let values = ValuePool.values(for: type) + (0..<200).map { _ in ValuePool.random(for: type, using: &random) }
        for value in values {
            #expect(SampleMutator.fits(value, type), "\(JSON.serialize(value)) is not \(type)")
        }
    }

    @Test func mutationsOfARecordKeepItsInputTypes() throws {
        let program = try Program.compile(source: """
            input text: string
            input count: int
            input weights: list[float]
            input flags: map[bool] = {}
            reward = len(text) + count + sum(weights) + len(flags)
            """)
        let record = try JSON.parse(#"{"text": "<think>a</think>", "count": 3, "weights": [0.5, 1], "flags": {"x": true}}"#,
                                    maxDepth: 8)
        let mutations = SampleMutator.mutations(of: record, program: program)
        #expect(mutations.count > 15)
        #expect(mutations.contains { $0.note == "flags removed" })
        #expect(mutations.contains { $0.note == "text with its tags removed" })
        let evaluator = Evaluator(program: program)
        for mutation in mutations {
            #expect(evaluator.evaluate(sample: mutation.sample).error?.code != "E1002", "\(mutation.note)")
        }
    }

    @Test func samplesFollowInputPathsAndLeaveOutInputsThatMayBeAbsent() throws {
        let program = try Program.compile(source: """
            input tokens: int from usage.completion_tokens = 0
            input text: string from messages.1.content
            input note: string?
            reward = tokens
            """)
        var generator = CaseGenerator(program: program, seed: 3)
        let samples = generator.cases(count: 300).map { $0.samples[0] }
        let tokenPath: [PathSegment] = [.key("usage"), .key("completion_tokens")]
        let textPath: [PathSegment] = [.key("messages"), .index(1), .key("content")]
        #expect(samples.allSatisfy { InputBinding.lookup($0, textPath) != nil })
        #expect(samples.contains { InputBinding.lookup($0, tokenPath) == nil })
        #expect(samples.contains { if case .int(Int.min)? = InputBinding.lookup($0, tokenPath) { true } else { false } })
        #expect(samples.contains { InputBinding.lookup($0, [.key("note")]) == nil })
        #expect(samples.contains { InputBinding.lookup($0, [.key("note")])?.isNull == true })
        // The typical case first: every input has its first (typical) value.
        #expect(JSON.serialize(samples[0]).contains("\\\\boxed{42}"))
    }

    @Test func settingAPathKeepsTheRestOfTheSample() {
        var sample = Value.map(["keep": .int(1)])
        sample = SamplePath.setting(sample, [.key("a"), .key("b")], to: .int(2))
        sample = SamplePath.setting(sample, [.key("a"), .key("c")], to: .int(3))
        sample = SamplePath.setting(sample, [.key("list"), .index(2)], to: .string("x"))
        #expect(JSON.serialize(sample) == #"{"keep":1,"a":{"b":2,"c":3},"list":[null,null,"x"]}"#)
        sample = SamplePath.setting(sample, [.key("a"), .key("b")], to: nil)
        #expect(JSON.serialize(sample) == #"{"keep":1,"a":{"c":3},"list":[null,null,"x"]}"#)
    }

    @Test func batchesOfAGroupRubricShareTheirGroupKey() throws {
        let program = try Program.compile(source: "input k: string\ninput n: int\ngroup = k\nreward = n - mean(group(n))\n")
        var generator = CaseGenerator(program: program, seed: 0)
        let cases = generator.cases(count: 60)
        #expect(Set(cases.map(\.samples.count)) == Set(CaseGenerator.batchSizes))
        for batch in cases {
            let groups = try #require(batch.groups)
            for (index, sample) in batch.samples.enumerated() {
                let leader = batch.samples[groups.firstIndex(of: groups[index])!]
                #expect(InputBinding.lookup(sample, [.key("k")]).map(JSON.serialize)
                        == InputBinding.lookup(leader, [.key("k")]).map(JSON.serialize))
            }
        }
    }

    @Test func aFindingIsShrunkToTheSmallestInputThatStillFails() throws {
        let program = try Program.compile(source: """
            input xs: list[int]
            input label: string
            reward = sum(xs) / len([x for x in xs if x > 100])
            """)
        var options = VerificationOptions()
        options.cases = 100
        let report = PropertyVerifier(program: program, options: options).run()
        let finding = try #require(report.findings.first { $0.code == "E1102" })
        #expect(finding.minimised)
        #expect(JSON.serialize(finding.input) == #"{"xs":[],"label":""}"#)
        #expect(FindingMinimiser.simpler(.int(Int.min)).allSatisfy {
            if case .int(let smaller) = $0 { smaller.magnitude < Int.min.magnitude } else { false }
        })
    }

    @Test func randomSamplesPairOnlySmallValuesAndOneCaseHasEveryLargest() throws {
        let program = try Program.compile(source: "input a: string\ninput b: list[string]\nreward = len(a) + len(b)\n")
        var generator = CaseGenerator(program: program, seed: 5)
        let samples = generator.cases(count: 300).map { $0.samples[0] }
        func isLarge(_ sample: Value, _ name: String) -> Bool {
            InputBinding.lookup(sample, [.key(name)]).map { JSON.serialize($0).utf8.count > CaseGenerator.largeValueBytes } ?? false
        }
        // Each large value has its own systematic case; only the costliest case pairs them.
        let bothLarge = samples.filter { isLarge($0, "a") && isLarge($0, "b") }
        #expect(bothLarge.count == 1)
        let longest = ValuePool.strings.max { $0.utf8.count < $1.utf8.count }!
        #expect(bothLarge.first.flatMap { InputBinding.lookup($0, [.key("a")]) } == .string(longest))
        #expect(samples.filter { isLarge($0, "a") }.count > 3)
        #expect(samples.filter { isLarge($0, "b") }.count >= 2)
    }

    static let alignedLists = """
        input xs: list[float]
        input ws: list[float]
        reward = if len(xs) != len(ws) then fail("xs and ws must have the same length") else len(xs)
        """

    @Test func aDeliberateFailOnGeneratedInputIsARejectionNotAFinding() throws {
        let program = try Program.compile(source: Self.alignedLists)
        var options = VerificationOptions()
        options.cases = 60
        let report = PropertyVerifier(program: program, options: options).run()
        #expect(report.holds, "\(report.text(file: "aligned.rubric"))")
        let rejection = try #require(report.rejections.first)
        #expect(report.rejections.count == 1)
        #expect(rejection.message == "xs and ws must have the same length")
        #expect(rejection.line == 3 && rejection.column == 37)
        #expect(rejection.occurrences > 10 && rejection.origin == .generated)
        #expect(report.text(file: "aligned.rubric").contains("rejected       \(rejection.occurrences) samples by the rubric's own fail"))
        #expect(report.json().contains("\"rejections\":[{\"property\":\"no-errors\",\"code\":\"E1110\",\"message\":\"xs and ws must have the same length\",\"subject\":\"rejected\",\"line\":3,"))
    }

    @Test func aRejectedRecordIsAFinding() throws {
        let program = try Program.compile(source: Self.alignedLists)
        var options = VerificationOptions()
        options.cases = 10
        options.data = [try JSON.parse(#"{"xs": [1.0], "ws": [0.5]}"#, maxDepth: 8),
                        try JSON.parse(#"{"xs": [1.0], "ws": []}"#, maxDepth: 8)]
        let report = PropertyVerifier(program: program, options: options).run()
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.code == "E1110" && finding.origin == .data && finding.note == "record 2")
        #expect(report.rejections.allSatisfy { $0.origin != .data })
    }

    @Test func aRubricThatRejectsEverySampleFails() throws {
        let program = try Program.compile(source: "input x: int\nreward = if x == x then fail(\"never valid\") else 1.0\n")
        var options = VerificationOptions()
        options.cases = 20
        let report = PropertyVerifier(program: program, options: options).run()
        #expect(!report.holds)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.property == .noErrors && finding.subject == "every sample rejected")
        #expect(finding.message.hasPrefix("every sample (20) was rejected by fail(…)"))
        #expect(report.rejections.first?.occurrences == 20)
    }

    @Test func theRangeCheckTakesAnOptionalRange() {
        let inside = SampleResult(reward: 0.5, scoreNames: [], scoreValues: [], error: nil)
        let outside = SampleResult(reward: 1.5, scoreNames: [], scoreValues: [], error: nil)
        let skipped = SampleResult(reward: nil, scoreNames: [], scoreValues: [], error: nil)
        #expect(RecordProperties.rangeViolation(outside, range: nil) == nil)
        #expect(RecordProperties.rangeViolation(inside, range: 0...1) == nil)
        #expect(RecordProperties.rangeViolation(skipped, range: 0...1) == nil)
        #expect(RecordProperties.rangeViolation(outside, range: 0...1)?.message
                == "the reward 1.5 is above the declared range [0.0, 1.0]")
    }

    @Test func recordsDifferWhenAnyBitDiffers() {
        let zero = SampleResult(reward: 0.0, scoreNames: ["s"], scoreValues: [1], error: nil)
        let negativeZero = SampleResult(reward: -0.0, scoreNames: ["s"], scoreValues: [1], error: nil)
        let otherScore = SampleResult(reward: 0.0, scoreNames: ["s"], scoreValues: [nil], error: nil)
        #expect(RecordProperties.difference(zero, zero) == nil)
        #expect(RecordProperties.difference(zero, negativeZero)?.subject == "reward")
        #expect(RecordProperties.difference(zero, otherScore)?.message == "score 's' 1.0, then skip")
    }

    @Test func theConsensusIsTheMedoidWithTiesBrokenByScores() {
        let rewards: [[Double]] = [[1, 0.5, 0.5], [0.5, 1, 0.5], [0.5, 0.5, 1]]
        let scores: [[Double]] = [[0, 1, 1], [1, 0, 2], [1, 2, 0]]
        #expect(CandidateComparison.medoid(rewards, tieBreak: scores) == 1)
        #expect(CandidateComparison.medoid([[1, 0.9, 0.2], [0.9, 1, 0.8], [0.2, 0.8, 1]],
                                           tieBreak: Array(repeating: [0, 0, 0], count: 3)) == 1)
        #expect(CandidateComparison.medoid([], tieBreak: []) == nil)
    }
}
