import Testing
@testable import Rubric
@testable import RubricSemantics

/// The cost analysis behind `check --cost`: the VM's fuel rules read off the typed tree, sizes
/// carried through computed values, bounds written in input-size variables, and reasons where
/// no bound exists. That the bounds hold on real runs is `CostBoundTests`' job.
@Suite("Cost analysis")
struct CostAnalysisTests {
    /// The cost report of a rubric.
    static func cost(_ source: String) throws -> CostReport {
        try Program.compile(source: source).analysis.cost
    }

    /// The bound of the reward of `reward = expression` after the declarations, as text.
    static func rewardBound(_ expression: String, _ declarations: String = "input s: string\ninput xs: list[float]\ninput n: int")
        throws -> String {
        try #require(try cost(declarations + "\nreward = " + expression + "\n").bound(of: "reward")).description
    }

    @Test func polynomialsPrintFromTheConstantUp() {
        let a = SizePolynomial.variable("len(a)"), b = SizePolynomial.variable("len(b)")
        let polynomial = SizePolynomial.constant(120) + 35 * a + (3.0 / 64) * (a * b) + a * a + (1.0 / 8) * b
        #expect(polynomial.description == "120 + 35·len(a) + len(b)/8 + len(a)^2 + 3·len(a)·len(b)/64")
        #expect(polynomial.evaluate(["len(a)": 2, "len(b)": 64]) == 120 + 70 + 8 + 4 + 6)
        #expect(polynomial.max(.constant(200)).description == "200 + 35·len(a) + len(b)/8 + len(a)^2 + 3·len(a)·len(b)/64")
        #expect(SizePolynomial.zero.description == "0")
    }

    @Test(arguments: [
        // Iterations cost one unit each, calls one more than their body, builtins their entry.
        ("len([x for x in xs])", "1 + len(xs)"),
        ("len([1 for x in xs for y in xs])", "1 + len(xs) + len(xs)^2"),
        ("len([1 for x in xs if x > 0])", "1 + len(xs)"),
        ("len(s)", "1 + bytes(s)/64"),
        ("len([w for w in words(s)])", "4 + 1.375·bytes(s)"),
        ("len(range(n))", "3 + |n|/4"),
        ("soft_overlong(n, max: 100, cache: 10)", "1"),
        ("if n > 0 then len(s) else len([x for x in xs])", "1 + bytes(s)/64 + len(xs)"),
        ("len(join([s, s], s))", "3.25 + bytes(s)/8"),
    ])
    func bounds(_ expression: String, _ expected: String) throws {
        #expect(try Self.rewardBound(expression) == expected, "\(expression)")
    }

    @Test func aWindowOfConstantWidthIsThatWide() throws {
        let windows = try Self.rewardBound("len([join(ws[i:i + 3], \" \") for i in range(len(ws))])",
                                           "input s: string\nlet ws = words(s)")
        let unbounded = try Self.rewardBound("len([join(ws[i:], \" \") for i in range(len(ws))])",
                                             "input s: string\nlet ws = words(s)")
        // A window of three words costs a constant number of elements per join; an open slice
        // may be as long as the list.
        #expect(windows.contains("bytes(s)^2") && !windows.contains("bytes(s)^3"))
        #expect(unbounded.contains("bytes(s)^3"))
    }

    @Test func groupsAndInputsOfTypeAnyHaveTheirOwnVariables() throws {
        let report = try Self.cost("""
            input prompt: string
            input answer: string
            input meta: map[any]
            group = prompt
            let votes = group(answer)
            reward = len([v for v in votes if v == answer]) + len(meta)
            """)
        #expect(report.total.description.contains("group_size"))
        #expect(report.variables.map(\.name) == ["bytes(prompt)", "bytes(answer)", "len(meta)", "keys(meta)", "size(meta[*])", "group_size"])
        // Comparing strings walks them; len of a map is free.
        #expect(report.usedVariables.map(\.name) == ["bytes(answer)", "group_size"])
        #expect(report.variables.last?.meaning == "the number of samples in the group")
    }

    @Test func noBoundSaysWhyAndWhere() throws {
        let source = "input s: string\ninput data: any\nlet a = [x for x in range(int(s))]\nlet b = parse_yaml(s)\nreward = 1\n"
        let report = try Self.cost(source)
        guard case .unbounded(let parsed) = report.bindings[0].bound, case .unbounded(let yaml) = report.bindings[1].bound else {
            Issue.record("expected no bound: \(report.bindings.map(\.bound))")
            return
        }
        #expect(parsed.message == "an int converted from a float or from text has no bound in input sizes")
        #expect(parsed.range.start == "input s: string\ninput data: any\nlet a = [x for x in range(".utf8.count)
        #expect(yaml.message.contains("parse_yaml expands aliases"))
        #expect(report.bound(of: "reward")?.description == "0")
        #expect(report.totalValue([:]) == .infinity)
    }

    /// Each function calls the one before it twice: memoised, the analysis stays linear, and
    /// the bound counts every call.
    @Test func nestedCallsAreCountedAndMemoised() throws {
        var source = "input x: float\nfn f0(v: float) -> float = v\n"
        for level in 1...30 { source += "fn f\(level)(v: float) -> float = f\(level - 1)(v) + f\(level - 1)(v)\n" }
        source += "reward = f30(x)\n"
        let bound = try #require(try Self.cost(source).bound(of: "reward")?.polynomial)
        // 2^31 - 1 calls in all.
        #expect(bound.evaluate([:]) == Double((1 << 31) - 1))
    }

    /// Sixty functions, each nesting its call of the one before sixty levels deep: the
    /// analyses give up past the nesting limit (counted through calls) instead of running out
    /// of stack, and say so.
    @Test func nestingThroughCallsIsBounded() throws {
        var source = "input x: float\nfn f0(v: float) -> float = v\n"
        for level in 1...60 {
            let body = (0..<60).reduce("f\(level - 1)(v)") { inner, _ in "(\(inner) + 1)" }
            source += "fn f\(level)(v: float) -> float = \(body)\n"
        }
        source += "reward = clip(f60(x), 0, 1)\n"
        let program = try Program.compile(source: source)
        #expect(program.inferredRange == 0...1)
        guard case .unbounded(let reason) = program.analysis.cost.total else {
            Issue.record("expected no bound: \(program.analysis.cost.total)")
            return
        }
        #expect(reason.message == "expressions and calls are nested too deeply to analyse")
    }
}
