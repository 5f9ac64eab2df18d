import Rubric
import RubricSyntax

/// One fuzz input run through every stage, with the invariants the sandbox promises checked
/// on the way. A broken invariant traps, which libFuzzer records as a crash.
struct FuzzCase {
    let text: String

    /// Limits small enough that a properly metered run takes milliseconds: an input that runs
    /// into libFuzzer's timeout has found work that escapes the meters. There is no deadline,
    /// so every run is deterministic.
    static let limits: Limits = {
        var limits = Limits()
        limits.fuel = 200_000
        limits.memoryBytes = 16 << 20
        limits.deadlineNanoseconds = 0
        return limits
    }()

    /// At most this many samples are evaluated per input.
    static let maxSamples = 4

    func run() {
        checkFormatter()
        let program: Program
        do {
            program = try Program.compile(source: text, name: "fuzz.rubric", limits: Self.limits)
        } catch {
            for diagnostic in error.diagnostics {
                _ = DiagnosticRenderer.text(diagnostic, in: error.source)
                _ = DiagnosticRenderer.json(diagnostic, in: error.source)
            }
            return
        }
        _ = Disassembler.disassemble(program)
        let evaluator = Evaluator(program: program)
        for sample in samples() {
            let first = evaluate(sample, with: evaluator)
            let second = evaluate(sample, with: evaluator)
            require(first == second, "the same sample gave two records:\n\(first)\n\(second)")
        }
        for outcome in evaluator.runExamples() {
            check(outcome.result)
        }
    }

    /// The samples the input names in `# sample: {…}` comments (an unreadable one becomes an
    /// error record, as in `rubric eval`), and an empty sample.
    func samples() -> [Result<Value, RuntimeError>] {
        var found: [Result<Value, RuntimeError>] = []
        for line in text.split(separator: "\n") where found.count < Self.maxSamples {
            guard let marker = line.range(of: "# sample:") else { continue }
            let json = String(line[marker.upperBound...])
            do throws(RuntimeError) {
                found.append(.success(try JSON.parse(json, maxDepth: Self.limits.maxValueDepth)))
            } catch {
                found.append(.failure(error))
            }
        }
        return found + [.success(.map([:]))]
    }

    /// Evaluates one sample and returns its checked record.
    func evaluate(_ sample: Result<Value, RuntimeError>, with evaluator: Evaluator) -> String {
        switch sample {
        case .success(let value):
            let result = evaluator.evaluate(sample: value)
            check(result)
            let batch = evaluator.evaluate(batch: [value, value])
            batch.forEach(check)
            return result.json()
        case .failure(let error):
            return error.code.rawValue
        }
    }

    /// A record fits the output limit and is valid JSON.
    func check(_ result: SampleResult) {
        let record = result.json()
        require(record.utf8.count <= Self.limits.maxOutputBytes, "a record of \(record.utf8.count) bytes")
        do throws(RuntimeError) {
            _ = try JSON.parse(record, maxDepth: 8)
        } catch {
            require(false, "a record is not valid JSON (\(error.message)): \(record)")
        }
    }

    /// Formatting is idempotent: formatting formatted text changes nothing.
    func checkFormatter() {
        guard case .formatted(let once) = Formatter.format(SourceFile(name: "fuzz.rubric", text: text)) else { return }
        guard case .formatted(let twice) = Formatter.format(SourceFile(name: "fuzz.rubric", text: once)) else {
            require(false, "formatted text no longer parses:\n\(once)")
            return
        }
        require(once == twice, "formatting is not idempotent:\n\(once)\n---\n\(twice)")
    }

    /// Traps with `message` unless `condition` holds.
    func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition { fatalError("invariant broken: \(message())") }
    }
}
