import RubricSyntax

/// The outcome of one `example` block.
public struct ExampleOutcome: Sendable {
    /// The name the example block gives itself.
    public var name: String
    /// The line the example block starts on.
    public var line: Int
    /// One message per failed expectation (or for an unexpected error); empty when passed.
    public var failures: [String]
    /// The record of the example's sample.
    public var result: SampleResult

    /// True when every expectation held.
    public var passed: Bool { failures.isEmpty }
}

extension Evaluator {
    /// Runs every example block of the program: sets its inputs, evaluates the rubric and
    /// checks each expectation. Examples are the rubric's self-verification.
    public func runExamples() -> [ExampleOutcome] {
        program.examples.map(runExample)
    }

    func runExample(_ example: ExampleSpec) -> ExampleOutcome {
        let line = program.source.location(of: example.range.start).line
        var failures: [String] = []
        var inputs = [Value?](repeating: nil, count: program.inputs.count)
        for (input, chunk) in example.assignments {
            context.beginSample()
            do throws(RuntimeError) {
                let value = try vm.run(entry: chunk)
                switch InputBinding.convert(value, to: program.inputs[input].type, limit: context.limits.maxValueDepth) {
                case .success(let converted): inputs[input] = converted
                case .failure(let why): failures.append("input '\(program.inputs[input].name)': \(why.reason)")
                }
            } catch {
                failures.append("the value of input '\(program.inputs[input].name)' failed: \(record(error))")
            }
        }
        let empty = SampleResult(reward: nil, scores: [:], error: nil)
        if !failures.isEmpty {
            return ExampleOutcome(name: example.name, line: line, failures: failures, result: empty)
        }
        let result = evaluate(inputs: inputs)
        if let expected = example.expectsError {
            if let error = result.error {
                if let code = expected.code, code != error.code {
                    failures.append("expected error \(code), got \(error)")
                }
            } else {
                failures.append("expected the sample to fail\(expected.code.map { " with \($0)" } ?? ""), but it succeeded with reward \(result.reward.map { String($0) } ?? "null")")
            }
            return ExampleOutcome(name: example.name, line: line, failures: failures, result: result)
        }
        if let error = result.error {
            failures.append("the sample failed: \(error)")
            return ExampleOutcome(name: example.name, line: line, failures: failures, result: result)
        }
        for (chunk, range) in example.expectations {
            let location = program.source.location(of: range.start)
            let text = program.source.text(in: range)
            do throws(RuntimeError) {
                let value = try vm.run(entry: chunk)
                if case .bool(true) = value { continue }
                failures.append("\(location.line):\(location.column): expect \(text) — was \(displayString(value, maxBytes: 200))")
            } catch {
                failures.append("\(location.line):\(location.column): expect \(text) — failed: \(record(error))")
            }
        }
        return ExampleOutcome(name: example.name, line: line, failures: failures, result: result)
    }
}
