import RubricSyntax

extension Lints {
    /// Parts of input names that mark a judge's or reward model's score.
    static let judgeMarkers = ["judge", "rm_", "_rm", "reward_model", "critic", "grader", "rating", "score"]

    /// W0006: a judge's or reward model's score reaches the reward — a number input named
    /// like one, or the number a host function (an LLM judge, a reward model the embedder
    /// supplies) returns — and the reward never checks for a "master key" (a response of only
    /// punctuation or a reasoning opener, which fools LLM judges: Zhao et al. 2025) with
    /// `judge_guard` or `is_master_key`.
    static func unguardedJudges(_ program: CheckedProgram, _ dependencies: Dependencies) -> [Diagnostic] {
        let guarded = program.functions.indices.contains { index in
            dependencies.functions[index] != nil && ["judge_guard", "is_master_key"].contains(program.functions[index].name)
        }
        guard !guarded else { return [] }
        let inputs = program.inputs.compactMap { input -> Diagnostic? in
            guard input.type.nonNull.isNumeric, isJudgeName(input.name), let use = dependencies.globals[input.slot] else {
                return nil
            }
            return Diagnostic(.unguardedJudge,
                              "judge score '\(input.name)' reaches the reward without a master-key guard",
                              at: use, severity: .warning,
                              notes: ["help: use judge_guard(completion, \(input.name)), which gives 0 to responses made only of punctuation or a reasoning opener"])
        }
        let hosts = program.hostFunctions.indices.compactMap { index -> Diagnostic? in
            let signature = program.hostFunctions[index].signature
            guard signature.returns.nonNull.isNumeric, let call = dependencies.hosts[index] else { return nil }
            return Diagnostic(.unguardedJudge,
                              "host function '\(signature.name)' gives a score that reaches the reward without a master-key guard",
                              at: call, severity: .warning,
                              notes: ["help: wrap it in judge_guard(completion, \(signature.name)(...)), which gives 0 to responses made only of punctuation or a reasoning opener"])
        }
        return inputs + hosts
    }

    /// True for input names such as `judge_score`, `rm_score`, `reward_model` or
    /// `helpfulness_score` (only number inputs are asked, so `step_scores` lists are not).
    static func isJudgeName(_ name: String) -> Bool {
        name.lowercased() == "rm" || NameMatching.contains(any: judgeMarkers, in: name)
    }
}
