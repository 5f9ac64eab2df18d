import RubricSyntax

extension Lints {
    /// W0002 and W0003: the reward is unbounded above because of a sum over a list whose
    /// length has no bound (more steps, more reward: the shape Clip and Delta exist to
    /// prevent), or because of a length or count of the completion (longer, more reward).
    /// One warning per shape, at its first cause, with the others as notes.
    static func growthLints(_ ranges: RangeReport, source: SourceFile) -> [Diagnostic] {
        guard let reward = ranges.reward, reward.inferred.interval.upper == .infinity else { return [] }
        let causes = reward.inferred.upperCauses
        var found: [Diagnostic] = []
        let shapes: [(Unboundedness.Kind, DiagnosticCode, String, String)] = [
            (.sum, .unboundedStepSum, "the reward can grow without bound as steps are added",
             "help: average the steps (mean), make them telescope or stay at most 0 (clip_delta, clip_steps), or clip the sum"),
            (.length, .growsWithLength, "the reward grows without bound with length",
             "help: cap it (min, clip) or reward length through a bounded penalty such as soft_overlong"),
        ]
        for (kind, code, message, help) in shapes {
            let matching = causes.filter { $0.kind == kind }
            guard let first = matching.first else { continue }
            var notes = matching.dropFirst().map { other in
                let location = source.location(of: other.range.start)
                return "also: \(other.message) (line \(location.line), column \(location.column))"
            }
            notes.append(help)
            found.append(Diagnostic(code, "\(message): \(first.message)", at: first.range, severity: .warning, notes: notes))
        }
        return found
    }
}
