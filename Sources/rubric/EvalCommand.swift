import ArgumentParser
import Foundation
import Rubric
import enum RubricSyntax.PathSegment

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `rubric eval RUBRIC --data FILE`: scores a dataset, one output record per input record,
/// in input order, on every core.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a dataset (JSONL, a JSON array or YAML documents) and write one JSON record per sample, in order.",
        discussion: """
            Exit status: 0 success; 1 the rubric does not compile; 2 bad arguments or an \
            unreadable input; 3 the share of failed samples is above --max-error-rate.
            """)

    @Argument(help: "The rubric file.")
    var rubric: String

    @Option(help: "The samples: a file, or - for standard input.")
    var data: String

    @Option(help: "Input format: jsonl (one object per line), json (one array) or yaml (--- separated documents).")
    var format: InputFormat = .jsonl

    @Option(name: .customLong("map"), parsing: .singleValue,
            help: "Read an input from another field: INPUT=PATH, e.g. completion=response or answer=meta.gold.")
    var mappings: [String] = []

    @Option(name: .customLong("group-by"),
            help: "Dotted path of the group key; records of one group must be adjacent. Default: the rubric's `group = input`.")
    var groupBy: String?

    @Option(name: .customLong("batch-size"), help: "Records per batch for rubrics that read batch(e); 0 means the whole input.")
    var batchSize: Int = 0

    @Option(help: "Output file for the records (default: standard output).")
    var out: String?

    @Option(help: "Worker threads (default: every core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Summary on standard error: text, json or none.")
    var summary: SummaryFormat = .text

    @Option(name: .customLong("max-error-rate"), help: "Exit with status 3 when more than this share of samples fail (0 to 1).")
    var maxErrorRate: Double = 1.0

    @Option(help: "Instruction budget per sample.")
    var fuel: Int?

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json, none
    }

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if batchSize < 0 { throw ValidationError("--batch-size must not be negative") }
        if !(0...1).contains(maxErrorRate) { throw ValidationError("--max-error-rate must be between 0 and 1") }
        try validateMappings(mappings)
    }

    func run() throws {
        var limits = Limits()
        if let fuel { limits.fuel = fuel }
        let program = try compileFile(rubric, limits: limits)
        let overrides = try inputOverrides(mappings, program: program)
        let reader = try RecordReader(path: data, format: format, maxDepth: limits.maxValueDepth)
        let output = try openOutput()
        let keyPath = groupBy.map(parsePath) ?? program.groupKeyPath(mappedBy: overrides)
        if program.usesGroups && keyPath == nil && !program.usesBatch && batchSize == 0 {
            printError("note: no group key (--group-by or `group = input`): the whole input is one group")
        }
        var chunker = Chunker(reader: reader, usesGroups: program.usesGroups, keyPath: keyPath,
                              batchSize: batchSize, chunkSize: 64)
        let interactive = isatty(STDERR_FILENO) != 0 && summary != .none
        var progress = ProgressBar()
        var totals = EvalSummary(scoreNames: program.scoreNames)
        var pendingOutput: [UInt8] = []
        let layout = RecordLayout(scoreNames: program.scoreNames)
        let evaluator = ParallelEvaluator(program: program, jobs: jobs, limits: limits, pathOverrides: overrides)
        evaluator.run(next: { chunker.next() }, emit: { result in
            totals.add(result)
            result.appendJSON(to: &pendingOutput, layout: layout)
            pendingOutput.append(0x0A)
            if pendingOutput.count >= 1 << 16 {
                output.write(Data(pendingOutput))
                pendingOutput.removeAll(keepingCapacity: true)
            }
            if interactive {
                progress.update(records: totals.records, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes)
            }
        })
        output.write(Data(pendingOutput))
        if output !== FileHandle.standardOutput { try? output.close() }
        if interactive {
            progress.update(records: totals.records, bytesRead: reader.bytesRead, totalBytes: reader.totalBytes, force: true)
            progress.finish()
        }
        for key in chunker.splitGroups {
            printError("warning: the records of group \(key) are not adjacent; each run was scored as its own group")
        }
        switch summary {
        case .text: printError(totals.text())
        case .json: printError(totals.json())
        case .none: break
        }
        if totals.records > 0 && Double(totals.failed) / Double(totals.records) > maxErrorRate {
            throw ExitCode(ExitStatus.tooManyErrors)
        }
    }

    /// The output file, created or truncated in place, or standard output. The file is opened,
    /// never replaced, so `--out /dev/null` or a named pipe keeps working (Foundation's
    /// `createFile` writes a new file and renames it over the old one).
    func openOutput() throws -> FileHandle {
        guard let out else { return FileHandle.standardOutput }
        let descriptor = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw CommandFailure("cannot write '\(out)'", status: ExitStatus.usage)
        }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
