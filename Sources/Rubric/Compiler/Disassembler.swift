import RubricSemantics
/// Prints bytecode in a readable form: one instruction per line with its index, the source
/// line it came from (shown only when it changes, as clox does), the opcode, its operands and
/// what they refer to.
public enum Disassembler {
    /// Disassembles every chunk of `program`: the main program, then each function.
    public static func disassemble(_ program: Program) -> String {
        var out = disassemble(program.mainChunk, program: program)
        for chunk in program.laterStageChunks + Array(program.functionChunks) {
            out += "\n" + disassemble(chunk, program: program)
        }
        return out
    }

    /// Disassembles one chunk.
    public static func disassemble(_ chunk: Chunk, program: Program) -> String {
        var lines = ["== \(chunk.name) (locals \(chunk.localCount), stack \(chunk.maxStack)) =="]
        var previousLine = -1
        for (index, instruction) in chunk.code.enumerated() {
            let offset = Int(chunk.offsets[index])
            // Library code shows its line in the library module, marked with 's'.
            let inLibrary = offset >= FunctionLibrary.baseOffset
            let line = inLibrary ? StandardLibrary.locate(offset).location.line : program.source.line(of: offset)
            let lineColumn = line == previousLine ? "   |" : pad(inLibrary ? "s\(line)" : String(line), 4)
            previousLine = line
            let name = pad("\(instruction.opcode)", -19) + " "
            let detail = describe(instruction, at: index, in: chunk, program: program)
            lines.append("\(pad(String(index), 4)) \(lineColumn) \(name)\(detail)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Describes an instruction's operands in terms of what they refer to.
    static func describe(_ instruction: Instruction, at index: Int, in chunk: Chunk, program: Program) -> String {
        let a = Int(instruction.a)
        let b = Int(instruction.b)
        switch instruction.opcode {
        case .constant, .field:
            return "\(a)  ; \(JSON.serialize(chunk.constants[a]))"
        case .loadGlobal, .storeGlobal:
            return "\(a)  ; \(program.globalNames[a])"
        case .loadLocal, .storeLocal:
            return "\(a)"
        case .loadInput:
            let input = program.inputs[a]
            return b == 0 ? "\(a)  ; \(input.pathDescription)" : "\(a) \(b)  ; \(input.pathDescription), default at \(index + 1 + b)"
        case .jump, .jumpIfFalse, .jumpIfFalseOrPop, .jumpIfTrueOrPop, .jumpIfNotNullOrPop:
            return "\(a)  ; to \(index + 1 + a)"
        case .loop:
            return "\(a)  ; to \(index + 1 - a)"
        case .iterNext:
            let target = instruction.c >= 0 ? ", into local \(instruction.c)" : ""
            return "\(a) \(b)  ; done: to \(index + 1 + b)\(target)"
        case .compareJump:
            let comparison = Comparison(rawValue: instruction.b)?.symbol ?? "?"
            return "\(a) \(b)  ; unless \(comparison): to \(index + 1 + a)"
        case .iterPrepare:
            return b == 1 ? "\(a)  ; pairs" : "\(a)"
        case .call:
            return "\(a) \(b)  ; \(program.functionChunks[program.functionChunks.startIndex + a].name)"
        case .callBuiltin:
            return "\(a) \(b)  ; \(BuiltinLibrary.all[a].name)"
        case .callHost:
            let declared = program.hostDeclarations[a]
            return "\(a) \(b)  ; host \(declared.name)\(program.hostFunctions[a] == nil ? " (not registered)" : "")"
        case .buildList, .buildMap, .interpolate:
            return "\(a)"
        case .slice:
            return "\(a) \(b)"
        case .convert:
            return "\(a)  ; \(chunk.types[a])"
        case .endAccumulator:
            return a == 1 ? "map" : "list"
        case .collect:
            return "\(a) \(b)  ; \(b == 1 ? "batch" : "group") of global \(a)"
        case .toScore:
            return a == 1 ? "\(a)  ; null skips" : ""
        default:
            return ""
        }
    }

    /// Pads `text` to `width` characters: on the left for positive widths, on the right for negative.
    static func pad(_ text: String, _ width: Int) -> String {
        text.padded(to: width)
    }
}
