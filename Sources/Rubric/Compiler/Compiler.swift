import RubricSemantics
import RubricSyntax

/// Compiles one chunk's worth of typed tree into bytecode. It tracks the operand stack
/// depth as it emits, so each chunk knows exactly how much stack it needs; since functions
/// cannot recurse, the whole program's stack need is known before it runs.
struct ChunkCompiler {
    var chunk: Chunk
    let program: CheckedProgram
    /// Current operand stack depth above the frame's locals.
    var depth = 0
    /// Next hidden local slot for iteration state; starts after the checker's variables.
    var nextHiddenSlot: Int
    /// Offset attached to instructions being emitted.
    var currentOffset: Int32 = 0
    /// Where constants already in the pool live, so each is stored once per chunk.
    var constantIndex: [Constant: Int] = [:]
    /// The code position that a patched jump targets most recently: an instruction there
    /// starts a new basic block and must not be fused with the one before it.
    var lastJumpTarget = -1

    init(name: String, program: CheckedProgram, localCount: Int, parameterCount: Int = 0) {
        chunk = Chunk(name: name)
        chunk.localCount = localCount
        chunk.parameterCount = parameterCount
        self.program = program
        nextHiddenSlot = localCount
    }

    /// Appends an instruction whose stack effect is `effect`, returning its index.
    @discardableResult
    mutating func emit(_ opcode: Opcode, _ a: Int = 0, _ b: Int = 0, c: Int = -1, effect: Int) -> Int {
        chunk.code.append(Instruction(opcode, Int32(a), Int32(b), c: Int16(c)))
        chunk.offsets.append(currentOffset)
        depth += effect
        chunk.maxStack = max(chunk.maxStack, depth)
        return chunk.code.count - 1
    }

    /// Points the forward jump at `index` to the next instruction to be emitted.
    mutating func patchJump(_ index: Int, inOperandB: Bool = false) {
        lastJumpTarget = chunk.code.count
        let distance = Int32(chunk.code.count - index - 1)
        if inOperandB { chunk.code[index].b = distance } else { chunk.code[index].a = distance }
    }

    /// Emits a jump taken when the top of the stack is false, fusing it with an ordering
    /// comparison just before it (`a < b` then jump) when nothing jumps between the two.
    mutating func emitJumpIfFalse() -> Int {
        let previous = chunk.code.count - 1
        if previous >= 0, lastJumpTarget != chunk.code.count,
           let comparison = Comparison(chunk.code[previous].opcode) {
            chunk.code[previous] = Instruction(.compareJump, 0, comparison.rawValue)
            depth -= 1
            return previous
        }
        return emit(.jumpIfFalse, effect: -1)
    }

    mutating func addConstant(_ constant: Constant) -> Int {
        if let index = constantIndex[constant] { return index }
        chunk.constants.append(Value(constant))
        constantIndex[constant] = chunk.constants.count - 1
        return chunk.constants.count - 1
    }

    mutating func emitConstant(_ constant: Constant) {
        switch constant {
        case .null: emit(.null, effect: 1)
        case .bool(true): emit(.true, effect: 1)
        case .bool(false): emit(.false, effect: 1)
        default: emit(.constant, addConstant(constant), effect: 1)
        }
    }

    /// Reserves two hidden locals for a loop's iteration state.
    mutating func hiddenSlots() -> Int {
        let slot = nextHiddenSlot
        nextHiddenSlot += 2
        chunk.localCount = max(chunk.localCount, nextHiddenSlot)
        return slot
    }

    /// Emits code leaving the value of `expr` on the stack.
    mutating func expression(_ original: TypedExpr) {
        let expr = ConstantFolder.fold(original)
        let savedOffset = currentOffset
        currentOffset = Int32(clamping: expr.range.start)
        defer { currentOffset = savedOffset }
        switch expr.kind {
        case .constant(let value):
            emitConstant(value)
        case .global(let slot):
            emit(.loadGlobal, slot, effect: 1)
        case .local(let slot):
            emit(.loadLocal, slot, effect: 1)
        case .interpolation(let parts):
            for part in parts { expression(part) }
            emit(.interpolate, parts.count, effect: 1 - parts.count)
        case .list(let elements):
            for element in elements { expression(element) }
            emit(.buildList, elements.count, effect: 1 - elements.count)
        case .map(let keys, let values):
            for (key, value) in zip(keys, values) {
                expression(key)
                expression(value)
            }
            emit(.buildMap, keys.count, effect: 1 - 2 * keys.count)
        case .comprehension(let kind, let element, let value, let clauses):
            comprehension(kind, element: element, value: value, clauses: clauses)
        case .unary(let op, let operand):
            expression(operand)
            switch op {
            case .negate: emit(.negate, effect: 0)
            case .not: emit(.not, effect: 0)
            case .plus: break
            }
        case .binary(let op, let lhs, let rhs):
            binary(op, lhs, rhs)
        case .conditional(let condition, let thenBranch, let elseBranch):
            expression(condition)
            let toElse = emitJumpIfFalse()
            expression(thenBranch)
            let toEnd = emit(.jump, effect: -1)
            patchJump(toElse)
            expression(elseBranch)
            patchJump(toEnd)
        case .callFunction(let index, let arguments):
            for argument in arguments { expression(argument) }
            emit(.call, index, arguments.count, effect: 1 - arguments.count)
        case .callBuiltin(let name, let arguments):
            for argument in arguments { expression(argument) }
            let index = BuiltinLibrary.indexByName[name]!
            emit(.callBuiltin, index, arguments.count, effect: 1 - arguments.count)
        case .callHost(let index, let arguments):
            for argument in arguments { expression(argument) }
            emit(.callHost, index, arguments.count, effect: 1 - arguments.count)
        case .field(let base, let name):
            expression(base)
            // A failed field read points at the field's name, the last thing in the range.
            currentOffset = Int32(clamping: max(expr.range.start, expr.range.end - name.utf8.count))
            emit(.field, addConstant(.string(name)), effect: 0)
        case .index(let base, let index):
            expression(base)
            expression(index)
            emit(.index, effect: -1)
        case .slice(let base, let start, let end):
            expression(base)
            if let start { expression(start) }
            if let end { expression(end) }
            let count = (start == nil ? 0 : 1) + (end == nil ? 0 : 1)
            emit(.slice, start == nil ? 0 : 1, end == nil ? 0 : 1, effect: -count)
        case .toScore(let inner, let nullSkips):
            expression(inner)
            // Always converted: a float-typed expression may still hold an int at run time
            // (an `any` operand, or a branch of a mixed conditional).
            emit(.toScore, nullSkips ? 1 : 0, effect: 0)
        case .collect(let slot, let scope):
            emit(.collect, slot, scope == .batch ? 1 : 0, effect: 1)
        case .convert(let inner, let type):
            expression(inner)
            chunk.types.append(type)
            emit(.convert, chunk.types.count - 1, effect: 0)
        }
    }

