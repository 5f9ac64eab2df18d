import Foundation
import RubricSyntax

/// One input record of a stream: a parsed sample, or why its line could not be read (which
/// becomes that line's error record: nothing is dropped).
public enum StreamItem: Sendable {
    case sample(Value)
    case unreadable(SampleError)
    /// A line of JSON not parsed yet (so the workers parse in parallel), with its line number.
    case jsonLine(String, line: Int)
}

/// A unit of work: consecutive records evaluated together. For a rubric that reads
/// `group(e)` or `batch(e)` a chunk is one group (or one batch), with optional host group ids.
public struct EvaluationChunk: Sendable {
    /// The records of the chunk, in input order.
    public var items: [StreamItem]
    /// A host group id per record, when the host groups the records itself.
    public var groups: [Int]?

    /// Creates a chunk of records with optional host group ids.
    public init(items: [StreamItem], groups: [Int]? = nil) {
        self.items = items
        self.groups = groups
    }
}

/// Evaluates chunks of records on several threads and hands back their records in input
/// order. At most `2 × jobs` chunks are in flight, so memory stays bounded by the chunk size
/// whatever the length of the stream.
public final class ParallelEvaluator: @unchecked Sendable {
    /// The program every worker evaluates.
    public let program: Program
    /// The number of worker threads.
    public let jobs: Int
    let limits: Limits?
    let pathOverrides: [String: [PathSegment]]

    // Shared state, guarded by `condition`.
    private let condition = NSCondition()
    private var pending: [(sequence: Int, chunk: EvaluationChunk)] = []
    private var finished: [Int: [SampleResult]] = [:]
    private var closed = false

    /// Creates an evaluator with `jobs` worker threads (at least one).
    public init(program: Program, jobs: Int, limits: Limits? = nil, pathOverrides: [String: [PathSegment]] = [:]) {
        self.program = program
        self.jobs = max(1, jobs)
        self.limits = limits
        self.pathOverrides = pathOverrides
    }

    /// Evaluates every chunk `next()` yields (until it returns nil) and calls `emit` with each
    /// record, in input order, on the calling thread.
    public func run(next: () -> EvaluationChunk?, emit: (SampleResult) -> Void) {
        let workers = (0..<jobs).map { _ in
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
            return thread
        }
        _ = workers
        var nextToEmit = 0
        var submitted = 0
        let window = 2 * jobs

        /// Writes every finished chunk that is next in order.
        func drain(waitForOne: Bool) {
            condition.lock()
            while waitForOne && finished[nextToEmit] == nil { condition.wait() }
            var ready: [[SampleResult]] = []
            while let results = finished.removeValue(forKey: nextToEmit) {
                ready.append(results)
                nextToEmit += 1
            }
            condition.unlock()
            for results in ready { results.forEach(emit) }
        }

        while let chunk = next() {
            condition.lock()
            pending.append((submitted, chunk))
            submitted += 1
            condition.broadcast()
            condition.unlock()
            drain(waitForOne: false)
            while submitted - nextToEmit >= window { drain(waitForOne: true) }
        }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        while nextToEmit < submitted { drain(waitForOne: true) }
    }

    /// A worker: takes chunks until the stream is closed and drained.
    private func work() {
        let evaluator = Evaluator(program: program, limits: limits)
        evaluator.pathOverrides = pathOverrides
        while true {
            condition.lock()
            while pending.isEmpty && !closed { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                return
            }
            let (sequence, chunk) = pending.removeFirst()
            condition.unlock()
            let results = Self.evaluate(chunk, with: evaluator)
            condition.lock()
            finished[sequence] = results
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Evaluates one chunk: sample by sample, or as one batch when the rubric reads groups.
    static func evaluate(_ chunk: EvaluationChunk, with evaluator: Evaluator) -> [SampleResult] {
        let program = evaluator.program
        let maxDepth = evaluator.context.limits.maxValueDepth
        guard program.usesGroups else {
            return chunk.items.map { item in
                switch parsed(item, maxDepth: maxDepth) {
                case .sample(let value): evaluator.evaluate(sample: value)
                case .unreadable(let error): .failed(error, program: program)
                case .jsonLine: .failed(SampleError(code: "E1003", message: "unparsed", line: nil, column: nil), program: program)
                }
            }
        }
        let items = chunk.items.map { parsed($0, maxDepth: maxDepth) }
        var samples: [Value] = []
        var groups: [Int] = []
        for (index, item) in items.enumerated() {
            if case .sample(let value) = item {
                samples.append(value)
                groups.append(chunk.groups?[index] ?? 0)
            }
        }
        var batch = evaluator.evaluate(batch: samples, groups: chunk.groups == nil ? nil : groups).makeIterator()
        return items.map { item in
            switch item {
            case .sample: batch.next() ?? .failed(SampleError(code: "E1003", message: "lost", line: nil, column: nil),
                                                   program: program)
            case .unreadable(let error): .failed(error, program: program)
            case .jsonLine: .failed(SampleError(code: "E1003", message: "unparsed", line: nil, column: nil), program: program)
            }
        }
    }

    /// Parses a JSON line into a sample, or an error record naming the line.
    public static func parsed(_ item: StreamItem, maxDepth: Int) -> StreamItem {
        guard case .jsonLine(let text, let line) = item else { return item }
        do throws(RuntimeError) {
            return .sample(try JSON.parse(text, maxDepth: maxDepth))
        } catch {
            return .unreadable(SampleError(code: error.code.rawValue, message: "input line \(line): \(error.message)",
                                           line: nil, column: nil))
        }
    }
}
