import RubricSyntax

/// What kind of top-level binding a global slot holds.
public enum GlobalKind: String, Sendable {
    case input, `let`, score, reward
    /// `steps = …`, `latent = …` and `group = …`.
    case steps, latent, groupKey
    /// The value gathered by a `group(e)` or `batch(e)`: `e` evaluated in each sample.
    case collected
}

public struct GlobalInfo: Sendable {
    public var name: String
    public var kind: GlobalKind
    public var type: RType
    public var range: SourceRange
}

public struct CheckedInput: Sendable {
    public var name: String
    public var slot: Int
    public var path: [PathSegment]
    public var type: RType
    public var defaultValue: TypedExpr?
    public var range: SourceRange
}

/// One step of the main program, in source order.
public enum CheckedStep: Sendable {
    /// Reads input number `index` (into `CheckedProgram.inputs`) from the sample.
    case input(Int)
    /// Evaluates an expression into a global slot (lets, scores and the reward) in stage
    /// `stage`: stage 0 reads only the sample; stage k + 1 may read `group(e)`/`batch(e)` of
    /// values computed in stage k, so it runs after every sample of the batch finished stage k.
    case bind(slot: Int, value: TypedExpr, stage: Int)

    /// The stage the step runs in.
    public var stage: Int {
        switch self {
        case .input: 0
        case .bind(_, _, let stage): stage
        }
    }
}

public struct CheckedFunction: Sendable {
    public var name: String
    public var parameterNames: [String]
    public var parameterTypes: [RType]
    /// The default of each parameter, nil where the argument is required.
    public var parameterDefaults: [Constant?]
    public var returnType: RType
    /// Local lets in order: slot and value. Parameters occupy slots 0..<parameters.count.
    public var locals: [(slot: Int, value: TypedExpr)]
    public var body: TypedExpr
    /// Total local slots the frame needs (parameters, lets and comprehension variables).
    public var localCount: Int
    public var range: SourceRange
}

public struct CheckedExpectation: Sendable {
    public var condition: TypedExpr
    /// Local slots the expression needs (comprehension variables).
    public var localCount: Int
    public var range: SourceRange
}

public struct CheckedExample: Sendable {
    public var name: String
    public var range: SourceRange
    /// Input index and value expression; values see builtins only.
    public var assignments: [(input: Int, value: TypedExpr, localCount: Int)]
    public var expectations: [CheckedExpectation]
    /// Set by `expect error`: the sample must fail, with this code when one is given.
    public var expectsError: (code: String?, range: SourceRange)?
}

/// `in [lower, upper]` on a score or the reward, checked: the bounds and where it was written.
public struct CheckedRange: Sendable, Hashable {
    public var bounds: ClosedRange<Double>
    public var range: SourceRange
}

/// A rubric after name resolution and type checking: ready to compile.
public struct CheckedProgram: Sendable {
    public var source: SourceFile
    public var name: String?
    public var description: String?
    public var globals: [GlobalInfo]
    public var inputs: [CheckedInput]
    public var steps: [CheckedStep]
    /// Local slots the main program needs for comprehension variables.
    public var mainLocalCount: Int
    public var functions: [CheckedFunction]
    /// The declared host functions, in declaration order (`callHost` operands index this).
    public var hostFunctions: [CheckedHostFunction]
    /// Score names and their global slots, in declaration order.
    public var scores: [(name: String, slot: Int)]
    public var rewardSlot: Int?
    public var examples: [CheckedExample]
    /// The global holding `steps = …` (dense per-step rewards), if declared.
    public var stepsSlot: Int?
    /// The global holding `latent = …` (named factor scores), if declared.
    public var latentSlot: Int?
    /// The global holding `group = …` (the group key), if declared.
    public var groupKeySlot: Int?
    /// The reward of a failed sample: nil means skip (the default).
    public var fallback: Double?
    /// Number of stages (1 when the rubric uses no `group`/`batch`).
    public var stageCount: Int
    /// The ranges declared with `in [lower, upper]`, by the global slot of the score or reward.
    public var declaredRanges: [Int: CheckedRange] = [:]
}
