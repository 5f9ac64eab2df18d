import OrderedCollections
import RubricSemantics
import RubricSyntax

/// Evaluates samples with one compiled program. An evaluator owns its VM and meters and is
/// meant for one thread; create one per thread and share the `Program`.
public final class Evaluator {
    public let program: Program
    public let context: ExecutionContext
    let vm: VM

    /// Creates an evaluator; `limits` defaults to the limits the program was compiled with.
    public init(program: Program, limits: Limits? = nil) {
        self.program = program
        context = ExecutionContext(limits: limits ?? program.limits)
        vm = VM(program: program, context: context)
    }

    /// Evaluates one sample given as a map value (a parsed JSON object).
    public func evaluate(sample: Value) -> SampleResult {
        guard case .map = sample else {
            return failure(RuntimeError(.invalidSample, "a sample must be a JSON object, not \(sample.typeName)"))
        }
        for (index, input) in program.inputs.enumerated() {
            var found = InputBinding.lookup(sample, input.path)
            if case .null? = found, !input.type.admitsNull { found = nil }
            guard let value = found else {
                vm.inputValues[index] = nil
                continue
            }
            switch InputBinding.convert(value, to: input.type, limit: context.limits.maxValueDepth) {
            case .success(let converted): vm.inputValues[index] = converted
            case .failure(let why):
                return failure(RuntimeError(.inputType, "input '\(input.name)' (path \(input.pathDescription)): \(why.reason)",
                                            offset: inputOffset(index)))
            }
        }
        return runMain()
    }

    /// Evaluates one sample whose inputs are given positionally, in `program.inputs` order
    /// (nil for absent). Values must already have the declared types.
    public func evaluate(inputs: [Value?]) -> SampleResult {
        precondition(inputs.count == program.inputs.count, "expected \(program.inputs.count) inputs")
        vm.inputValues = inputs
        return runMain()
    }

    func runMain() -> SampleResult {
        context.beginSample()
        vm.reset()
        var failureRecord: SampleError?
        do throws(RuntimeError) {
            _ = try vm.run(entry: 0)
        } catch {
            failureRecord = record(error)
        }
        var scores = [Double?](repeating: nil, count: program.scoreSlots.count)
        for (index, slot) in program.scoreSlots.enumerated() {
            if case .float(let value) = vm.globals[slot] { scores[index] = value }
        }
        var reward: Double?
        if failureRecord == nil, case .float(let value) = vm.globals[program.rewardSlot] { reward = value }
        return SampleResult(reward: reward, scoreNames: program.scoreNames, scoreValues: scores, error: failureRecord)
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
