import ArgumentParser
import Rubric

/// `rubric run FILE --sample JSON`: evaluates one sample (or a JSON array of samples, as one
/// batch) and prints one record per sample as a line of JSON.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate a rubric on one sample, or a JSON array of samples evaluated as one batch, and print each reward and score breakdown as a line of JSON.")

    @Argument(help: "The rubric file.")
    var file: String

    @Option(help: "The sample as a JSON object, e.g. '{\"completion\": \"...\"}', or a JSON array of samples.")
    var sample: String?

    @Option(name: .customLong("sample-file"), help: "Read the sample JSON object from this file.")
    var sampleFile: String?

    @Option(help: "Instruction budget per sample.")
    var fuel: Int?

    func run() throws {
        var limits = Limits()
        if let fuel { limits.fuel = fuel }
        let program = try compileFile(file, limits: limits)
        let text: String
        if let sample {
            text = sample
        } else if let sampleFile {
            text = try readSource(sampleFile)
        } else {
            throw ValidationError("give the sample with --sample '{...}' or --sample-file PATH")
        }
        let evaluator = Evaluator(program: program)
        let results: [SampleResult]
        do throws(RuntimeError) {
            let value = try JSON.parse(text, maxDepth: limits.maxValueDepth)
            if case .list(let samples) = value {
                results = evaluator.evaluate(batch: samples)
            } else {
                results = [evaluator.evaluate(sample: value)]
            }
        } catch {
            let record = SampleError(code: error.code.rawValue, message: error.message, line: nil, column: nil)
            results = [.failed(record, program: program)]
        }
        for result in results { print(result.json()) }
        if results.contains(where: { $0.error != nil }) { throw ExitCode(ExitStatus.failure) }
    }
}