    mutating func binary(_ op: BinaryOperator, _ lhs: TypedExpr, _ rhs: TypedExpr) {
        switch op {
        case .and, .or, .coalesce:
            expression(lhs)
            let opcode: Opcode = op == .and ? .jumpIfFalseOrPop : op == .or ? .jumpIfTrueOrPop : .jumpIfNotNullOrPop
            let jump = emit(opcode, effect: -1)
            expression(rhs)
            patchJump(jump)
            return
        default:
            break
        }
        expression(lhs)
        expression(rhs)
        let bothFloat = lhs.type == .float && rhs.type == .float
        let bothInt = lhs.type == .int && rhs.type == .int
        let opcode: Opcode
        switch op {
        case .add: opcode = bothFloat ? .addFloat : bothInt ? .addInt : .add
        case .subtract: opcode = bothFloat ? .subtractFloat : bothInt ? .subtractInt : .subtract
        case .multiply: opcode = bothFloat ? .multiplyFloat : bothInt ? .multiplyInt : .multiply
        case .divide: opcode = bothFloat ? .divideFloat : .divide
        case .floorDivide: opcode = .floorDivide
        case .modulo: opcode = .modulo
        case .power: opcode = .power
        case .equal: opcode = .equal
        case .notEqual: opcode = .notEqual
        case .less: opcode = .less
        case .lessEqual: opcode = .lessEqual
        case .greater: opcode = .greater
        case .greaterEqual: opcode = .greaterEqual
        case .in: opcode = .contains
        case .notIn: opcode = .notContains
        case .and, .or, .coalesce: fatalError("handled above")
        }
        emit(opcode, effect: -1)
    }

    /// Compiles a comprehension as nested loops feeding an accumulator.
    mutating func comprehension(_ kind: ComprehensionKind, element: TypedExpr, value: TypedExpr?,
                                clauses: [TypedClause]) {
        emit(kind == .list ? .beginList : .beginMap, effect: 0)
        // For each open loop: the index of its iterNext and of the filters that skip to its back-edge.
        var loops: [(next: Int, skips: [Int])] = []
        for clause in clauses {
            switch clause {
            case .forIn(let slots, let iterable):
                expression(iterable)
                let state = hiddenSlots()
                emit(.iterPrepare, state, slots.count == 2 ? 1 : 0, effect: -1)
                let next: Int
                if slots.count == 2 {
                    next = emit(.iterNext, state, 0, effect: 1)
                    emit(.unpackPair, effect: 1)
                    emit(.storeLocal, slots[1], effect: -1)
                    emit(.storeLocal, slots[0], effect: -1)
                } else {
                    // One variable: the element goes straight into its slot.
                    next = emit(.iterNext, state, 0, c: slots[0], effect: 0)
                }
                loops.append((next, []))
            case .filter(let condition):
                expression(condition)
                loops[loops.count - 1].skips.append(emitJumpIfFalse())
            }
        }
        expression(element)
        if let value {
            expression(value)
            emit(.insertMap, effect: -2)
        } else {
            emit(.appendList, effect: -1)
        }
        for loop in loops.reversed() {
            for skip in loop.skips { patchJump(skip) }
            let back = chunk.code.count - loop.next + 1
            emit(.loop, back, effect: 0)
            // The exhausted path of iterNext pushes nothing, so it joins here at the same depth.
            patchJump(loop.next, inOperandB: true)
        }
        emit(.endAccumulator, kind == .map ? 1 : 0, effect: 1)
    }
}

extension Value {
    /// The runtime value of a compile-time constant.
    init(_ constant: Constant) {
        switch constant {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .int(value)
        case .float(let value): self = .float(value)
        case .string(let value): self = .string(value)
        }
    }
}
