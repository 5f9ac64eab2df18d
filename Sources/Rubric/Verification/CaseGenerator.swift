/// Generates property-check cases from a rubric's declared inputs. The first cases are
/// systematic: every input takes each of its edge-case values (`ValuePool`) while the others
/// keep their typical value, and an input that may be left out (it has a default, or may be
/// null) is also left out; then one case gives every input its largest edge value at once,
/// the costliest combination. Random combinations fill the remaining cases, drawn from the
/// small values: each large value has had its own case, and pairing large values at random
/// would multiply the cost of a run (in quadratic metrics) without reaching new paths. For a
/// rubric that reads `group(e)` or `batch(e)` each case is a batch of several samples in one
/// or two groups, with equal keys when the rubric groups by an input.
struct CaseGenerator {
    let program: Program
    /// For each input, the choices tried for it: a value, or nil for "absent".
    let choices: [[Value?]]
    /// For each input, the indexes of its small choices, which random samples draw from.
    let smallChoices: [[Int]]
    /// For each input, the index of its largest choice.
    let largestChoice: [Int]
    var random: SplitMix64
    /// A value whose JSON text is longer than this many bytes is large (the long strings and
    /// lists of `ValuePool`; every other pool value is under 200 bytes).
    static let largeValueBytes = 1024
    /// Batch sizes cycled through for group rubrics: single samples and groups of several.
    static let batchSizes = [3, 1, 2, 5, 8, 4]

    init(program: Program, seed: UInt64) {
        self.program = program
        random = SplitMix64(state: seed)
        choices = program.inputs.map { input in
            var values: [Value?] = ValuePool.values(for: input.type)
            if input.type.nonNull == .string { values.append(ValuePool.conversation(ValuePool.r1Completion)) }
            if input.hasDefault || input.type.admitsNull { values.append(nil) }
            return values
        }
        let sizes = choices.map { options in options.map { $0.map { JSON.serialize($0).utf8.count } ?? 0 } }
        smallChoices = sizes.map { sizes in sizes.indices.filter { sizes[$0] <= Self.largeValueBytes } }
        largestChoice = sizes.map { sizes in sizes.indices.max { sizes[$0] < sizes[$1] } ?? 0 }
    }

    /// The index of the input the rubric groups by (`group = input`), if any.
    var groupKeyInput: Int? {
        guard let path = program.groupKeyPath else { return nil }
        return program.inputs.firstIndex { $0.path == path }
    }

    /// `count` cases: systematic first, then random. A rubric without inputs has one case.
    mutating func cases(count requested: Int) -> [VerificationCase] {
        let count = program.inputs.isEmpty ? min(1, max(0, requested)) : max(0, requested)
        var samples: [Value] = []
        for (input, options) in choices.enumerated() {
            for index in options.indices.dropFirst() {
                var picks = [Int](repeating: 0, count: choices.count)
                picks[input] = index
                samples.append(sample(picks))
            }
        }
        samples.insert(sample([Int](repeating: 0, count: choices.count)), at: 0)
        if largestChoice.contains(where: { $0 != 0 }) { samples.append(sample(largestChoice)) }
        while samples.count < count { samples.append(randomSample()) }
        samples = Array(samples.prefix(count))
        guard program.usesGroups else {
            return samples.map { VerificationCase(samples: [$0], origin: .generated) }
        }
        // Each systematic sample leads a batch whose other members are random.
        return samples.enumerated().map { index, first in
            let size = Self.batchSizes[index % Self.batchSizes.count]
            let members = [first] + (1..<size).map { _ in randomSample() }
            return batchCase(members)
        }
    }

    /// A sample with input i set to choice `picks[i]`.
    func sample(_ picks: [Int]) -> Value {
        var sample = Value.map([:])
        for (index, input) in program.inputs.enumerated() {
            sample = SamplePath.setting(sample, input.path, to: choices[index][picks[index]])
        }
        return sample
    }

    /// A sample whose inputs are each a random small choice or, one time in three, a fresh
    /// random value (random values are small too).
    mutating func randomSample() -> Value {
        var sample = Value.map([:])
        for (index, input) in program.inputs.enumerated() {
            let value: Value? = Int.random(in: 0..<3, using: &random) == 0 || smallChoices[index].isEmpty
                ? ValuePool.random(for: input.type, using: &random)
                : choices[index][smallChoices[index].randomElement(using: &random)!]
            sample = SamplePath.setting(sample, input.path, to: value)
        }
        return sample
    }

    /// A batch case of `members`: one group, or two halves when there are four or more. When
    /// the rubric groups by an input, each half shares its first member's key.
    func batchCase(_ members: [Value]) -> VerificationCase {
        let split = members.count >= 4 ? members.count / 2 : members.count
        let groups = members.indices.map { $0 < split ? 0 : 1 }
        var samples = members
        if let key = groupKeyInput {
            let path = program.inputs[key].path
            for index in samples.indices {
                let leader = members[index < split ? 0 : split]
                samples[index] = SamplePath.setting(samples[index], path, to: InputBinding.lookup(leader, path))
            }
        }
        return VerificationCase(samples: samples, groups: groups, origin: .generated)
    }
}
