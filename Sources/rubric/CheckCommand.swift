import ArgumentParser
import Rubric

/// `rubric check FILE...`: parses and type-checks rubrics without running them.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rubrics for syntax, name, type, recursion and regex errors.")

    @Argument(help: "Rubric files to check.")
    var files: [String]

    @Option(help: "Diagnostic format: text (to stderr) or json (one object per line, to stdout).")
    var format: OutputFormat = .text

    func run() throws {
        var failed = false
        for file in files {
            do {
                let program = try compileFile(file, format: format)
                if format == .text {
                    // The command has no host: declared host functions are checked from their
                    // declarations and would fail if evaluated here.
                    let hosts = program.hostDeclarations.isEmpty ? ""
                        : ", host functions (supplied by the embedder): " + program.hostDeclarations.map(\.name).joined(separator: ", ")
                    print("ok: \(file) — \(program.inputs.count) inputs, \(program.scoreNames.count) scores, \(program.examples.count) examples\(hosts)")
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
