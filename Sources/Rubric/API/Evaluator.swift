import OrderedCollections
import RubricSemantics
import RubricSyntax

/// Evaluates samples with one compiled program. An evaluator owns its VM and meters and is
/// meant for one thread; create one per thread and share the `Program`.
public final class Evaluator {
    /// The program this evaluator runs.
    public let program: Program
    /// The meters and caches of this evaluator's samples.
    public let context: ExecutionContext
    let vm: VM

    /// Creates an evaluator; `limits` defaults to the limits the program was compiled with.
    public init(program: Program, limits: Limits? = nil) {
        self.program = program
        context = ExecutionContext(limits: limits ?? program.limits)
        vm = VM(program: program, context: context)
    }

    /// Evaluates one sample given as a map value (a parsed JSON object). A rubric that reads
    /// `group(e)` or `batch(e)` sees a group of one.
    public func evaluate(sample: Value) -> SampleResult {
        if program.usesGroups { return evaluate(batch: [sample])[0] }
        if let problem = bindInputs(sample) { return failure(problem) }
        return runMain()
    }

    /// Evaluates one sample whose inputs are given positionally, in `program.inputs` order
    /// (nil for absent). Values must already have the declared types.
    public func evaluate(inputs: [Value?]) -> SampleResult {
        precondition(inputs.count == program.inputs.count, "expected \(program.inputs.count) inputs")
        if program.usesGroups {
            return runStaged(count: 1, groups: nil) { _ in
                self.vm.inputValues = inputs
                return nil
            }[0]
        }
        vm.inputValues = inputs
        return runMain()
    }

    /// Where each input is read from, replacing the rubric's own `from` paths: set from a
    /// field mapping such as `rubric eval --map completion=response`. Keyed by input name.
    public var pathOverrides: [String: [PathSegment]] = [:]

    /// Reads the rubric's inputs from `sample` into the VM; returns the error for a sample
    /// that is not an object or has an input of the wrong type. A string input given a chat
    /// conversation (a list of role/content messages) reads its last assistant message.
    func bindInputs(_ sample: Value) -> RuntimeError? {
        guard case .map = sample else {
            return RuntimeError(.invalidSample, "a sample must be a JSON object, not \(sample.typeName)")
        }
        for (index, input) in program.inputs.enumerated() {
            let path = pathOverrides.isEmpty ? input.path : pathOverrides[input.name] ?? input.path
            var found = InputBinding.lookup(sample, path)
            if let value = found, input.type.nonNull == .string, let text = InputBinding.conversationText(value) {
                found = text
            }
            if case .null? = found, !input.type.admitsNull { found = nil }
            guard let value = found else {
                vm.inputValues[index] = nil
                continue
            }
            // JSON.parse bounds the depth of what it reads, but a host may build values itself.
            if ValueDepth.exceeds(value, limit: context.limits.maxValueDepth) {
                return RuntimeError(.valueTooDeep, "input '\(input.name)' nests lists and maps deeper than "
                                    + "\(context.limits.maxValueDepth) levels", offset: inputOffset(index))
            }
            switch InputBinding.convert(value, to: input.type, limit: context.limits.maxValueDepth) {
            case .success(let converted): vm.inputValues[index] = converted
            case .failure(let why):
                return RuntimeError(.inputType, "input '\(input.name)' (path \(input.pathDescription)): \(why.reason)",
                                    offset: inputOffset(index))
            }
        }
        return nil
    }

    /// Runs the main program on the inputs already bound and builds the sample's record.
    func runMain() -> SampleResult {
        context.beginSample()
        vm.reset()
        var failure: RuntimeError?
        do throws(RuntimeError) {
            _ = try vm.run(entry: 0)
        } catch {
            failure = error
        }
        return result(failure: failure, fuel: context.limits.fuel - context.fuel) { self.vm.globals[$0] }
    }

