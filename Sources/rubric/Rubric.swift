import ArgumentParser

/// The `rubric` command: check, run, test and inspect reward rubrics.
@main
struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Check, run and inspect Rubric reward scripts.",
        version: "0.1.0",
        subcommands: [CheckCommand.self, RunCommand.self, TestCommand.self, DisasmCommand.self])
}
