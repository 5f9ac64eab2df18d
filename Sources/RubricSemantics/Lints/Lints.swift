import RubricSyntax

/// Lints for known reward-hacking shapes, run by `check` after the range analysis: sums over
/// a growing list of steps (W0002), rewards that grow with length without a cap (W0003),
/// scores the reward never uses (W0004), components that cannot change the reward (W0005)
/// and judge or reward-model scores without a master-key guard (W0006). They are warnings:
/// the rubric still runs. A comment `# allow: W0004` (codes separated by commas) on the
/// line a lint points at, or on the line above it, silences it there, for a shape that is
/// intended (a score kept only for monitoring, say).
enum Lints {
    /// Every lint of `program`, in source order, without the ones its comments allow.
    static func run(_ program: CheckedProgram, ranges: RangeReport, analysis: inout RangeAnalysis) -> [Diagnostic] {
        var found: [Diagnostic] = []
        found += growthLints(ranges, source: program.source)
        found += irrelevantComponents(program, analysis: &analysis)
        if let reward = reward(program) {
            let dependencies = Dependencies(of: reward.slot, in: program)
            found += unusedScores(program, dependencies)
            found += unguardedJudges(program, dependencies)
        }
        let allowed = allowances(in: program.source)
        var seen: Set<String> = []
        return found.filter { diagnostic in
            let line = program.source.location(of: diagnostic.range.start).line
            let codes = (allowed[line] ?? []).union(allowed[line - 1] ?? [])
            let key = "\(diagnostic.code.rawValue)@\(diagnostic.range.start)"
            return !codes.contains(diagnostic.code.rawValue) && seen.insert(key).inserted
        }.sorted { $0.range.start < $1.range.start }
    }

    /// The lint codes each line's `# allow: …` comment names, by line number. Comments come
    /// from the lexer, so a `#` inside a string is not one.
    static func allowances(in source: SourceFile) -> [Int: Set<String>] {
        var allowed: [Int: Set<String>] = [:]
        // Most rubrics allow nothing: they are not lexed a second time.
        guard NameMatching.contains(Array("allow:".utf8), in: Array(source.text.utf8)) else { return allowed }
        for comment in Lexer.tokenizeKeepingComments(source).comments {
            let text = source.text(in: comment)
            for part in text.split(separator: "#") {
                let words = part.split(whereSeparator: { $0 == "," || $0 == " " })
                guard words.first == "allow:" else { continue }
                let codes = words.dropFirst().map(String.init).filter { $0.hasPrefix("W") }
                allowed[source.location(of: comment.start).line, default: []].formUnion(codes)
            }
        }
        return allowed
    }

    /// The reward's global slot and the expression computing it.
    static func reward(_ program: CheckedProgram) -> (slot: Int, value: TypedExpr)? {
        guard let slot = program.rewardSlot else { return nil }
        for case .bind(slot, let value, _) in program.steps { return (slot, value) }
        return nil
    }
}
