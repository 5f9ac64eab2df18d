import ArgumentParser
import Foundation
import Rubric

/// `rubric verify FILE`: property checks on generated and real inputs.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that a rubric never fails, stays finite, stays in its range and is deterministic, on inputs generated from its input types and on real samples.",
        discussion: """
            Every case is evaluated twice by one evaluator and once by a fresh one. A failure \
            is reported with the input that shows it, shrunk when that is cheap. Exit status: \
            0 every property holds; 1 the rubric does not compile; 2 bad arguments or an \
            unreadable file; 4 a property failed.
            """)

    @Argument(help: "The rubric file.")
    var file: String

    @Option(help: "Real samples to check too, with mutations of each: a file in --format.")
    var data: String?

    @Option(help: "Format of --data: jsonl, json or yaml.")
    var format: InputFormat = .jsonl

    @Option(help: "Cases generated from the input types (batches for rubrics that read group or batch).")
    var cases: Int = 200

    @Option(help: "Seed of the generator; the same seed gives the same cases.")
    var seed: UInt64 = 0

    @Option(help: "Mutations tried per data record (or group of records).")
    var mutations: Int = 8

    @Option(help: "The range the reward must stay in, as LO,HI, e.g. --range=-1,1 (default: the range the rubric declares).")
    var range: String?

    @Flag(help: "Print the report as one JSON object.")
    var json = false

    @Option(help: "Instruction budget per sample.")
    var fuel: Int?

    func run() throws {
        // Bad values exit with the documented usage status (2), as unreadable files do.
        if cases < 0 { throw CommandFailure("--cases must not be negative", status: ExitStatus.usage) }
        if mutations < 0 { throw CommandFailure("--mutations must not be negative", status: ExitStatus.usage) }
        if let range, parseRange(range) == nil {
            throw CommandFailure("--range takes LO,HI with LO <= HI (write --range=-1,1 for a negative LO), got '\(range)'",
                                 status: ExitStatus.usage)
        }
        var limits = Limits()
        if let fuel { limits.fuel = fuel }
        let program = try compileFile(file, format: json ? .json : .text, limits: limits)
        var options = VerificationOptions()
        options.cases = cases
        options.seed = seed
        options.mutationsPerRecord = mutations
        options.range = range.flatMap(parseRange)
        if let data { options.data = try readAllSamples(data, format: format, maxDepth: limits.maxValueDepth) }
        let report = PropertyVerifier(program: program, options: options).run()
        print(json ? report.json() : report.text(file: file))
        if !report.holds { throw ExitCode(ExitStatus.propertyFailed) }
    }

    /// Parses `LO,HI` into a closed range.
    func parseRange(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let low = parts[0], let high = parts[1], low <= high else { return nil }
        return low...high
    }
}
