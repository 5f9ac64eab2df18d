import ArgumentParser
import Rubric

/// `rubric run FILE --sample JSON`: evaluates one sample and prints its record as JSON.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate a rubric on one sample and print the reward and score breakdown as JSON.")

    @Argument(help: "The rubric file.")
    var file: String

    @Option(help: "The sample as a JSON object, e.g. '{\"completion\": \"...\"}'.")
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
        let result: SampleResult
        do throws(RuntimeError) {
            let value = try JSON.parse(text, maxDepth: limits.maxValueDepth)
            result = evaluator.evaluate(sample: value)
        } catch {
            let record = SampleError(code: error.code.rawValue, message: error.message, line: nil, column: nil)
            result = .failed(record, program: program)
        }
        print(result.json())
        if result.error != nil { throw ExitCode(ExitStatus.failure) }
    }
}
