import Testing
@testable import Rubric
@testable import RubricSemantics

/// The static analysis of every example rubric: the interval inferred for the reward and for
/// each score, the declared ranges it proves, why the unbounded ones are unbounded, a bound on
/// the fuel of every example, and no lint left unexplained.
@Suite("Example rubrics, analysed")
struct ExampleAnalysisTests {
    static let everything = -Double.infinity...Double.infinity

    /// Per example: the reward's inferred interval, whether it is declared, and each score's
    /// interval in declaration order.
    static let expected: [String: (reward: ClosedRange<Double>, declared: Bool, scores: [ClosedRange<Double>])] = [
        "bleuberi": (0...1, true, [0...1, 0...1]),
        "co_reward": (0...1, true, []),
        "cosine_length": (-1...1, true, [0...1, -1...1]),
        "dapo_overlong": (-2...1, true, [0...1, -1...0]),
        "igpo": (-2...1, true, [-2...1]),
        "kimi_length": (-0.5...1.5, true, [0...1, -0.5...0.5]),
        "lare_latent": (everything, false, []),
        "ppr_renorm": (everything, false, [0...1]),
        "prime_implicit_prm": (0...1, true, [0...1]),
        "prm_clip_delta": (everything, false, [everything]),
        "r1_math": (-1...1, true, [0...1, 0...1, 0...1, -1...0]),
        "router_r1": (everything, false, [0...1, 0...1, 0...1, 0...1]),
        "rpr_calibration": (everything, false, [0...1]),
        "search_gen_v_nuggets": (everything, false, [0...1, 0...1, 0...1, 0...1]),
        "toolrl": (-3...4, true, [0...1, -3...3]),
        "ttrl_vote": (0...1, true, [0...1]),
    ]

    /// Why each unbounded reward is unbounded: the cause the analysis reports first.
    static let causes: [String: String] = [
        "lare_latent": "input 'decoder'",
        "ppr_renorm": "input 'step_scores'",
        "prm_clip_delta": "input 'eta'",  // the step scores are clipped to [0, 1]
        "router_r1": "input 'alpha'",
        "rpr_calibration": "input 'rm_score'",
        "search_gen_v_nuggets": "input 'weights'",
    ]

    @Test func everyExampleHasAnExpectation() {
        #expect(Set(Self.expected.keys) == Set(ExampleRubricTests.names))
    }

    @Test(arguments: ExampleRubricTests.names)
    func rangesCostAndLints(_ name: String) throws {
        let source = try String(contentsOf: ExampleRubricTests.folder.appendingPathComponent("\(name).rubric"), encoding: .utf8)
        let program = try Program.compile(source: source, name: "\(name).rubric")
        let expected = try #require(Self.expected[name])
        #expect(program.inferredRange == expected.reward, "\(name): reward in \(String(describing: program.inferredRange))")
        #expect((program.declaredRange != nil) == expected.declared, "\(name): declared \(String(describing: program.declaredRange))")
        if let declared = program.declaredRange { #expect(declared == expected.reward) }
        #expect(program.inferredScoreRanges == expected.scores.map { Optional($0) }, "\(name): scores in \(program.inferredScoreRanges)")
        if let cause = Self.causes[name] {
            let reward = try #require(program.analysis.ranges.reward)
            #expect(reward.inferred.causes.first?.message.contains(cause) == true,
                    "\(name): first cause \(reward.inferred.causes.first?.message ?? "none")")
        }
        #expect(program.analysis.cost.total.polynomial != nil, "\(name): cost \(program.analysis.cost.total)")
        #expect(program.analysis.lints.isEmpty, "\(name): \(program.analysis.lints.map(\.message))")
    }
}
