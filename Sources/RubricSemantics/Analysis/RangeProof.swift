import RubricSyntax

/// Turns the range analysis into `check`'s verdict on declared ranges: a declared range the
/// analysis cannot prove is an error (E0802) placed on the sub-expression that makes the
/// value unbounded, or on the declaration when the value is bounded but too wide; a fallback
/// reward outside the reward's declared range is an error too (E0803).
enum RangeProof {
    /// The errors for every declared range of `report` that does not hold.
    static func diagnostics(_ report: RangeReport, program: CheckedProgram) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for entry in report.entries {
            guard let declared = entry.declared, !entry.isProved else { continue }
            found.append(unproved(entry, declared, source: program.source))
        }
        if let reward = report.reward, let declared = reward.declared, let fallback = program.fallback,
           !declared.bounds.contains(fallback) {
            found.append(Diagnostic(.fallbackOutsideRange,
                                    "the fallback \(Interval.format(fallback)) lies outside the reward's declared range \(describe(declared))",
                                    at: declared.range,
                                    notes: ["help: a failed sample reports the fallback as its reward; choose one inside the range"]))
        }
        return found
    }

    /// The error for one declared range that the inferred interval does not fit in.
    static func unproved(_ entry: RangeReport.Entry, _ declared: CheckedRange, source: SourceFile) -> Diagnostic {
        let what = entry.name == "reward" ? "the reward" : "score '\(entry.name)'"
        let inferred = entry.inferred
        let bounds = declared.bounds
        var causes: [Unboundedness] = []
        if inferred.interval.lower < bounds.lowerBound { causes += inferred.lowerCauses }
        if inferred.interval.upper > bounds.upperBound { causes = Unboundedness.merge(causes, inferred.upperCauses) }
        var notes = ["the analysis allows \(inferred.interval)"]
        guard let first = causes.first else {
            notes.append("help: clip the value, e.g. clip(x, \(Interval.format(bounds.lowerBound)), \(Interval.format(bounds.upperBound))), or widen the declared range")
            return Diagnostic(.rangeNotProved,
                              "\(what) is declared in \(describe(declared)), but can take values in \(inferred.interval)",
                              at: declared.range, notes: notes)
        }
        for other in causes.dropFirst() {
            let location = source.location(of: other.range.start)
            notes.append("also unbounded: \(other.message) (line \(location.line), column \(location.column))")
        }
        notes.append("help: bound this value (clip, min, max) or widen the declared range")
        return Diagnostic(.rangeNotProved,
                          "\(what) is declared in \(describe(declared)), but is unbounded: \(first.message)",
                          at: first.range, notes: notes)
    }

    /// A declared range as written: `[lower, upper]`.
    static func describe(_ declared: CheckedRange) -> String {
        "[\(Interval.format(declared.bounds.lowerBound)), \(Interval.format(declared.bounds.upperBound))]"
    }
}
