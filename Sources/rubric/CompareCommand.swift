import ArgumentParser
import Rubric
import struct RubricSyntax.Diagnostic

/// `rubric compare A.rubric B.rubric … --data FILE`: cross-checks candidate rubrics for one
/// task on the same samples and names the consensus candidate.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run candidate rubrics for one task on the same samples: agreement per sample, per score and per pair, and the consensus candidate.",
        discussion: """
            Two candidates agree on a sample when both skip, both fail, or their numbers differ \
            by at most --tolerance. The consensus is the candidate that agrees most with the \
            others. A candidate that does not compile is reported and left out. Exit status: 0 \
            the comparison ran (whatever the agreement); 1 no candidate compiles; 2 bad \
            arguments or an unreadable file.
            """)

    @Argument(help: "The candidate rubric files.")
    var files: [String]

    @Option(help: "The samples every candidate scores.")
    var data: String

    @Option(help: "Format of --data: jsonl, json or yaml.")
    var format: InputFormat = .jsonl

    @Option(help: "Largest difference between two numbers that still counts as agreement.")
    var tolerance: Double = 1e-9

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    func run() throws {
        if files.isEmpty { throw CommandFailure("give at least one candidate rubric", status: ExitStatus.usage) }
        if !(tolerance >= 0) { throw CommandFailure("--tolerance must be a number >= 0", status: ExitStatus.usage) }
        let limits = Limits()
        var candidates: [CandidateComparison.Candidate] = []
        var excluded: [(name: String, reason: String)] = []
        for file in files {
            let text = try readSource(file)
            do throws(CompileFailure) {
                candidates.append(.init(name: file, program: try Program.compile(source: text, name: file, limits: limits)))
            } catch {
                let first = error.diagnostics.first { $0.severity == .error }
                let reason = first.map { diagnostic -> String in
                    let location = error.source.location(of: diagnostic.range.start)
                    return "does not compile: error[\(diagnostic.code.rawValue)] at \(location.line):\(location.column): \(diagnostic.message)"
                } ?? "does not compile"
                excluded.append((file, reason))
                if !json { printDiagnostics(error.diagnostics, source: error.source, format: .text) }
            }
        }
        let samples = try readAllSamples(data, format: format, maxDepth: limits.maxValueDepth)
        var report = CandidateComparison.run(candidates, samples: samples, tolerance: tolerance)
        report.excluded = excluded
        print(json ? report.json() : report.text())
        if candidates.isEmpty { throw ExitCode(ExitStatus.failure) }
    }
}
