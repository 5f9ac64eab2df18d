import ArgumentParser
import Foundation
import class RubricSyntax.SourceFile
import struct RubricSyntax.Formatter

/// `rubric fmt FILE...`: rewrites rubrics in the one canonical layout; with `--check`, only
/// lists the files that are not in it.
struct FmtCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Format rubrics in place, or with --check list the ones that are not formatted.",
        discussion: """
            Files with syntax errors are reported and left as they are. Exit status: 0 when every \
            file is (or now is) formatted, 1 when a file would change (--check) or does not parse, \
            2 when a file cannot be read or written.
            """)

    @Argument(help: "Rubric files to format.")
    var files: [String]

    @Flag(help: "Change nothing: print the files that formatting would change and exit 1 if there are any.")
    var check = false

    func run() throws {
        var status: Int32 = 0
        for file in files {
            do {
                if try format(file) && check { status = max(status, ExitStatus.failure) }
            } catch let failure as CommandFailure {
                printError("error: \(failure.description)")
                status = max(status, failure.status)
            }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Formats one file, printing its name and returning true when it changes (or, with
    /// --check, would change); throws a failure when it cannot be read, written, or parsed.
    func format(_ file: String) throws -> Bool {
        let text = try readSource(file)
        let source = SourceFile(name: file, text: text)
        switch Formatter.format(source) {
        case .syntaxErrors(let diagnostics):
            printDiagnostics(diagnostics, source: source, format: .text)
            throw CommandFailure("'\(file)' has syntax errors; left unchanged", status: ExitStatus.failure)
        case .formatted(let formatted):
            if formatted.utf8.elementsEqual(text.utf8) { return false }
            print(file)
            if check { return true }
            do {
                try Data(formatted.utf8).write(to: URL(fileURLWithPath: file))
            } catch {
                throw CommandFailure("cannot write '\(file)'", status: ExitStatus.usage)
            }
            return true
        }
    }
}
