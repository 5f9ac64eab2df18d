import Rubric

/// Evaluates the samples of one `rubric_evaluate` call and renders their records.
enum BatchEvaluation {
    /// Scores `items` with `handle` under `options`: one record per item, in order, as JSON
    /// Lines or as one JSON array.
    static func run(_ items: [StreamItem], handle: ProgramHandle, options: EvaluateOptions) throws(Failure) -> String {
        let program = handle.program
        let groups = try groupIDs(items, options: options)
        var samples: [Value] = []
        var sampleGroups: [Int] = []
        samples.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if case .sample(let value) = item {
                samples.append(value)
                if let groups { sampleGroups.append(groups[index]) }
            }
        }
        let pool = handle.pool
        var results = pool.evaluate(batch: samples, groups: groups == nil ? nil : sampleGroups, jobs: options.jobs,
                                    pathOverrides: options.pathOverrides).makeIterator()
        var records: [String] = []
        records.reserveCapacity(items.count)
        for item in items {
            switch item {
            case .sample: records.append(results.next()?.json() ?? "null")
            case .unreadable(let error): records.append(SampleResult.failed(error, program: program).json())
            case .jsonLine: records.append(SampleResult.failed(SampleError(code: "E1003", message: "unparsed line",
                                                                           line: nil, column: nil), program: program).json())
            }
        }
        if options.outputArray { return "[" + records.joined(separator: ",") + "]" }
        return records.isEmpty ? "" : records.joined(separator: "\n") + "\n"
    }

    /// A group id per item, from `groups` or the values at `group_by`; nil without either.
    static func groupIDs(_ items: [StreamItem], options: EvaluateOptions) throws(Failure) -> [Int]? {
        if let groups = options.groups {
            guard groups.count == items.count else {
                throw Failure(.invalidOption, "option 'groups' has \(groups.count) ids for \(items.count) samples")
            }
            return groups
        }
        guard let path = options.groupBy else { return nil }
        var ids: [String: Int] = [:]
        return items.enumerated().map { index, item in
            // An unreadable record forms a group of its own.
            guard case .sample(let sample) = item else { return -1 - index }
            let key = JSON.serialize(Evaluator.lookup(sample, path) ?? .null)
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
    }
}
