import ArgumentParser
import Foundation
import Rubric

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rubric repl [RUBRIC]`: an interactive session. On a terminal it edits lines with libedit
/// (history in ~/.rubric_history or $RUBRIC_HISTORY, tab completion); otherwise it reads
/// plain lines and prints no prompts, so a transcript can be piped through it.
struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Evaluate expressions and build a rubric interactively (:help inside lists the commands).",
        discussion: """
            History is kept in $RUBRIC_HISTORY (empty: none), by default ~/.rubric_history. \
            There is no deadline unless --deadline-ms sets one: Ctrl-C stops an evaluation.
            """)

    @Argument(help: "A rubric to load into the session.")
    var rubric: String?

    @Option(help: "The sample inputs are read from: a JSON object, or @FILE.")
    var sample: String?

    @Option(help: "Instruction budget per evaluation.")
    var fuel: Int?

    @Option(name: .customLong("deadline-ms"), help: "Wall-clock limit per evaluation in milliseconds (default: none).")
    var deadlineMilliseconds: UInt64 = 0

    func run() throws {
        var limits = Limits()
        if let fuel { limits.fuel = fuel }
        limits.deadlineNanoseconds = deadlineMilliseconds * 1_000_000
        let repl = Repl(limits: limits)
        if let rubric {
            _ = try readSource(rubric)
            repl.load(rubric)
        }
        if let sample { repl.setSample(sample) }
        ReplInterrupt.install()
        let reader: ReplLineReader
        if isatty(STDIN_FILENO) != 0 {
            reader = LineEditor(historyPath: Self.historyPath()) {
                ReplCompletion.fixedNames + repl.session.names
            }
            print("Rubric REPL: :help for commands, Ctrl-D to leave")
        } else {
            reader = PlainLineReader()
        }
        Self.loop(repl, reader)
    }

    /// Reads entries until `:quit` or the end of input; an entry goes on over lines while
    /// the parser finds it unfinished, and an empty line ends it anyway.
    static func loop(_ repl: Repl, _ reader: ReplLineReader) {
        var lines: [String] = []
        while true {
            fflush(nil)
            switch reader.read(prompt: lines.isEmpty ? "> " : "... ") {
            case .end:
                if !lines.isEmpty { _ = repl.handle(lines.joined(separator: "\n")) }
                return
            case .interrupted:
                lines = []
            case .line(let line):
                let blank = line.trimmingWhitespace.isEmpty
                if lines.isEmpty && blank { continue }
                lines.append(line)
                let text = lines.joined(separator: "\n")
                if !blank && ReplEntry.isIncomplete(text) { continue }
                lines = []
                if repl.handle(text) == .quit { return }
            }
        }
    }

    /// $RUBRIC_HISTORY when set (empty: keep no history), else ~/.rubric_history.
    static func historyPath() -> String? {
        if let path = ProcessInfo.processInfo.environment["RUBRIC_HISTORY"] { return path.isEmpty ? nil : path }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".rubric_history").path
    }
}
