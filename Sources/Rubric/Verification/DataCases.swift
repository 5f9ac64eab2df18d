import OrderedCollections

/// Turns a data file's records into property-check cases: each record is a case (for a
/// rubric that reads `group(e)`, each group of records with one key, or the whole file when
/// the rubric has no key), and so are up to `mutationsPerRecord` mutations of each, chosen
/// with the seed.
enum DataCases {
    /// The cases of the records themselves, and of their mutations.
    static func make(_ records: [Value], program: Program, seed: UInt64,
                     mutationsPerRecord: Int) -> (records: [VerificationCase], mutations: [VerificationCase]) {
        var random = SplitMix64(state: seed ^ 0x5DA7_A5E7)
        var cases: [VerificationCase] = []
        var mutations: [VerificationCase] = []
        for members in groups(of: records, program: program) {
            let samples = members.map { records[$0] }
            let note = members.count == 1 ? "record \(members[0] + 1)" : "records " + describe(members)
            cases.append(VerificationCase(samples: samples, origin: .data, note: note))
            var options: [(member: Int, sample: Value, note: String)] = []
            for (position, index) in members.enumerated() {
                for mutation in SampleMutator.mutations(of: records[index], program: program) {
                    options.append((position, mutation.sample, "record \(index + 1): \(mutation.note)"))
                }
            }
            options.shuffle(using: &random)
            for option in options.prefix(max(0, mutationsPerRecord)) {
                var mutated = samples
                mutated[option.member] = option.sample
                mutations.append(VerificationCase(samples: mutated, origin: .mutation, note: option.note))
            }
        }
        return (cases, mutations)
    }

    /// The record indexes evaluated together: one each for a per-sample rubric; for a group
    /// rubric the records with equal keys (in order of first appearance), or every record
    /// when the rubric has no key of its own.
    static func groups(of records: [Value], program: Program) -> [[Int]] {
        guard program.usesGroups else { return records.indices.map { [$0] } }
        guard let path = program.groupKeyPath, !program.usesBatch else {
            return records.isEmpty ? [] : [Array(records.indices)]
        }
        var groups: OrderedDictionary<String, [Int]> = [:]
        for (index, record) in records.enumerated() {
            let key = InputBinding.lookup(record, path).map(JSON.serialize) ?? "absent \(index)"
            groups[key, default: []].append(index)
        }
        return Array(groups.values)
    }

    /// "1-4" for consecutive record numbers, else "1, 3, 5" (1-based).
    static func describe(_ members: [Int]) -> String {
        if let first = members.first, let last = members.last, last - first + 1 == members.count {
            return "\(first + 1)-\(last + 1)"
        }
        return members.map { String($0 + 1) }.joined(separator: ", ")
    }
}
