import ArgumentParser
import Rubric

/// `rubric test FILE...`: runs each rubric's `example` blocks and reports failures.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the example blocks of rubrics (their self-verification).")

    @Argument(help: "Rubric files to test.")
    var files: [String]

    func run() throws {
        var passed = 0
        var failed = 0
        for file in files {
            let program: Program
            do {
                program = try compileFile(file)
            } catch {
                failed += 1
                continue
            }
            let evaluator = Evaluator(program: program)
            for outcome in evaluator.runExamples() {
                if outcome.passed {
                    passed += 1
                    print("PASS \(file):\(outcome.line) \(outcome.name)")
                } else {
                    failed += 1
                    print("FAIL \(file):\(outcome.line) \(outcome.name)")
                    for failure in outcome.failures { print("  \(failure)") }
                }
            }
        }
        print("\(passed) passed, \(failed) failed")
        if failed > 0 { throw ExitCode(ExitStatus.failure) }
    }
}
