import Foundation
import RubricSyntax

/// A thread-safe way to evaluate one program from any number of threads at once: it keeps the
/// evaluators that are not in use and lends them to each call, so that compiled regexes and
/// other per-evaluator caches survive from one call to the next. Calls may run concurrently;
/// each borrows its own evaluators.
public final class EvaluatorPool: @unchecked Sendable {
    /// The program every evaluator of the pool runs.
    public let program: Program
    /// The limits every evaluator of the pool applies.
    public let limits: Limits
    private let lock = NSLock()
    private var idle: [Evaluator] = []

    /// Creates an empty pool; `limits` defaults to the limits the program was compiled with.
    public init(program: Program, limits: Limits? = nil) {
        self.program = program
        self.limits = limits ?? program.limits
    }

    /// Evaluates one sample (a parsed JSON object) on the calling thread.
    /// `pathOverrides` reads inputs from other places, as `Evaluator.pathOverrides`.
    public func evaluate(sample: Value, pathOverrides: [String: [PathSegment]] = [:]) -> SampleResult {
        let evaluator = borrow(1, pathOverrides: pathOverrides)
        defer { giveBack(evaluator) }
        return evaluator[0].evaluate(sample: sample)
    }

    /// Evaluates a batch and returns one record per sample, in order, exactly as
    /// `Evaluator.evaluate(batch:groups:)` would. With `jobs` above one the batch is split
    /// over that many threads (never more threads than samples); with one it runs on the
    /// calling thread.
    public func evaluate(batch samples: [Value], groups: [Int]? = nil, jobs: Int = 1,
                         pathOverrides: [String: [PathSegment]] = [:]) -> [SampleResult] {
        let evaluators = borrow(max(1, min(jobs, samples.count)), pathOverrides: pathOverrides)
        defer { giveBack(evaluators) }
        return ParallelBatch.evaluate(samples, groups: groups, evaluators: evaluators)
    }

    /// Takes `count` idle evaluators, creating those missing, set to read `pathOverrides`.
    private func borrow(_ count: Int, pathOverrides: [String: [PathSegment]]) -> [Evaluator] {
        lock.lock()
        let taken = Array(idle.suffix(count))
        idle.removeLast(taken.count)
        lock.unlock()
        let created = (taken.count..<count).map { _ in Evaluator(program: program, limits: limits) }
        let evaluators = taken + created
        for evaluator in evaluators { evaluator.pathOverrides = pathOverrides }
        return evaluators
    }

    /// Returns evaluators to the pool.
    private func giveBack(_ evaluators: [Evaluator]) {
        lock.lock()
        idle.append(contentsOf: evaluators)
        lock.unlock()
    }
}

extension Program {
    /// Evaluates a batch on `jobs` threads, each with its own `Evaluator`, and returns one
    /// record per sample, in order: the same records as `Evaluator.evaluate(batch:groups:)`.
    /// `groups` gives each sample a group id, used when the rubric declares no `group = …`.
    /// For repeated calls, an `EvaluatorPool` keeps its evaluators (and their caches) between
    /// calls.
    public func evaluate(batch samples: [Value], groups: [Int]? = nil,
                         jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                         limits: Limits? = nil) -> [SampleResult] {
        EvaluatorPool(program: self, limits: limits).evaluate(batch: samples, groups: groups, jobs: jobs)
    }

    /// Evaluates one sample (a parsed JSON object) on the calling thread with a new
    /// `Evaluator`; to evaluate many, keep an `Evaluator` or an `EvaluatorPool`.
    public func evaluate(sample: Value, limits: Limits? = nil) -> SampleResult {
        Evaluator(program: self, limits: limits).evaluate(sample: sample)
    }
}
