import RubricSyntax

/// What the range analysis found: an interval for the reward and for every score (the
/// values they can take when they do not skip), each with its declared range if any, and
/// why an infinite side is infinite.
public struct RangeReport: Sendable {
    /// One score or the reward.
    public struct Entry: Sendable {
        public var name: String
        public var slot: Int
        public var inferred: NumberFact
        public var declared: CheckedRange?
        /// Where the value is written: the score's name, or the reward line.
        public var range: SourceRange

        /// True when the declared range holds for every value the analysis allows.
        public var isProved: Bool { declared.map { Interval($0.bounds.lowerBound, $0.bounds.upperBound).contains(inferred.interval) } ?? true }
    }

    /// The scores in declaration order.
    public var scores: [Entry]
    /// The reward, nil only for a program without one.
    public var reward: Entry?
    /// What is known about every global slot.
    public var globals: [RangeValue]

    /// The report for `program` from what the analysis found for each global.
    init(program: CheckedProgram, globals: [RangeValue]) {
        self.globals = globals
        func entry(_ name: String, _ slot: Int) -> Entry {
            let fact: NumberFact = switch globals[slot] {
            case .number(let fact): fact
            case .never: NumberFact(.empty)
            default: NumberFact(.everything)
            }
            return Entry(name: name, slot: slot, inferred: fact, declared: program.declaredRanges[slot],
                         range: program.globals[slot].range)
        }
        scores = program.scores.map { entry($0.name, $0.slot) }
        reward = program.rewardSlot.map { entry("reward", $0) }
    }

    /// The reward, then every score.
    public var entries: [Entry] { (reward.map { [$0] } ?? []) + scores }
}
