import Foundation
import Rubric
import RubricSemantics
import RubricSyntax

/// The state of an interactive session and what each entry does to it. Everything it prints
/// goes to standard output, errors included, so a transcript reads in order.
final class Repl {
    var session = ReplSession()
    /// The sample expressions and `:explain` read their inputs from.
    var sample: Value = .map([:])
    let limits: Limits

    init(limits: Limits) {
        self.limits = limits
    }

    /// What the loop should do after an entry.
    enum Outcome {
        case proceed, quit
    }

    /// Handles one complete entry.
    func handle(_ text: String) -> Outcome {
        switch ReplEntry(text) {
        case .empty: break
        case .command(let name, let argument): return run(command: name, argument: argument)
        case .declarations(let text): declare(text)
        case .expression(let text): evaluate(text)
        }
        return .proceed
    }

    // MARK: - Declarations

    /// Adds typed declarations to the session when the session still compiles with them,
    /// then shows each binding's type and its value on the current sample.
    func declare(_ text: String) {
        let origin = SourceFile(name: "<repl>", text: text.trimmingTrailingWhitespace + "\n")
        switch ReplSession.parse(origin) {
        case .failure(let errors):
            for diagnostic in errors.diagnostics { print(ReplSource(origin).render(diagnostic)) }
        case .success(let parsed):
            let candidate = session.declaring(parsed.declarations)
            guard compileSession(candidate, reportingWarningsIn: origin) != nil else { return }
            session = candidate
            for declaration in parsed.declarations { describe(declaration) }
        }
    }

    /// Compiles a whole session; prints its errors (and warnings in `origin`) and returns nil
    /// when it does not compile.
    func compileSession(_ candidate: ReplSession, reportingWarningsIn origin: SourceFile?) -> (Program, ReplSource)? {
        let source = candidate.source()
        return compile(source) { $0 === origin }.map { ($0, source) }
    }

    /// Prints what a new declaration binds: `name = value : type` (the value cut to a line),
    /// or `name : type` and the error when its value cannot be computed on the current sample.
    func describe(_ declaration: ReplDeclaration) {
        guard let name = declaration.name else {
            print("\(declaration.keyword) declared")
            return
        }
        if declaration.keyword == "fn" || declaration.keyword == "host fn" {
            print("\(declaration.keyword) \(name) declared")
            return
        }
        guard let compiled = compileExpression(name) else { return }
        switch run(compiled) {
        case .success(let value): print("\(name) = \(ReplFormat.short(value)) : \(compiled.type)")
        case .failure(let error):
            print("\(name) : \(compiled.type)")
            print(error.text)
        }
    }

    // MARK: - Expressions

    /// An expression compiled with the declarations it needs, bound to `ReplEntry.valueName`.
    struct CompiledExpression {
        var program: Program
        var source: ReplSource
        /// Where `let __value = …` is in the source.
        var range: Range<Int>
        var type: RType {
            program.globalTypes[program.globalNames.firstIndex(of: ReplEntry.valueName) ?? 0]
        }
    }

    /// Evaluates an expression on the current sample and prints `value : type`.
    func evaluate(_ text: String) {
        guard let compiled = compileExpression(text) else { return }
        switch run(compiled) {
        case .success(let value): print("\(ReplFormat.value(value)) : \(compiled.type)")
        case .failure(let error): print(error.text)
        }
    }

    /// Compiles `text` as an expression after the session declarations it reads (binding
    /// `value` in its place when given); prints the errors and returns nil when it does not
    /// compile.
    func compileExpression(_ text: String, boundAs value: String? = nil) -> CompiledExpression? {
        let entry = SourceFile(name: "<repl>", text: text)
        let line = ReplEntry.expressionPrefix + (value ?? text) + "\n"
        var alone = ReplSource()
        alone.append(line, from: entry, at: -ReplEntry.expressionPrefix.utf8.count)
        // Syntax errors are found in the entry alone, before the session's text is around it.
        let (_, syntax) = Parser.parse(SourceFile(name: "<repl>", text: alone.text))
        guard !syntax.hasErrors else {
            for diagnostic in syntax.sorted() where diagnostic.severity == .error { print(alone.render(diagnostic)) }
            return nil
        }
        var source = ReplSource()
        session.append(session.declarations(needing: ReplDeclaration.identifiers(in: text)), to: &source)
        let start = source.text.utf8.count
        source.append(line, from: entry, at: -ReplEntry.expressionPrefix.utf8.count)
        let range = start..<source.text.utf8.count
        source.appendGenerated(ReplSession.placeholderReward)
        guard let program = compile(source, reportingWarningsIn: { $0 === entry }) else { return nil }
        return CompiledExpression(program: program, source: source, range: range)
    }

    /// Compiles a source; prints its errors, and the warnings whose origin `isShown`, at
    /// their places in what the user wrote.
    func compile(_ source: ReplSource, reportingWarningsIn isShown: (SourceFile) -> Bool) -> Program? {
        do throws(CompileFailure) {
            let program = try Program.compile(source: source.text, name: "<repl>", limits: limits)
            for warning in program.warnings {
                if let (origin, _) = source.locate(warning.range), isShown(origin) { print(source.render(warning)) }
            }
            return program
        } catch {
            for diagnostic in error.diagnostics where diagnostic.severity == .error { print(source.render(diagnostic)) }
            return nil
        }
    }

    /// A runtime error rendered at its place in what the user wrote.
    struct Failure: Error {
        var text: String
    }

    /// Evaluates a compiled expression on the current sample; fails when the evaluation
    /// fails or is stopped with Ctrl-C.
    func run(_ compiled: CompiledExpression) -> Result<Value, Failure> {
        let (evaluator, result) = evaluateOnSample(compiled.program)
        if let error = result.error {
            return .failure(Failure(text: compiled.source.render(error, compiled: compiled.program.source)))
        }
        return .success(evaluator.global(named: ReplEntry.valueName) ?? .null)
    }

    /// Evaluates a program on the current sample with the session's limits; Ctrl-C stops it.
    func evaluateOnSample(_ program: Program) -> (Evaluator, SampleResult) {
        let evaluator = Evaluator(program: program, limits: limits)
        evaluator.context.cancellation = ReplInterrupt.flag
        ReplInterrupt.flag.clear()
        let result = evaluator.evaluate(sample: sample)
        ReplInterrupt.flag.clear()
        // The terminal echoed ^C where the cursor was: the report starts on a line of its own.
        if result.error?.code == RuntimeErrorCode.cancelled.rawValue { print() }
        return (evaluator, result)
    }
}
