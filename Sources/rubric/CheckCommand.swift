import ArgumentParser
import Rubric
import RubricSemantics

/// `rubric check FILE...`: parses, type-checks and statically verifies rubrics without
/// running them: declared ranges, the inferred range of every score and the reward, lints,
/// and with `--cost` a bound on the fuel of one sample as a function of input sizes.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rubrics: syntax, names, types, recursion, regexes, declared ranges and lints; optionally the cost bound.")

    @Argument(help: "Rubric files to check.")
    var files: [String]

    @Option(help: "Output format: text (diagnostics to stderr) or json (one object per line, to stdout).")
    var format: OutputFormat = .text

    @Flag(help: "Same as --format json.")
    var json = false

    @Flag(help: "Also print a bound on the fuel one sample can use, as a formula over input sizes.")
    var cost = false

    /// Checks each file and prints its diagnostics, lints, ranges and (when asked) cost.
    func run() throws {
        let format: OutputFormat = json ? .json : self.format
        var failed = false
        for file in files {
            do {
                let program = try compileFile(file, format: format)
                printDiagnostics(program.analysis.lints, source: program.source, format: format)
                switch format {
                case .text:
                    // The command has no host: declared host functions are checked from their
                    // declarations and would fail if evaluated here.
                    let hosts = program.hostDeclarations.isEmpty ? ""
                        : ", host functions (supplied by the embedder): " + program.hostDeclarations.map(\.name).joined(separator: ", ")
                    print("ok: \(file) — \(program.inputs.count) inputs, \(program.scoreNames.count) scores, \(program.examples.count) examples\(hosts)")
                    print("  " + CheckReport.rangeLine(program))
                    if cost { print(program.analysis.costText(source: program.source)) }
                case .json:
                    print(CheckReport.json(program, file: file, cost: cost))
                }
            } catch let failure as CommandFailure {
                printError("error: \(failure.description)")
                failed = true
            } catch {
                failed = true
            }
        }
        if failed { throw ExitCode(ExitStatus.failure) }
    }
}
