import OrderedCollections
import RubricSemantics
import RubricSyntax

/// The bytecode interpreter. One VM evaluates one sample at a time on one thread; a program
/// is shared, read-only, between any number of VMs. Calls use an explicit frame stack rather
/// than Swift recursion, and since functions cannot recurse the operand stack is allocated
/// once, at its exact maximum size, when the VM is created.
final class VM {
    let program: Program
    let context: ExecutionContext
    let stack: UnsafeMutablePointer<Value>
    let stackCapacity: Int
    let globals: UnsafeMutablePointer<Value>
    /// Input values read from the current sample (nil: absent), indexed like `program.inputs`.
    /// Written for every input of every sample by one thread, so exempt from run-time
    /// exclusivity checks, like the context's meters.
    @exclusivity(unchecked) var inputValues: [Value?]
    /// Supplies `group(e)`/`batch(e)` lists (global slot, scope) while a later stage runs.
    var collector: ((Int, CollectionScope) throws(RuntimeError) -> Value)?

    /// A suspended caller while a function runs.
    struct Frame {
        var chunk: Int
        var ip: Int
        var base: Int
    }

    init(program: Program, context: ExecutionContext) {
        self.program = program
        self.context = context
        stackCapacity = program.stackCapacity
        stack = UnsafeMutablePointer<Value>.allocate(capacity: stackCapacity)
        stack.initialize(repeating: .null, count: stackCapacity)
        globals = UnsafeMutablePointer<Value>.allocate(capacity: max(1, program.globalCount))
        globals.initialize(repeating: .null, count: max(1, program.globalCount))
        inputValues = Array(repeating: nil, count: program.inputs.count)
    }

    deinit {
        stack.deinitialize(count: stackCapacity)
        stack.deallocate()
        globals.deinitialize(count: max(1, program.globalCount))
        globals.deallocate()
    }

    /// Clears the values left from the previous sample so they are freed now, not later.
    func reset() {
        for index in 0..<max(1, program.globalCount) { globals[index] = .null }
    }

    /// Clears the operand stack after an evaluation.
    func clearStack(upTo count: Int) {
        for index in 0..<min(count, stackCapacity) { stack[index] = .null }
    }

