import ArgumentParser
import Foundation

/// The `rubric` command: check, run, evaluate, test, inspect and format reward rubrics.
@main
struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Check, run and inspect Rubric reward scripts.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, RunCommand.self, EvalCommand.self, TestCommand.self, VerifyCommand.self,
                      CompareCommand.self, DisasmCommand.self, FmtCommand.self, ReplCommand.self, ServeCommand.self, PromptCommand.self])

    /// Runs the chosen subcommand; a `CommandFailure` prints its message and exits with its
    /// status. Bad arguments (unknown options, invalid values) exit with 2, as documented,
    /// rather than ArgumentParser's 64; help and version requests are left to ArgumentParser.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            printError("error: \(failure.description)")
            Foundation.exit(failure.status)
        } catch {
            if exitCode(for: error) == .validationFailure {
                printError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
