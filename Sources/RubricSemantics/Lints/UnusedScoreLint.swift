import RubricSyntax

extension Lints {
    /// W0004: a score the reward never reads, directly or through lets, other scores or
    /// functions. Often a forgotten component; when the score is kept for monitoring, say so
    /// with `# allow: W0004`.
    static func unusedScores(_ program: CheckedProgram, _ dependencies: Dependencies) -> [Diagnostic] {
        let used = dependencies.globals
        return program.scores.filter { used[$0.slot] == nil }.map { score in
            Diagnostic(.unusedScore, "score '\(score.name)' is computed but the reward does not use it",
                       at: program.globals[score.slot].range, severity: .warning,
                       notes: ["help: add it to the reward with a weight, remove it, or mark a score kept for monitoring with '# allow: W0004'"])
        }
    }
}