    /// Runs chunk number `entry` (see `Program.chunk(_:)`) to completion and returns its result.
    func run(entry: Int) throws(RuntimeError) -> Value {
        var frames: [Frame] = []
        var chunkIndex = entry
        // The chunk itself is looked up only where an instruction needs more than its code and
        // constants (calls, conversions): a struct of arrays held across the loop costs copies
        // at every step.
        let entryChunk = program.chunk(chunkIndex)
        var code = UnsafePointer(program.codePointers[chunkIndex].baseAddress!)
        var constants = UnsafePointer(program.constantPointers[chunkIndex].baseAddress!)
        var ip = 0
        var base = 0
        var sp = entryChunk.localCount
        var highWater = sp
        for slot in 0..<entryChunk.localCount { stack[slot] = .null }
        // Hot state lives in locals: class properties would pay for dynamic exclusivity checks.
        let inputs = inputValues
        let context = self.context
        var listAccumulators: [[Value]] = []
        var mapAccumulators: [OrderedDictionary<String, Value>] = []
        var fuel = context.fuel
        var nextClockCheck = context.nextClockCheck
        let depthLimit = context.limits.maxValueDepth
        defer {
            context.fuel = fuel
            clearStack(upTo: highWater + 1)
        }
        do throws(RuntimeError) {
            while true {
                let instruction = code[ip]
                ip += 1
                switch instruction.opcode {
                case .constant:
                    stack[sp] = constants[Int(instruction.a)]
                    sp += 1
                case .null:
                    stack[sp] = .null
                    sp += 1
                case .true:
                    stack[sp] = .bool(true)
                    sp += 1
                case .false:
                    stack[sp] = .bool(false)
                    sp += 1
                case .loadGlobal:
                    stack[sp] = globals[Int(instruction.a)]
                    sp += 1
                case .storeGlobal:
                    sp -= 1
                    globals[Int(instruction.a)] = stack[sp]
                case .loadLocal:
                    stack[sp] = stack[base + Int(instruction.a)]
                    sp += 1
                case .storeLocal:
                    sp -= 1
                    stack[base + Int(instruction.a)] = stack[sp]
                case .pop:
                    sp -= 1
                case .loadInput:
                    if let value = inputs[Int(instruction.a)] {
                        stack[sp] = value
                        sp += 1
                    } else if instruction.b != 0 {
                        ip += Int(instruction.b)
                    } else {
                        let input = program.inputs[Int(instruction.a)]
                        throw RuntimeError(.missingInput, "the sample has no value for required input '\(input.name)' (path \(input.pathDescription))")
                    }

                case .addFloat:
                    sp -= 1
                    if case .float(let a) = stack[sp - 1], case .float(let b) = stack[sp] {
                        stack[sp - 1] = .float(a + b)
                    } else {
                        stack[sp - 1] = try Arithmetic.add(stack[sp - 1], stack[sp], context)
                    }
                case .subtractFloat:
                    sp -= 1
                    if case .float(let a) = stack[sp - 1], case .float(let b) = stack[sp] {
                        stack[sp - 1] = .float(a - b)
                    } else {
                        stack[sp - 1] = try Arithmetic.subtract(stack[sp - 1], stack[sp])
                    }
                case .multiplyFloat:
                    sp -= 1
                    if case .float(let a) = stack[sp - 1], case .float(let b) = stack[sp] {
                        stack[sp - 1] = .float(a * b)
                    } else {
                        stack[sp - 1] = try Arithmetic.multiply(stack[sp - 1], stack[sp], context)
                    }
                case .divideFloat:
                    sp -= 1
                    if case .float(let a) = stack[sp - 1], case .float(let b) = stack[sp], b != 0 {
                        stack[sp - 1] = .float(a / b)
                    } else {
                        stack[sp - 1] = try Arithmetic.divide(stack[sp - 1], stack[sp])
                    }
                case .addInt:
                    sp -= 1
                    if case .int(let a) = stack[sp - 1], case .int(let b) = stack[sp] {
                        stack[sp - 1] = try Arithmetic.addInts(a, b)
                    } else {
                        stack[sp - 1] = try Arithmetic.add(stack[sp - 1], stack[sp], context)
                    }
                case .subtractInt:
                    sp -= 1
                    if case .int(let a) = stack[sp - 1], case .int(let b) = stack[sp] {
                        stack[sp - 1] = try Arithmetic.subtractInts(a, b)
                    } else {
                        stack[sp - 1] = try Arithmetic.subtract(stack[sp - 1], stack[sp])
                    }
                case .multiplyInt:
                    sp -= 1
                    if case .int(let a) = stack[sp - 1], case .int(let b) = stack[sp] {
                        stack[sp - 1] = try Arithmetic.multiplyInts(a, b)
                    } else {
                        stack[sp - 1] = try Arithmetic.multiply(stack[sp - 1], stack[sp], context)
                    }
                case .add:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.add(stack[sp - 1], stack[sp], context)
                case .subtract:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.subtract(stack[sp - 1], stack[sp])
                case .multiply:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.multiply(stack[sp - 1], stack[sp], context)
                case .divide:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.divide(stack[sp - 1], stack[sp])
                case .floorDivide:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.floorDivide(stack[sp - 1], stack[sp])
                case .modulo:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.modulo(stack[sp - 1], stack[sp])
                case .power:
                    sp -= 1
                    stack[sp - 1] = try Arithmetic.power(stack[sp - 1], stack[sp])
                case .negate:
                    stack[sp - 1] = try Arithmetic.negate(stack[sp - 1])
                case .not:
                    guard case .bool(let flag) = stack[sp - 1] else {
                        throw RuntimeError(.typeError, "'not' needs a bool, not \(stack[sp - 1].typeName)")
                    }
                    stack[sp - 1] = .bool(!flag)

                case .equal:
                    sp -= 1
                    stack[sp - 1] = .bool(try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Equality.equal(stack[sp - 1], stack[sp], context)
                    })
                case .notEqual:
                    sp -= 1
                    stack[sp - 1] = .bool(!(try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Equality.equal(stack[sp - 1], stack[sp], context)
                    }))
                case .less, .lessEqual, .greater, .greaterEqual:
                    sp -= 1
                    let order = try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Arithmetic.compare(stack[sp - 1], stack[sp], context)
                    }
                    stack[sp - 1] = .bool(Comparison(instruction.opcode)!.holds(order))
                case .compareJump:
                    sp -= 2
                    let order = try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Arithmetic.compare(stack[sp], stack[sp + 1], context)
                    }
                    if !Comparison(rawValue: instruction.b)!.holds(order) { ip += Int(instruction.a) }
                case .contains:
                    sp -= 1
                    stack[sp - 1] = .bool(try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Arithmetic.contains(stack[sp], stack[sp - 1], context)
                    })
                case .notContains:
                    sp -= 1
                    stack[sp - 1] = .bool(!(try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        try Arithmetic.contains(stack[sp], stack[sp - 1], context)
                    }))

                case .jump:
                    ip += Int(instruction.a)
                case .jumpIfFalse:
                    sp -= 1
                    guard case .bool(let flag) = stack[sp] else { throw conditionError(stack[sp]) }
                    if !flag { ip += Int(instruction.a) }
                case .jumpIfFalseOrPop:
                    guard case .bool(let flag) = stack[sp - 1] else { throw conditionError(stack[sp - 1]) }
                    if flag { sp -= 1 } else { ip += Int(instruction.a) }
                case .jumpIfTrueOrPop:
                    guard case .bool(let flag) = stack[sp - 1] else { throw conditionError(stack[sp - 1]) }
                    if flag { ip += Int(instruction.a) } else { sp -= 1 }
                case .jumpIfNotNullOrPop:
                    if case .null = stack[sp - 1] { sp -= 1 } else { ip += Int(instruction.a) }

                case .call:
                    try charge(FuelRates.functionCall, &fuel, &nextClockCheck)
                    let argumentCount = Int(instruction.b)
                    frames.append(Frame(chunk: chunkIndex, ip: ip, base: base))
                    chunkIndex = Int(instruction.a) + 1
                    let chunk = program.chunk(chunkIndex)
                    code = UnsafePointer(program.codePointers[chunkIndex].baseAddress!)
                    constants = UnsafePointer(program.constantPointers[chunkIndex].baseAddress!)
                    ip = 0
                    base = sp - argumentCount
                    for slot in argumentCount..<max(argumentCount, chunk.localCount) { stack[base + slot] = .null }
                    sp = base + chunk.localCount
                    highWater = max(highWater, sp + chunk.maxStack)
                case .callBuiltin:
                    let argumentCount = Int(instruction.b)
                    let builtin = program.builtins[Int(instruction.a)]
                    context.fuel = fuel
                    let result = try builtin(UnsafeBufferPointer(start: stack + sp - argumentCount,
                                                                 count: argumentCount), context)
                    try ValueDepth.check(result, limit: depthLimit, context)
                    fuel = context.fuel
                    nextClockCheck = context.nextClockCheck
                    sp -= argumentCount
                    stack[sp] = result
                    sp += 1
                case .callHost:
                    let argumentCount = Int(instruction.b)
                    let arguments = Array(UnsafeBufferPointer(start: stack + sp - argumentCount, count: argumentCount))
                    context.fuel = fuel
                    let result = try callHost(Int(instruction.a), arguments)
                    fuel = context.fuel
                    nextClockCheck = context.nextClockCheck
                    sp -= argumentCount
                    stack[sp] = result
                    sp += 1
                case .return:
                    let result = stack[sp - 1]
                    guard let caller = frames.popLast() else { return result }
                    sp = base
                    stack[sp] = result
                    sp += 1
                    chunkIndex = caller.chunk
                    code = UnsafePointer(program.codePointers[chunkIndex].baseAddress!)
                    constants = UnsafePointer(program.constantPointers[chunkIndex].baseAddress!)
                    ip = caller.ip
                    base = caller.base

                case .buildList:
                    let count = Int(instruction.a)
                    try context.allocate(16 * count + 32)
                    let items = Array(UnsafeBufferPointer(start: stack + sp - count, count: count))
                    try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                        for item in items { try ValueDepth.checkElement(item, limit: depthLimit, context) }
                    }
                    sp -= count
                    stack[sp] = .list(items)
                    sp += 1
                case .buildMap:
                    let count = Int(instruction.a)
                    try context.allocate(48 * count + 64)
                    var entries = OrderedDictionary<String, Value>(minimumCapacity: count)
                    var cursor = sp - 2 * count
                    while cursor < sp {
                        guard case .string(let key) = stack[cursor] else {
                            throw RuntimeError(.typeError, "map keys must be strings, not \(stack[cursor].typeName)")
                        }
                        try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                            try ValueDepth.checkElement(stack[cursor + 1], limit: depthLimit, context)
                        }
                        entries[key] = stack[cursor + 1]
                        cursor += 2
                    }
                    sp -= 2 * count
                    stack[sp] = .map(entries)
                    sp += 1
                case .beginList:
                    listAccumulators.append([])
                case .appendList:
                    sp -= 1
                    try context.allocate(16)
                    if ValueDepth.isContainer(stack[sp]) {
                        try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                            try ValueDepth.checkElement(stack[sp], limit: depthLimit, context)
                        }
                    }
                    listAccumulators[listAccumulators.count - 1].append(stack[sp])
                case .beginMap:
                    mapAccumulators.append([:])
                case .insertMap:
                    sp -= 2
                    guard case .string(let key) = stack[sp] else {
                        throw RuntimeError(.typeError, "map keys must be strings, not \(stack[sp].typeName)")
                    }
                    try context.allocate(48)
                    if ValueDepth.isContainer(stack[sp + 1]) {
                        try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                            try ValueDepth.checkElement(stack[sp + 1], limit: depthLimit, context)
                        }
                    }
                    mapAccumulators[mapAccumulators.count - 1][key] = stack[sp + 1]
                case .endAccumulator:
                    if instruction.a == 1 {
                        stack[sp] = .map(mapAccumulators.removeLast())
                    } else {
                        stack[sp] = .list(listAccumulators.removeLast())
                    }
                    sp += 1

                case .iterPrepare:
                    sp -= 1
                    let slot = base + Int(instruction.a)
                    stack[slot] = try iterationList(stack[sp], pairs: instruction.b == 1)
                    stack[slot + 1] = .int(0)
                case .iterNext:
                    let slot = base + Int(instruction.a)
                    guard case .list(let items) = stack[slot], case .int(let position) = stack[slot + 1] else {
                        throw RuntimeError(.typeError, "corrupt iteration state")
                    }
                    if position < items.count {
                        try charge(FuelRates.iteration, &fuel, &nextClockCheck)
                        if instruction.c >= 0 {
                            stack[base + Int(instruction.c)] = items[position]
                        } else {
                            stack[sp] = items[position]
                            sp += 1
                        }
                        stack[slot + 1] = .int(position + 1)
                    } else {
                        stack[slot] = .null
                        ip += Int(instruction.b)
                    }
                case .loop:
                    ip -= Int(instruction.a)
                case .unpackPair:
                    guard case .list(let pair) = stack[sp - 1], pair.count == 2 else {
                        throw RuntimeError(.typeError, "two loop variables need two-element lists, got \(describeShape(stack[sp - 1]))")
                    }
                    stack[sp - 1] = pair[0]
                    stack[sp] = pair[1]
                    sp += 1

                case .interpolate:
                    let count = Int(instruction.a)
                    var text = ""
                    for index in (sp - count)..<sp {
                        if case .string(let part) = stack[index] {
                            text += part
                        } else {
                            text += try metered(&fuel, &nextClockCheck) { () throws(RuntimeError) in
                                try displayString(stack[index], context)
                            }
                        }
                    }
                    try context.allocate(text.utf8.count + 16)
                    sp -= count
                    stack[sp] = .string(text)
                    sp += 1
                case .field:
                    guard case .string(let name) = constants[Int(instruction.a)] else { break }
                    stack[sp - 1] = try field(stack[sp - 1], name)
                case .index:
                    sp -= 1
                    stack[sp - 1] = try Indexing.index(stack[sp - 1], stack[sp])
                case .slice:
                    let hasStart = instruction.a == 1
                    let hasEnd = instruction.b == 1
                    let operandCount = (hasStart ? 1 : 0) + (hasEnd ? 1 : 0)
                    let container = stack[sp - 1 - operandCount]
                    let start = hasStart ? stack[sp - operandCount] : .null
                    let end = hasEnd ? stack[sp - 1] : .null
                    sp -= operandCount
                    stack[sp - 1] = try Indexing.slice(container, start, end, context)
                case .toScore:
                    if instruction.a == 1, case .null = stack[sp - 1] { break }
                    stack[sp - 1] = try scoreValue(stack[sp - 1])
                case .collect:
                    guard let collect = collector else {
                        throw RuntimeError(.invalidSample, "group(...) and batch(...) need a batch evaluation")
                    }
                    stack[sp] = try collect(Int(instruction.a), instruction.b == 1 ? .batch : .group)
                    sp += 1
                case .convert:
                    let type = program.chunk(chunkIndex).types[Int(instruction.a)]
                    switch InputBinding.convert(stack[sp - 1], to: type, limit: depthLimit) {
                    case .success(let converted): stack[sp - 1] = converted
                    case .failure(let problem):
                        let code: RuntimeErrorCode = stack[sp - 1].isNull ? .nullValue : .typeError
                        throw RuntimeError(code, "declared type not met: \(problem.reason)")
                    }
                }
            }
        } catch {
            var located = error
            if located.offset == nil {
                let offsets = program.chunk(chunkIndex).offsets
                if ip > 0 && ip - 1 < offsets.count { located.offset = Int(offsets[ip - 1]) }
            }
            if let offset = located.offset, offset >= FunctionLibrary.baseOffset {
                located = locateInCaller(located, function: program.chunk(chunkIndex).name, frames: frames)
            }
            throw located
        }
    }
}
