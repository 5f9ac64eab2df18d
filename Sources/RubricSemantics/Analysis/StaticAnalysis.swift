import RubricSyntax

/// What `check` proves about a rubric beyond names and types, from its typed tree: the
/// interval of every score and of the reward (and whether each declared range holds), a
/// bound on the fuel a sample can use as a function of input sizes, and lints for known
/// reward-hacking shapes.
public struct StaticAnalysis: Sendable {
    /// The inferred and declared ranges.
    public var ranges: RangeReport
    /// Declared ranges that do not hold: errors that stop the rubric from compiling.
    public var errors: [Diagnostic]
    /// Warnings about known reward-hacking shapes (W0002 and up), in source order.
    public var lints: [Diagnostic]
    /// The bound on the fuel one sample uses, in input sizes.
    public var cost: CostReport

    /// Analyses a checked program; `hostCosts` is the fuel each declared host function charges
    /// per call (by declaration order; none counts 0), and `maxDepth` the deepest nesting of
    /// expressions, counted through calls, the analyses follow (the parser's nesting limit,
    /// for which the compiler's stack is sized).
    public static func analyze(_ program: CheckedProgram, environment: any BuiltinEnvironment,
                               hostCosts: [Double] = [], maxDepth: Int = SyntaxLimits().maxNesting) -> StaticAnalysis {
        var analysis = RangeAnalysis(program: program, maxDepth: maxDepth)
        let ranges = analysis.run()
        return StaticAnalysis(ranges: ranges, errors: RangeProof.diagnostics(ranges, program: program),
                              lints: Lints.run(program, ranges: ranges, analysis: &analysis),
                              cost: CostAnalysis.analyze(program, environment: environment, hostCosts: hostCosts,
                                                         maxDepth: maxDepth))
    }
}
