import OrderedCollections
import RubricSyntax

/// Batch evaluation and the stages of a rubric that reads `group(e)` or `batch(e)`.
///
/// The checker gives every binding a stage: stage 0 reads only the sample, and a binding that
/// reads `group(e)` runs one stage after `e`. A batch runs stage 0 for every sample, then
/// stage 1 for every sample, and so on, keeping each sample's globals in between; `group(e)`
/// is the list of `e` over the members of the sample's group, in batch order. A sample that
/// fails in some stage is left out of the lists built from values of that stage or later, and
/// skips its own later stages; the other samples go on.
///
/// Groups come from the rubric's `group = key` (samples with equal keys form a group, in the
/// order their first member appears), else from the host (`groups`: a group id per sample),
/// else the whole batch is one group. Limits (fuel, memory, deadline) apply to each stage of
/// each sample separately.
extension Evaluator {
    /// Evaluates a batch of samples (parsed JSON objects) and returns one record per sample,
    /// in order. `groups`, when given, assigns each sample a group id; it is used when the
    /// rubric declares no `group = …` key.
    public func evaluate(batch samples: [Value], groups: [Int]? = nil) -> [SampleResult] {
        if !program.usesGroups { return samples.map { evaluate(sample: $0) } }
        return runStaged(count: samples.count, groups: groups) { index in self.bindInputs(samples[index]) }
    }

    /// One sample between stages: its globals and the first error it met, with the stage.
    struct StagedSample {
        var globals: [Value]
        var failure: RuntimeError?
        var failedStage = Int.max
        /// Fuel used so far, over every stage run.
        var fuelUsed = 0
    }

    /// Runs every stage over `count` samples; `bind(i)` loads sample i's inputs into the VM
    /// (or returns why it cannot).
    func runStaged(count: Int, groups hostGroups: [Int]?, bind: (Int) -> RuntimeError?) -> [SampleResult] {
        var samples: [StagedSample] = []
        samples.reserveCapacity(count)
        for index in 0..<count { samples.append(runFirstStage { bind(index) }) }
        let membership = groupMembership(samples, hostGroups: hostGroups)
        for stage in 1..<program.stageChunks.count {
            // Later stages read only values of earlier stages, so every sample of this stage
            // may read the batch as it was when the stage began.
            let before = samples
            let lists = CollectedLists()
            for index in samples.indices where samples[index].failure == nil {
                samples[index] = runLaterStage(stage, of: index, in: before, membership: membership, lists: lists)
            }
        }
        let results = samples.map(result(of:))
        // Leave the last sample's globals in place for expectations and `global(named:)`.
        if let last = samples.last { restoreGlobals(last.globals) }
        return results
    }

    /// Fails unless the group key just computed is a scalar. The checker admits keys of type
    /// `any` (an input whose JSON type varies); a list or map there could be arbitrarily
    /// costly to hash and compare, and those walks run outside any sample's budget.
    func checkGroupKey() throws(RuntimeError) {
        guard let slot = program.groupKeySlot else { return }
        switch vm.globals[slot] {
        case .list, .map:
            throw RuntimeError(.typeError, "a group key must be a string, an int or a bool, not \(vm.globals[slot].typeName)",
                               offset: program.groupKeyOffset)
        default: return
        }
    }

    /// Runs stage 0 for one sample whose inputs `bind` loads, keeping its globals.
    func runFirstStage(bind: () -> RuntimeError?) -> StagedSample {
        context.beginSample()
        vm.reset()
        var sample = StagedSample(globals: [])
        if let problem = bind() {
            sample.failure = problem
            sample.failedStage = 0
        } else {
            do throws(RuntimeError) { _ = try vm.run(entry: 0) } catch {
                sample.failure = error
                sample.failedStage = 0
            }
            sample.fuelUsed = context.limits.fuel - context.fuel
        }
        sample.globals = saveGlobals()
        return sample
    }

