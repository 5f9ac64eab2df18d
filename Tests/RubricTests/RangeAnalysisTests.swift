import Testing
@testable import Rubric
@testable import RubricSemantics

/// The interval analysis behind `check`'s range proofs: interval arithmetic, what conditions
/// say about their branches, builtin and standard-library ranges, and the causes it gives
/// for an unbounded value. The analysis must also be sound: see `RangeSoundnessTests`.
@Suite("Range analysis")
struct RangeAnalysisTests {
    /// The inferred range of `reward = expression` after the given declarations.
    static func inferred(_ expression: String, _ declarations: String = "input x: float\ninput n: int\ninput s: string\ninput xs: list[float]\ninput flag: bool")
        throws -> RangeReport.Entry {
        let program = try Program.compile(source: declarations + "\nreward = " + expression + "\n")
        return try #require(program.analysis.ranges.reward)
    }

    @Test func intervalArithmetic() {
        #expect(Interval(1, 2) * Interval(-3, 4) == Interval(-6, 8))
        #expect(Interval(1, 2) / Interval(-1, 1) == .everything)
        #expect(Interval(1, 2) / Interval(2, 4) == Interval(0.25, 1))
        #expect(Interval(-5, 7) % Interval(3, 3) == Interval(0, 3))
        #expect(Interval(-5, 2).magnitude == Interval(0, 5))
        #expect(Interval(0, 0) * .everything == .point(0))
        #expect(Interval(0, 1).hull(.empty) == Interval(0, 1))
        #expect((Interval(0, 1) + .empty).isEmpty)
    }

    @Test(arguments: [
        ("clip(x, -1, 1)", Interval(-1, 1)),
        ("abs(clip(x, -2, 1))", Interval(0, 2)),
        ("clip(x, -2, 1) ** 2", Interval(0, 4)),
        ("if x < 0 then 0.0 else min(x, 5.0)", Interval(0, 5)),
        ("if x > 1 or x < -1 then 0.0 else x", Interval(-1, 1)),
        ("if flag then 1 else -1", Interval(-1, 1)),
        ("soft_overlong(n, max: 100, cache: 10)", Interval(-1, 0)),
        ("cosine_length(n, 1000, flag)", Interval(-1, 1)),
        ("tag_count_reward(s)", Interval(0, 1)),
        ("mean([clip(v, 0, 1) for v in xs])", Interval(0, 1)),
        ("sum([clip(v, 0, 1) for v in xs]) / len([clip(v, 0, 1) for v in xs])", .everything),
        ("if len(xs) == 0 then 0.0 else sum(xs) / len(xs)", .everything),
        ("max(0.0, min(1.0, x))", Interval(0, 1)),
        ("sigmoid(x) + tanh(x)", Interval(-1, 2)),
        ("toolrl_correctness([], [])", Interval(-3, 3)),
        ("bleu(s, [s]) + rouge_l(s, s) + chrf(s, [s])", Interval(0, 3)),
        ("sum([1.0, 2.5, -1])", Interval(2.5, 2.5)),
        ("(if x < 0.5 then 0.25 else 0.75) * 4", Interval(1, 3)),
        // An int below 2.5 may be 2; text that may be a number is not assumed to be one.
        ("if n < 2.5 and n > -0.5 then n else 0", Interval(0, 2)),
        ("if len(xs) != 0 then 1 / len(xs) else 0.0", Interval(0, 1)),
        ("float({\"a\": 1, \"b\": s}.b)", .everything),
        ("float([1, s][n])", .everything),
        ("float([1, s][0])", .point(1)),
    ])
    func inferredRange(_ expression: String, _ expected: Interval) throws {
        #expect(try Self.inferred(expression).inferred.interval == expected, "\(expression)")
    }

    @Test func aMeanOfOneVariableLiesAmongItsElements() throws {
        let entry = try Self.inferred("sum(ys) / len(ys)", "input xs: list[float]\nlet ys = [clip(v, 0, 1) for v in xs]")
        #expect(entry.inferred.interval == Interval(0, 1))
    }

    @Test func causesPointAtTheUnboundedSubexpression() throws {
        let division = try Self.inferred("1 / clip(x, 0, 1)")
        #expect(division.inferred.interval == .everything)
        #expect(division.inferred.causes.first?.kind == .division)
        #expect(division.inferred.causes.first?.message.contains("may be 0") == true)

        let input = try Self.inferred("0.5 + x")
        #expect(input.inferred.causes.map(\.kind) == [.input])
        #expect(input.inferred.causes.first?.range.start == "input x: float\ninput n: int\ninput s: string\ninput xs: list[float]\ninput flag: bool\nreward = 0.5 + ".utf8.count)

        let length = try Self.inferred("len(s) / 100")
        #expect(length.inferred.interval == .nonNegative)
        #expect(length.inferred.upperCauses.map(\.kind) == [.length])

        let steps = try Self.inferred("sum([clip(v, 0, 1) for v in xs])")
        #expect(steps.inferred.interval == .nonNegative)
        #expect(steps.inferred.upperCauses.map(\.kind) == [.sum])

        // Inside a library function, the cause is reported at the rubric's call.
        let library = try Self.inferred("soft_overlong(clip(x, 0, 200), max: 100, cache: clip(x, 0, 10))")
        let call = "input x: float\ninput n: int\ninput s: string\ninput xs: list[float]\ninput flag: bool\nreward = ".utf8.count
        #expect(library.inferred.causes.contains { $0.range.start == call && $0.message.hasPrefix("in soft_overlong: division by a value in [0, 10]") })
    }

    @Test func aNegativeWeightSwapsWhichSideACauseExplains() throws {
        let penalty = try Self.inferred("-0.001 * n", "input n: int")
        #expect(penalty.inferred.upperCauses.map(\.kind) == [.input])
        let tokens = try Self.inferred("-0.001 * tokens", "input tokens: int")
        #expect(tokens.inferred.lowerCauses.map(\.kind) == [.length])
        #expect(tokens.inferred.upperCauses.map(\.kind) == [.input])
    }

    @Test func aLongChainOfConditionsIsAnalysedQuickly() throws {
        let chain = (0..<60).map { "x > \($0)" }.joined(separator: " and ")
        let entry = try Self.inferred("if \(chain) then 1.0 else 0.0")
        #expect(entry.inferred.interval == Interval(0, 1))
    }

    /// Each function calls the one before it twice: memoised, the analysis stays linear.
    @Test func nestedCallsAreMemoised() throws {
        var source = "input x: float\nfn f0(v: float) -> float = clip(v, 0, 1)\n"
        for level in 1...40 { source += "fn f\(level)(v: float) -> float = f\(level - 1)(v) * 0.5 + f\(level - 1)(v) * 0.5\n" }
        source += "reward = f40(x)\n"
        let program = try Program.compile(source: source)
        #expect(program.inferredRange == 0...1)
    }

    /// Each function calls the one before it on two new values: 2^40 distinct calls, which the
    /// memo cannot share. The analysis stops at its work budget and says why.
    @Test func aRubricThatDefeatsTheMemoStopsAtTheBudget() throws {
        var source = "input x: float\nfn f0(v: float) -> float = clip(v, 0, 1)\n"
        for level in 1...40 { source += "fn f\(level)(v: float) -> float = f\(level - 1)(v * 2) + f\(level - 1)(v * 2 + 1)\n" }
        source += "reward = f40(clip(x, 0, 0))\n"
        let reward = try #require(try Program.compile(source: source).analysis.ranges.reward)
        #expect(reward.inferred.interval == .everything)
        #expect(reward.inferred.causes.first?.message == "the rubric is too large to analyse")
    }
}
