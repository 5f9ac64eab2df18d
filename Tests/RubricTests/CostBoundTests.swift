import Foundation
import OrderedCollections
import Testing
@testable import Rubric
@testable import RubricSemantics
import RubricSyntax

/// `check`'s cost bound really bounds: for every example rubric and every golden script that
/// compiles, on their own samples and on many generated ones of every size, the fuel a sample
/// uses never exceeds the bound evaluated at the sample's input sizes. For rubrics that
/// read `group(e)` or `batch(e)` a batch is checked at once, with each size variable taken as
/// its largest value over the batch.
@Suite("Cost bound")
struct CostBoundTests {
    /// A rubric to check: its source and the batches of samples it comes with.
    struct Subject: CustomStringConvertible, Sendable {
        var name: String
        var source: String
        var batches: [[Value]]
        var limits = Limits()
        /// The host functions the script is compiled with (`# host:` in a golden script).
        var host = HostEnvironment.unavailable
        var description: String { name }

        /// Compiles the subject with its limits and host, nil when it does not compile.
        func compiled() -> Program? {
            try? Program.compile(source: source, name: name, limits: limits, host: host)
        }

        /// The subject's own batches and `count` generated ones (more for the examples), each
        /// a single sample unless the program reads groups.
        func batches(for program: Program, count: Int, seed: UInt64) -> [[Value]] {
            var generator = SeededGenerator(state: seed)
            var batches = self.batches
            for _ in 0..<(name.hasPrefix("Examples/") ? count : count / 6) {
                let size = program.usesGroups ? Int.random(in: 1...5, using: &generator) : 1
                let shared = GeneratedSample.sample(for: program, &generator)
                batches.append((0..<size).map { _ in GeneratedSample.sample(for: program, &generator, sharing: shared) })
            }
            return batches.filter { !$0.isEmpty }
        }
    }

    static let subjects: [Subject] = {
        var subjects: [Subject] = []
        for name in ExampleRubricTests.names {
            let folder = ExampleRubricTests.folder
            guard let source = try? String(contentsOf: folder.appendingPathComponent("\(name).rubric"), encoding: .utf8),
                  let data = try? String(contentsOf: folder.appendingPathComponent("data/\(name).jsonl"), encoding: .utf8)
            else { continue }
            let samples = data.split(separator: "\n").compactMap { try? JSON.parse(String($0), maxDepth: 128) }
            subjects.append(Subject(name: "Examples/\(name)", source: source, batches: [samples]))
        }
        // Hostile scripts are left out: each of their samples runs a meter to its limit (for
        // seconds in a debug build), and generated samples would multiply that.
        for script in GoldenScript.all where !script.description.hasPrefix("hostile/") {
            var batches: [[Value]] = []
            for sample in script.samples {
                guard let value = try? JSON.parse(sample.json, maxDepth: 128) else { continue }
                if sample.isBatch, case .list(let members) = value { batches.append(members) } else { batches.append([value]) }
            }
            let host = script.hosts.map { HostEnvironment(TestHosts.named($0)) } ?? .unavailable
            subjects.append(Subject(name: script.description, source: script.source, batches: batches,
                                    limits: script.limits, host: host))
        }
        return subjects
    }()

    @Test("fuel used stays within the static bound", arguments: subjects)
    func fuelStaysWithinTheBound(_ subject: Subject) throws {
        guard let program = subject.compiled() else { return }
        if case .unbounded(let reason) = program.analysis.cost.total {
            // Only a builtin whose entry says so may leave a rubric without a bound, or data of
            // type any repeated by an int read from data (a value no input size bounds).
            #expect(reason.message.contains("parse_yaml") || reason.message.contains("repetition of data of type any"),
                    "\(subject.name): no cost bound: \(reason.message)")
            return
        }
        // A sample stopped by a limit used less than it would have: still within the bound.
        let evaluator = Evaluator(program: program, limits: subject.limits)
        for batch in subject.batches(for: program, count: 40, seed: UInt64(subject.name.utf8.count * 7919)) {
            let results = program.usesGroups ? evaluator.evaluate(batch: batch) : batch.map { evaluator.evaluate(sample: $0) }
            for (index, result) in results.enumerated() {
                let measured = program.usesGroups ? batch : [batch[index]]
                var variables: [String: Double] = [:]
                for sample in measured {
                    let own = program.costVariables(of: sample, groupSize: batch.count, batchSize: batch.count)
                    variables.merge(own, uniquingKeysWith: max)
                }
                let bound = program.analysis.cost.totalValue(variables)
                let used = Double(result.fuelUsed)
                #expect(used <= bound + 1e-6,
                        "\(subject.name): used \(result.fuelUsed) > bound \(bound) at \(variables) (\(program.analysis.cost.total))")
            }
        }
    }
}

