import RubricSyntax

/// Every bound on what a rubric may cost. Each is configuration with a reason; exceeding one
/// is a per-sample error with its own code, never a crash or a hang.
public struct Limits: Sendable, Hashable {
    /// Instruction budget per sample. Fuel is charged on every loop iteration, every call and by
    /// builtins in proportion to the work they do. 10 million units is ~100x what the published
    /// rewards need on a 32k-token completion, and stops a runaway nested comprehension in well
    /// under a second.
    public var fuel: Int = 10_000_000
    /// Bytes a sample may allocate for strings, lists and maps it builds. Bounds memory when
    /// a script multiplies strings or builds large products of lists. 64 MiB per sample lets
    /// a trainer run one evaluator per core without exhausting memory.
    public var memoryBytes: Int = 64 << 20
    /// PCRE2 match limit (calls of the internal match function) per regex call: stops
    /// catastrophic backtracking on adversarial completions.
    public var regexMatchLimit: UInt32 = 1_000_000
    /// PCRE2 depth limit (backtracking depth) per regex call, for the same reason. PCRE2's
    /// JIT ignores it (its recursion is bounded by `regexJITStackBytes` instead), so it applies
    /// when `regexJIT` is off or a pattern cannot be JIT-compiled.
    public var regexDepthLimit: UInt32 = 10_000
    /// JIT-compile patterns: several times faster matching. Off, every match runs in PCRE2's
    /// interpreter, where the depth and heap limits apply.
    public var regexJIT: Bool = true
    /// PCRE2 heap limit in KiB per regex call: bounds the memory the interpreter may use for
    /// backtracking.
    public var regexHeapLimitKiB: UInt32 = 20_000
    /// JIT stack size for PCRE2 in bytes: JIT-compiled patterns recurse on this stack.
    public var regexJITStackBytes: Int = 512 << 10
    /// Deepest nesting of lists and maps accepted in input data: deeper values would be
    /// walked recursively when converted and compared.
    public var maxValueDepth: Int = 128
    /// Wall-clock budget per sample, in nanoseconds, checked by the VM at loop back-edges and
    /// calls (never by signals). 1 s is generous for any single reward; 0 disables it.
    public var deadlineNanoseconds: UInt64 = 1_000_000_000
    /// Limits of the parser: source size and nesting depth.
    public var syntax = SyntaxLimits()

    public init() {}
}
