import RubricSemantics

/// The ranges of the reward and scores, declared (`reward in [lo, hi] = …`) and inferred by
/// the interval analysis `check` runs, for hosts that verify values at run time. Infinite
/// bounds stand for sides the analysis cannot bound; nil for an inferred range means no
/// value is possible (every sample skips or fails there).
extension Program {
    /// The reward's declared range, if the rubric declares one. `check` has proved it.
    public var declaredRange: ClosedRange<Double>? { analysis.ranges.reward?.declared?.bounds }

    /// The interval the analysis proved the reward (when it does not skip) stays in.
    public var inferredRange: ClosedRange<Double>? { analysis.ranges.reward.flatMap { Self.closed($0.inferred.interval) } }

    /// Each score's declared range, in `scoreNames` order.
    public var declaredScoreRanges: [ClosedRange<Double>?] { analysis.ranges.scores.map { $0.declared?.bounds } }

    /// The interval each score (when it does not skip) stays in, in `scoreNames` order.
    public var inferredScoreRanges: [ClosedRange<Double>?] { analysis.ranges.scores.map { Self.closed($0.inferred.interval) } }

    /// An interval as a closed range, nil when it is empty.
    static func closed(_ interval: Interval) -> ClosedRange<Double>? {
        interval.isEmpty ? nil : interval.lower...interval.upper
    }
}
