/// Evaluates one batch on several threads, each with its own `Evaluator` of one program, and
/// gives the same records as one evaluator would.
///
/// A rubric without `group(e)` or `batch(e)` splits the batch into contiguous slices, one per
/// thread. One that reads them runs stage by stage: every thread runs stage 0 on its slice,
/// the groups are formed from all the results, and each later stage runs on the slices again,
/// every sample reading its `group(e)` and `batch(e)` lists from the batch as it was when the
/// stage began (which is exactly what a single evaluator sees, since a stage only reads
/// values of earlier stages).
enum ParallelBatch {
    /// Stack for each worker thread: generous, as for the threads of `ParallelEvaluator`.
    static let workerStackBytes = 8 << 20

    /// Evaluates `samples` with `evaluators` (one thread each; at least one evaluator).
    static func evaluate(_ samples: [Value], groups: [Int]?, evaluators: [Evaluator]) -> [SampleResult] {
        let jobs = min(evaluators.count, samples.count)
        guard jobs > 1 else { return evaluators[0].evaluate(batch: samples, groups: groups) }
        let workers = Shared(evaluators)
        let batch = Shared(samples)
        let slices = slices(of: samples.count, into: jobs)
        guard evaluators[0].program.usesGroups else {
            return StackRunner.runEach(count: jobs, stackBytes: workerStackBytes) { worker in
                let evaluator = workers.value[worker]
                return slices[worker].map { evaluator.evaluate(sample: batch.value[$0]) }
            }.flatMap { $0 }
        }
        var staged = StackRunner.runEach(count: jobs, stackBytes: workerStackBytes) { worker in
            let evaluator = workers.value[worker]
            return Shared(slices[worker].map { index in
                evaluator.runFirstStage { evaluator.bindInputs(batch.value[index]) }
            })
        }.flatMap(\.value)
        let lead = evaluators[0]
        let membership = lead.groupMembership(staged, hostGroups: groups)
        for stage in 1..<lead.program.stageChunks.count {
            let before = Shared(staged)
            let updates = StackRunner.runEach(count: jobs, stackBytes: workerStackBytes) { worker in
                let evaluator = workers.value[worker]
                let lists = Evaluator.CollectedLists()
                return Shared(slices[worker].filter { before.value[$0].failure == nil }.map { index in
                    (index, evaluator.runLaterStage(stage, of: index, in: before.value,
                                                    membership: membership, lists: lists))
                })
            }
            for update in updates {
                for (index, sample) in update.value { staged[index] = sample }
            }
        }
        return staged.map(lead.result(of:))
    }

    /// `count` indices cut into `parts` contiguous slices whose sizes differ by at most one.
    static func slices(of count: Int, into parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in (part * count / parts)..<((part + 1) * count / parts) }
    }
}

/// Hands a value to worker threads that only read it (evaluators: each thread uses its own).
struct Shared<T>: @unchecked Sendable {
    let value: T

    init(_ value: T) {
        self.value = value
    }
}