/// Samples generated from a program's input types, from empty to large.
enum GeneratedSample {
    /// A sample with a value for every input (now and then leaving out one that has a
    /// default); inputs named in `sharing` take its values, so a batch can share a group key.
    static func sample(for program: Program, _ generator: inout SeededGenerator, sharing: Value? = nil) -> Value {
        var fields: OrderedDictionary<String, Value> = [:]
        for input in program.inputs {
            if input.hasDefault, Int.random(in: 0..<3, using: &generator) == 0 { continue }
            var value = self.value(input.type, name: input.name, &generator)
            if input.name.hasSuffix("id"), case .map(let box)? = sharing, let key = box.entries[input.name] { value = key }
            set(&fields, path: input.path, to: value)
        }
        return .map(fields)
    }

    /// Stores `value` at `path` (creating maps on the way; list indexes are left alone).
    static func set(_ fields: inout OrderedDictionary<String, Value>, path: [PathSegment], to value: Value) {
        guard case .key(let first)? = path.first else { return }
        if path.count == 1 {
            fields[first] = value
            return
        }
        var inner: OrderedDictionary<String, Value> = [:]
        if case .map(let box)? = fields[first] { inner = box.entries }
        set(&inner, path: Array(path.dropFirst()), to: value)
        fields[first] = .map(inner)
    }

    /// A value of `type` for the input `name`.
    static func value(_ type: RType, name: String, _ generator: inout SeededGenerator) -> Value {
        switch type.nonNull {
        case .int:
            return .int([0, 1, 3, 100, 4000, 15000, 30000, -5].randomElement(using: &generator)!)
        case .float, .number:
            return .float([0, 0.5, 1, -2.5, 1e6, 3.25].randomElement(using: &generator)!)
        case .list(.any):
            return .list((0..<Int.random(in: 0...6, using: &generator)).map { _ in toolCall(&generator) })
        case .list(.map(.any)):
            return .list((0..<Int.random(in: 1...3, using: &generator)).map { _ in layer(&generator) })
        case .string where name.contains("id") || name == "pair":
            return .string(["p1", "p2"].randomElement(using: &generator)!)
        case .string: return .string(completion(&generator))
        default: return CostArguments.value(type.nonNull, &generator)
        }
    }

    /// A completion: well formed, with tool calls, long, repetitive or adversarial.
    static func completion(_ generator: inout SeededGenerator) -> String {
        let answer = Int.random(in: 0...9, using: &generator)
        let words = (0..<Int.random(in: 0...400, using: &generator)).map { _ in
            ["wait", "so", "therefore", "the", "answer", "is", "First,", "Step 1:", "let me check", "\n", "ΐ"].randomElement(using: &generator)!
        }.joined(separator: " ")
        switch Int.random(in: 0..<5, using: &generator) {
        case 0: return "<think>\n\(words)\n</think>\n<answer>\n\\boxed{\(answer)}\n</answer>"
        case 1: return "<think>\(words)</think>\n<tool_call>\n{\"name\": \"f\", \"parameters\": {\"x\": \(answer)}}\n</tool_call>"
        case 2: return String(repeating: words + " ", count: Int.random(in: 1...20, using: &generator))
        default: return CostArguments.text(&generator)
        }
    }

    /// A tool call `{"name": …, "parameters": {…}}`.
    static func toolCall(_ generator: inout SeededGenerator) -> Value {
        .map(["name": .string(["f", "g"].randomElement(using: &generator)!),
              "parameters": .map(["x": .int(Int.random(in: 0...3, using: &generator))])])
    }

    /// A decoder layer `{"weights": [[…]], "bias": […]}` of a random size.
    static func layer(_ generator: inout SeededGenerator) -> Value {
        let rows = Int.random(in: 1...4, using: &generator), columns = Int.random(in: 1...4, using: &generator)
        let weights = (0..<rows).map { _ in Value.list((0..<columns).map { _ in .float(Double.random(in: -1...1, using: &generator)) }) }
        return .map(["weights": .list(weights), "bias": .list((0..<rows).map { _ in .float(0.1) })])
    }
}