    /// Builds a record from the globals of a finished sample: every score, the reward (or the
    /// fallback when the sample failed), and the steps and latent vector converted to floats.
    func result(failure: RuntimeError?, fuel: Int, global: (Int) -> Value) -> SampleResult {
        var scores = [Double?](repeating: nil, count: program.scoreSlots.count)
        for (index, slot) in program.scoreSlots.enumerated() {
            if case .float(let value) = global(slot) { scores[index] = value }
        }
        var failure = failure
        var steps: [Double]?
        var latent: OrderedDictionary<String, Double>?
        if failure == nil, let slot = program.stepsSlot {
            do throws(RuntimeError) { steps = try Self.numbers(global(slot), offset: program.stepsOffset) } catch { failure = error }
        }
        if failure == nil, let slot = program.latentSlot {
            do throws(RuntimeError) { latent = try Self.factors(global(slot), offset: program.latentOffset) } catch { failure = error }
        }
        var reward: Double? = program.fallback
        if failure == nil {
            reward = if case .float(let value) = global(program.rewardSlot) { value } else { nil }
        }
        var result = SampleResult(reward: reward, scoreNames: program.scoreNames, scoreValues: scores,
                                  error: failure.map(record))
        result.steps = steps
        result.latent = latent
        result.declaresSteps = program.stepsSlot != nil
        result.declaresLatent = program.latentSlot != nil
        result.fuelUsed = fuel
        limitOutput(&result)
        return result
    }

    /// Replaces a record larger than `Limits.maxOutputBytes` by an `outputTooLarge` error
    /// record: steps and latent become null and the reward the fallback; the scores stay.
    /// Only a record whose cheap bound exceeds the limit is rendered to measure it.
    func limitOutput(_ result: inout SampleResult) {
        let limit = context.limits.maxOutputBytes
        guard RecordSize.bound(result) > limit else { return }
        let bytes = result.json().utf8.count
        guard bytes > limit else { return }
        let stepCount = result.steps?.count ?? 0
        let factorCount = result.latent?.count ?? 0
        let blame = RecordSize.latent(result.latent) > RecordSize.steps(result.steps)
            ? program.latentOffset : program.stepsOffset ?? program.latentOffset
        result.steps = nil
        result.latent = nil
        result.reward = program.fallback
        result.error = record(RuntimeError(
            .outputTooLarge,
            "output limit exceeded: the record would take \(bytes) bytes, more than the limit of \(limit) "
                + "(\(stepCount) steps, \(factorCount) latent factors)",
            offset: blame))
    }

    /// Converts the value of `steps = …` to floats: numbers widen, bools count 1 or 0.
    static func numbers(_ value: Value, offset: Int?) throws(RuntimeError) -> [Double] {
        guard case .list(let elements) = value else {
            throw RuntimeError(.typeError, "steps must be a list of numbers, not \(value.typeName)", offset: offset)
        }
        var numbers: [Double] = []
        numbers.reserveCapacity(elements.count)
        for element in elements { numbers.append(try number(element, what: "a step", offset: offset)) }
        return numbers
    }

    /// Converts the value of `latent = …` to named floats, keeping the map's order.
    static func factors(_ value: Value, offset: Int?) throws(RuntimeError) -> OrderedDictionary<String, Double> {
        guard case .map(let box) = value else {
            throw RuntimeError(.typeError, "latent must be a map of numbers, not \(value.typeName)", offset: offset)
        }
        var factors: OrderedDictionary<String, Double> = [:]
        for (name, element) in box.entries {
            factors[name] = try number(element, what: "latent factor '\(name)'", offset: offset)
        }
        return factors
    }

    /// A reported number: finite, from a float, an int or a bool.
    static func number(_ value: Value, what: String, offset: Int?) throws(RuntimeError) -> Double {
        switch value {
        case .float(let number) where number.isFinite: return number
        case .float(let number):
            throw RuntimeError(.notANumber, "\(what) is \(number), not a finite number", offset: offset)
        case .int(let number): return Double(number)
        case .bool(let flag): return flag ? 1 : 0
        default: throw RuntimeError(.typeError, "\(what) must be a number, not \(value.typeName)", offset: offset)
        }
    }

    /// The value of the global called `name` after the last evaluation (for expectations,
    /// the REPL and tests).
    public func global(named name: String) -> Value? {
        guard let slot = program.globalNames.firstIndex(of: name) else { return nil }
        return vm.globals[slot]
    }

    func failure(_ error: RuntimeError) -> SampleResult {
        .failed(record(error), program: program)
    }

    func record(_ error: RuntimeError) -> SampleError {
        guard let offset = error.offset else {
            return SampleError(code: error.code.rawValue, message: error.message, line: nil, column: nil)
        }
        let location = program.source.location(of: offset)
        return SampleError(code: error.code.rawValue, message: error.message, line: location.line, column: location.column)
    }

    func inputOffset(_ index: Int) -> Int? {
        program.inputs.indices.contains(index) ? program.inputRanges[index].start : nil
    }
}
