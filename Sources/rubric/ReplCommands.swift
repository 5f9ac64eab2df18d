import Foundation
import Rubric
import RubricSemantics
import RubricSyntax

/// The `:` commands of the REPL.
extension Repl {
    static let help = """
        Enter an expression to see its value and type on the current sample (`2 + 3` prints
        `5 : int`), or a declaration (input, let, fn, score, reward, steps, latent, fallback,
        group, example) to add it to the session; declaring a name again replaces it. An entry
        continues on `...` lines while it is unfinished (an open bracket, a trailing operator);
        an empty line ends it.

          :help               this text
          :load FILE          load a rubric: its declarations become the session
          :reload             load the same file again
          :sample JSON|@FILE  set the sample that inputs are read from (default {})
          :explain            evaluate the session on the sample: inputs, lets, every score,
                              the reward, steps and latent, and the error if it fails
          :type EXPR          the static type of an expression, without evaluating it
          :cost EXPR          the bound `check --cost` proves on the fuel of the expression,
                              in input sizes, and its value on the current sample; the fuel
                              it uses there (loop iterations, calls and builtin work)
          :disasm EXPR        the bytecode of an expression and of the functions it can call
          :reset              forget the declarations, the loaded file and the sample
          :quit               leave (or Ctrl-D)

        Ctrl-C stops a running evaluation, or drops the line being typed. Tab completes names.
        """

    /// The commands, for completion.
    static let commandNames = ["help", "load", "reload", "sample", "explain", "type", "cost", "disasm",
                               "reset", "quit"]

    /// Runs `:name argument`.
    func run(command name: String, argument: String) -> Outcome {
        switch name {
        case "help", "h", "?": print(Self.help)
        case "quit", "q", "exit": return .quit
        case "load": load(argument)
        case "reload":
            if let file = session.file { load(file) } else { print("no file loaded: use :load FILE") }
        case "sample": setSample(argument)
        case "explain": explain()
        case "type":
            if let compiled = compileArgument(argument, of: name) { print(compiled.type) }
        case "cost": cost(argument)
        case "disasm": disassemble(argument)
        case "reset":
            session = ReplSession()
            sample = .map([:])
            print("session cleared")
        default: print("unknown command ':\(name)' (:help lists them)")
        }
        return .proceed
    }

    /// Compiles the argument of `:type`, `:cost` or `:disasm`, which must not be empty.
    func compileArgument(_ argument: String, of command: String) -> CompiledExpression? {
        guard !argument.isEmpty else {
            print("usage: :\(command) EXPR")
            return nil
        }
        return compileExpression(argument)
    }

    /// `:load FILE`: the file's declarations become the session when it compiles; otherwise
    /// its errors are shown and the session stays as it was (`:reload` tries again).
    func load(_ path: String) {
        guard !path.isEmpty else {
            print("usage: :load FILE")
            return
        }
        let text: String
        do {
            text = try readSource(path)
        } catch {
            print("error: \(error)")
            return
        }
        session.file = path
        let origin = SourceFile(name: path, text: text)
        switch ReplSession.parse(origin) {
        case .failure(let errors):
            for diagnostic in errors.diagnostics { print(ReplSource(origin).render(diagnostic)) }
        case .success(let parsed):
            var candidate = ReplSession()
            candidate.preamble = (parsed.preamble, origin)
            candidate.declarations = parsed.declarations
            candidate.file = path
            guard compileSession(candidate, reportingWarningsIn: origin) != nil else { return }
            session = candidate
            let counts = ["input", "let", "fn", "score"].compactMap { keyword -> String? in
                let count = parsed.declarations.filter { $0.keyword == keyword }.count
                return count == 0 ? nil : "\(count) \(keyword)"
            }
            print("loaded \(path)" + (counts.isEmpty ? "" : " (\(counts.joined(separator: ", ")))"))
        }
    }

    /// `:sample JSON` or `:sample @FILE`: the sample must be a JSON object.
    func setSample(_ argument: String) {
        var text = argument
        if argument.hasPrefix("@") {
            do {
                text = try readSource(String(argument.dropFirst()))
            } catch {
                print("error: \(error)")
                return
            }
        }
        do throws(RuntimeError) {
            let value = try JSON.parse(text, maxDepth: limits.maxValueDepth)
            guard case .map(let box) = value else {
                print("error: a sample must be a JSON object, not \(value.typeName)")
                return
            }
            sample = value
            print("sample: " + (box.entries.isEmpty ? "{}" : box.entries.keys.joined(separator: ", ")))
        } catch {
            print("error[\(error.code.rawValue)]: \(error.message)")
        }
    }

    /// `:cost EXPR`: the static bound on the expression's fuel (the cost analysis `check`
    /// runs, functions it calls included), its value at the current sample, and the fuel the
    /// expression uses there.
    func cost(_ argument: String) {
        guard let compiled = compileArgument(argument, of: "cost") else { return }
        let analysis = compiled.program.analysis
        guard let binding = analysis.cost.bindings.first(where: { $0.name == ReplEntry.valueName }) else { return }
        switch binding.bound {
        case .finite(let polynomial):
            let variables = compiled.program.costVariables(of: sample)
            print("bound: \(polynomial) (static: fuel in input sizes, functions it calls included)")
            for variable in analysis.cost.usedVariables where polynomial.variables.contains(variable.name) {
                print("  \(variable.name) = \(variable.meaning)")
            }
            print("at this sample: \(SizePolynomial.number(polynomial.evaluate(variables).rounded(.down)))")
        case .unbounded(let cause):
            print("bound: none (\(cause.message))")
        }
        // The fuel of the declarations it reads is measured alone and taken off.
        guard let baseline = compileExpression(argument, boundAs: "null") else { return }
        let (evaluator, result) = evaluateOnSample(compiled.program)
        if let error = result.error {
            print(compiled.source.render(error, compiled: compiled.program.source))
            return
        }
        let used = limits.fuel - evaluator.context.fuel
        let (baseEvaluator, _) = evaluateOnSample(baseline.program)
        let base = limits.fuel - baseEvaluator.context.fuel
        print("fuel: \(max(0, used - base)) (dynamic: used on the current sample)")
    }

    /// `:disasm EXPR`: the expression's instructions, then every function of its program.
    func disassemble(_ argument: String) {
        guard let compiled = compileArgument(argument, of: "disasm") else { return }
        var text = Disassembler.disassemble(expressionChunk(compiled), program: compiled.program)
        for chunk in compiled.program.functionChunks {
            text += "\n" + Disassembler.disassemble(chunk, program: compiled.program)
        }
        print(text, terminator: "")
    }

    /// The instructions of the main program that compute the expression: those whose source
    /// offset is in its `let __value = …` line, in order (jumps are relative, so they stay right).
    func expressionChunk(_ compiled: CompiledExpression) -> Chunk {
        let main = compiled.program.mainChunk
        var chunk = main
        chunk.name = "expression"
        let kept = main.offsets.indices.filter { compiled.range.contains(Int(main.offsets[$0])) }
        chunk.code = kept.map { main.code[$0] }
        chunk.offsets = kept.map { main.offsets[$0] }
        return chunk
    }
}
