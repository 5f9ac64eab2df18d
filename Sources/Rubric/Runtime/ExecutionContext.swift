import Dispatch

/// The mutable state of one sample's evaluation that builtins can see: the fuel and memory
/// meters, the deadline and the regex cache. One context belongs to one thread at a time.
/// Its meters and caches are touched by every builtin call, so they are exempt from Swift's
/// run-time exclusivity checks (`@exclusivity(unchecked)`): with one thread per context and
/// no overlapping accesses in its code, the checks would only cost time.
public final class ExecutionContext {
    public let limits: Limits
    /// Fuel left for the current sample.
    @exclusivity(unchecked) public var fuel: Int
    /// Bytes charged so far for the current sample.
    @exclusivity(unchecked) public var memoryUsed: Int = 0
    /// Monotonic time after which the sample fails with `deadlineExceeded`; 0 for none.
    @exclusivity(unchecked) var deadline: UInt64 = 0
    /// Fuel left at which the deadline is checked next; reading the clock every iteration
    /// would cost more than the work it guards.
    @exclusivity(unchecked) var nextClockCheck: Int = 0
    /// Compiled patterns by source text; never observable by scripts.
    let regexes: RegexCache
    /// Results of `math_equal` by (prediction, gold, places): the completions of one prompt
    /// often repeat an answer, and the comparison is pure, so a repeat costs a lookup. Never
    /// observable by scripts (fuel is charged the same either way).
    @exclusivity(unchecked) var mathEqualities: [MathEqualityKey: Bool] = [:]
    /// Parsed math answers, by text (see `MathAnswerCache`).
    let mathAnswers = MathAnswerCache()
    /// Results of pure host functions by arguments (see `HostResultCache`).
    let hostResults = HostResultCache()
    /// When set, a request raised on this flag stops the evaluation in progress with
    /// `cancelled`. It is checked with the deadline, every `clockInterval` units of fuel, so
    /// an evaluation stops within a few thousand operations of the request.
    public var cancellation: CancellationFlag?

    /// How much fuel passes between two readings of the clock.
    static let clockInterval = 4096

    public init(limits: Limits) {
        self.limits = limits
        self.fuel = limits.fuel
        self.regexes = RegexCache(limits: limits)
    }

    /// Resets the meters for a new sample and starts its deadline.
    public func beginSample() {
        fuel = limits.fuel
        memoryUsed = 0
        nextClockCheck = max(fuel - ExecutionContext.clockInterval, 0)
        deadline = limits.deadlineNanoseconds == 0 ? 0 :
            DispatchTime.now().uptimeNanoseconds &+ limits.deadlineNanoseconds
    }

    /// Charges `units` of fuel, failing when the budget or the deadline runs out.
    @inline(__always)
    public func charge(_ units: Int) throws(RuntimeError) {
        fuel -= units
        if fuel < nextClockCheck { try checkBudget() }
    }

    /// Fails when the fuel is spent or the deadline has passed, and schedules the next check.
    func checkBudget() throws(RuntimeError) {
        if fuel < 0 {
            throw RuntimeError(.fuelExhausted, "fuel exhausted: the sample used more than \(limits.fuel) units of work")
        }
        nextClockCheck = max(fuel - ExecutionContext.clockInterval, 0)
        try checkDeadline()
    }

    /// Fails when the deadline has passed or a cancellation is pending. Charging fuel does
    /// this every `clockInterval` units; work whose cost cannot be known in advance (a regex
    /// match may backtrack up to its match limit, some milliseconds, for one unit) calls it
    /// directly every few steps, so the deadline holds within milliseconds.
    public func checkDeadline() throws(RuntimeError) {
        if let cancellation, cancellation.isRequested {
            throw RuntimeError(.cancelled, "cancelled: the evaluation was interrupted")
        }
        if deadline != 0, DispatchTime.now().uptimeNanoseconds > deadline {
            throw RuntimeError(.deadlineExceeded,
                               "deadline exceeded: the sample ran longer than \(limits.deadlineNanoseconds / 1_000_000) ms")
        }
    }

    /// Charges a walk over a value (equality, ordering, hashing, depth and display) for one
    /// list or map of `elements` elements: one unit plus one per 8 elements, the rate of the
    /// builtins that read lists. Lists and maps share storage, so a value a script built
    /// cheaply can stand for an exponentially larger one; charging the walk per node it
    /// visits keeps such walks inside the fuel budget and the deadline.
    @inline(__always)
    public func chargeWalk(elements: Int) throws(RuntimeError) {
        try charge(1 + elements >> 3)
    }

    /// Charges a walk for reading `bytes` bytes of a string: one unit per 64 bytes, the rate
    /// of the builtins that read text (short strings are free).
    @inline(__always)
    public func chargeWalk(bytes: Int) throws(RuntimeError) {
        try charge(bytes >> 6)
    }

    /// Charges `bytes` of memory for a value being built, failing past the memory limit.
    @inline(__always)
    public func allocate(_ bytes: Int) throws(RuntimeError) {
        memoryUsed += bytes
        if memoryUsed > limits.memoryBytes {
            throw RuntimeError(.memoryExceeded,
                               "memory limit exceeded: the sample allocated more than \(limits.memoryBytes) bytes")
        }
    }
}

/// A request to stop evaluations, raised from another thread or from a signal handler and
/// seen by every `ExecutionContext` whose `cancellation` is this flag. The request is one
/// aligned 32-bit word: a store to it is a single instruction, so a signal handler may raise
/// it (as C's `volatile sig_atomic_t`), and a reader sees it at its next check.
public final class CancellationFlag: @unchecked Sendable {
    /// The word itself, nonzero while a request is pending. A signal handler stores through
    /// this pointer directly; it stays valid for the life of the flag.
    public let word: UnsafeMutablePointer<Int32>

    public init() {
        word = .allocate(capacity: 1)
        word.initialize(to: 0)
    }

    deinit { word.deallocate() }

    /// True while a request is pending.
    public var isRequested: Bool { word.pointee != 0 }

    /// Asks evaluations to stop.
    public func request() { word.pointee = 1 }

    /// Withdraws a pending request, before starting the next evaluation.
    public func clear() { word.pointee = 0 }
}
