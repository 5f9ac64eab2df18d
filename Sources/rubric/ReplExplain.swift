import Rubric

/// `:explain`: the whole session evaluated on the current sample, binding by binding.
extension Repl {
    func explain() {
        guard !session.declarations.isEmpty else {
            print("the session is empty: :load FILE or declare something first")
            return
        }
        guard let (program, source) = compileSession(session, reportingWarningsIn: nil) else { return }
        let (evaluator, result) = evaluateOnSample(program)
        let failure = result.error.flatMap { source.offset(of: $0, compiled: program.source) }
        let scores = result.scores
        for declaration in session.declarations {
            let start = source.start(of: declaration.origin, at: declaration.originStart) ?? 0
            let end = start + declaration.text.utf8.count
            let state: String? = if let failure, failure < start { "(not reached)" }
                else if let failure, failure < end { "(failed)" } else { nil }
            switch declaration.keyword {
            case "input", "let":
                let name = declaration.name ?? ""
                let type = program.globalNames.firstIndex(of: name).map { " : \(program.globalTypes[$0])" } ?? ""
                let value = state ?? evaluator.global(named: name).map { ReplFormat.short($0) } ?? "null"
                print("\(declaration.keyword) \(name) = \(value)\(type)")
            case "score":
                let name = declaration.name ?? ""
                print("score \(name) = \(state ?? ReplFormat.score(scores[name] ?? nil))")
            default: break
            }
        }
        if session.hasReward {
            let fallback = result.error != nil && program.fallback != nil ? " (fallback)" : ""
            print("reward = \(ReplFormat.score(result.reward))\(fallback)")
        } else {
            print("reward: none declared")
        }
        if let steps = result.steps { print("steps = \(ReplFormat.short(.list(steps.map { .float($0) })))") }
        if let latent = result.latent { print("latent = \(ReplFormat.short(.map(latent.mapValues { .float($0) })))") }
        if let error = result.error {
            print(source.render(error, compiled: program.source))
        } else {
            print("error: none")
        }
        print("record: \(result.json())")
    }
}