    /// Runs `stage` (after the first) for sample `index` of `batch`, whose `group(e)` and
    /// `batch(e)` lists are read from `batch` (the samples as they were before the stage).
    func runLaterStage(_ stage: Int, of index: Int, in batch: [StagedSample],
                       membership: GroupMembership, lists: CollectedLists) -> StagedSample {
        var sample = batch[index]
        context.beginSample()
        restoreGlobals(sample.globals)
        let group = membership.groupOf[index]
        vm.collector = { [unowned self] slot, scope throws(RuntimeError) -> Value in
            let key = CollectionKey(group: scope == .batch ? -1 : group, slot: slot)
            if let list = lists.lists[key] {
                try CoreSupport.allocateList(self.context, list.listCount)
                return list
            }
            let members = scope == .batch ? Array(batch.indices) : membership.members[group]
            let valueStage = self.program.globalStages[slot]
            let values = members.filter { batch[$0].failedStage > valueStage }.map { batch[$0].globals[slot] }
            try CoreSupport.allocateList(self.context, values.count)
            let list = Value.list(values)
            lists.lists[key] = list
            return list
        }
        do throws(RuntimeError) { _ = try vm.run(entry: program.stageChunks[stage]) } catch {
            sample.failure = error
            sample.failedStage = stage
        }
        sample.fuelUsed += context.limits.fuel - context.fuel
        vm.collector = nil
        sample.globals = saveGlobals()
        return sample
    }

    /// The record of a sample after its last stage.
    func result(of sample: StagedSample) -> SampleResult {
        result(failure: sample.failure, fuel: sample.fuelUsed) { sample.globals[$0] }
    }

    /// The lists `group(e)` and `batch(e)` built during one stage, so that the members of a
    /// group share one list instead of each building its own.
    final class CollectedLists {
        var lists: [CollectionKey: Value] = [:]
    }

    /// The groups of a batch: each sample's group number and each group's members in order.
    struct GroupMembership {
        var groupOf: [Int]
        var members: [[Int]]
    }

    /// Which list a `group(e)` or `batch(e)` reads: the global slot of `e` in a group (-1 for
    /// the batch).
    struct CollectionKey: Hashable {
        var group: Int
        var slot: Int
    }

    /// Assigns the samples of a batch to groups: by the rubric's `group = …` key, else by the
    /// host's group ids, else all in one group.
    func groupMembership(_ samples: [StagedSample], hostGroups: [Int]?) -> GroupMembership {
        var groupOf: [Int] = []
        var members: [[Int]] = []
        var numbers: [GroupKey: Int] = [:]
        for (index, sample) in samples.enumerated() {
            let key: GroupKey
            if let slot = program.groupKeySlot {
                // A sample that failed before its key was known forms a group of its own.
                key = sample.failedStage == 0 ? .alone(index) : .value(sample.globals[slot])
            } else if let hostGroups, hostGroups.indices.contains(index) {
                key = .host(hostGroups[index])
            } else {
                key = .host(0)
            }
            if let number = numbers[key] {
                groupOf.append(number)
                members[number].append(index)
            } else {
                numbers[key] = members.count
                groupOf.append(members.count)
                members.append([index])
            }
        }
        return GroupMembership(groupOf: groupOf, members: members)
    }

    /// A group key: a value of the rubric's `group = …`, a host-given id, or a lone sample.
    enum GroupKey: Hashable {
        case value(Value)
        case host(Int)
        case alone(Int)

        static func == (lhs: GroupKey, rhs: GroupKey) -> Bool {
            switch (lhs, rhs) {
            case (.value(let a), .value(let b)): a == b
            case (.host(let a), .host(let b)), (.alone(let a), .alone(let b)): a == b
            default: false
            }
        }

        func hash(into hasher: inout Hasher) {
            switch self {
            // Keys are scalars (`checkGroupKey`), so hashing is cheap and cannot fail.
            case .value(let value): try? CoreSupport.hash(value, into: &hasher)
            case .host(let id): hasher.combine(1); hasher.combine(id)
            case .alone(let index): hasher.combine(2); hasher.combine(index)
            }
        }
    }

    /// A copy of the VM's globals.
    func saveGlobals() -> [Value] {
        (0..<program.globalCount).map { vm.globals[$0] }
    }

    /// Puts saved globals back into the VM.
    func restoreGlobals(_ saved: [Value]) {
        for (index, value) in saved.enumerated() { vm.globals[index] = value }
    }
}

extension Value {
    /// The element count of a list (0 for other values).
    var listCount: Int {
        if case .list(let elements) = self { return elements.count }
        return 0
    }
}
