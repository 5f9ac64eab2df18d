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
    /// catastrophic backtracking such as `(a+)+$` on adversarial completions, which would
    /// otherwise take exponential time inside one call where fuel and the deadline cannot
    /// reach. A million steps take a few milliseconds and are ~100x what the published format
    /// patterns need on a 32k-token completion.
    public var regexMatchLimit: UInt32 = 1_000_000
    /// PCRE2 depth limit (backtracking depth) per regex call, for the same reason. PCRE2's
    /// JIT ignores it (its recursion is bounded by `regexJITStackBytes` instead), so it applies
    /// when `regexJIT` is off or a pattern cannot be JIT-compiled.
    public var regexDepthLimit: UInt32 = 10_000
    /// JIT-compile patterns: several times faster matching. Off, every match runs in PCRE2's
    /// interpreter, where the depth and heap limits apply.
    public var regexJIT: Bool = true
    /// PCRE2 heap limit in KiB per regex call: bounds the memory the interpreter may use for
    /// backtracking, which grows with the depth of a match and is not part of the `memoryBytes`
    /// meter. 20 MiB is far above what the depth limit lets a sane pattern reach.
    public var regexHeapLimitKiB: UInt32 = 20_000
    /// JIT stack size for PCRE2 in bytes: JIT-compiled patterns recurse on this stack, so it
    /// bounds their backtracking depth the way `regexDepthLimit` bounds the interpreter's.
    /// 512 KiB, the largest size PCRE2's documentation uses, lets the deep but linear
    /// patterns of format checks succeed over long completions.
    public var regexJITStackBytes: Int = 512 << 10
    /// Deepest nesting of lists and maps accepted in input data and built by a script. Values
    /// are converted, compared, hashed, printed and freed recursively, so an unbounded depth
    /// (a 10,000-level JSON array) would overflow the stack. 128 levels is far beyond any real
    /// record (chat transcripts and tool calls nest a handful of levels).
    public var maxValueDepth: Int = 128
    /// Largest record one sample may produce, in bytes of its JSON form (`SampleResult.json()`):
    /// the reward, every score, `steps`, `latent` and the error. Records travel back to the
    /// trainer through pipes, HTTP responses and Python lists, one per completion, so a script
    /// that emits a huge steps list or latent map (per character of a 10 MB completion, say)
    /// would exhaust the host rather than the sandbox. 1 MiB holds dense per-token steps of a
    /// 32k-token completion (at most 25 bytes a number). A record over the limit is replaced
    /// by an `E1205` error record (steps and latent null, the fallback as reward, the scores
    /// kept); `check` refuses a rubric whose error record alone could not fit (`E0950`).
    /// Error messages, which may quote script data (`fail(text)`), are cut to
    /// `SampleError.maxMessageBytes`, so an error record is bounded whatever the script does.
    public var maxOutputBytes: Int = 1 << 20
    /// Wall-clock budget per sample, in nanoseconds, checked by the VM at loop back-edges and
    /// calls (never by signals). 1 s is generous for any single reward; 0 disables it.
    public var deadlineNanoseconds: UInt64 = 1_000_000_000
    /// Limits of the parser: source size and nesting depth.
    public var syntax = SyntaxLimits()

    public init() {}
}
