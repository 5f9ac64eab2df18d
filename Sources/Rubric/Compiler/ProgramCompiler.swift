import RubricSemantics
import RubricSyntax

/// Compiles a checked program: one chunk per stage (inputs, lets, scores, reward in source
/// order; a stage after 0 holds the bindings that read `group(e)`/`batch(e)`), one chunk per
/// function, and chunks for each example's values and expectations.
enum ProgramCompiler {
    static func compile(_ program: CheckedProgram) -> CompiledCode {
        let stages = (0..<program.stageCount).map { stage in
            stageChunk(program, stage: stage, name: stage == 0 ? "<main>" : "<stage \(stage)>")
        }
        let functions = program.functions.map { function -> Chunk in
            var compiler = ChunkCompiler(name: function.name, program: program, localCount: function.localCount,
                                         parameterCount: function.parameterNames.count)
            for (slot, value) in function.locals {
                compiler.expression(value)
                compiler.emit(.storeLocal, slot, effect: -1)
            }
            compiler.expression(function.body)
            compiler.emit(.return, effect: -1)
            return compiler.chunk
        }

        let examples = program.examples.map { example in
            CompiledExample(
                name: example.name,
                range: example.range,
                assignments: example.assignments.map { assignment in
                    (assignment.input, expressionChunk("<example value>", assignment.value, program,
                                                       localCount: assignment.localCount))
                },
                expectations: example.expectations.map { expectation in
                    (expressionChunk("<expect>", expectation.condition, program, localCount: expectation.localCount),
                     expectation.range)
                },
                expectsError: example.expectsError.map { ($0.code, $0.range) })
        }
        return CompiledCode(stages: stages, functions: functions, examples: examples)
    }

    /// Compiles the steps of one stage, in source order, into a chunk.
    static func stageChunk(_ program: CheckedProgram, stage: Int, name: String) -> Chunk {
        var main = ChunkCompiler(name: name, program: program, localCount: program.mainLocalCount)
        for step in program.steps where step.stage == stage {
            switch step {
            case .input(let index):
                let input = program.inputs[index]
                main.currentOffset = Int32(clamping: input.range.start)
                if let defaultValue = input.defaultValue {
                    let toDefault = main.emit(.loadInput, index, 0, effect: 1)
                    let toEnd = main.emit(.jump, effect: -1)
                    main.chunk.code[toDefault].b = Int32(toEnd - toDefault)
                    main.expression(defaultValue)
                    main.patchJump(toEnd)
                } else {
                    main.emit(.loadInput, index, 0, effect: 1)
                }
                main.currentOffset = Int32(clamping: input.range.start)
                main.emit(.storeGlobal, input.slot, effect: -1)
            case .bind(let slot, let value, _):
                main.expression(value)
                main.currentOffset = Int32(clamping: value.range.start)
                main.emit(.storeGlobal, slot, effect: -1)
            }
        }
        main.emit(.null, effect: 1)
        main.emit(.return, effect: -1)
        return main.chunk
    }

    /// Compiles a standalone expression that returns its value.
    static func expressionChunk(_ name: String, _ expr: TypedExpr, _ program: CheckedProgram,
                                localCount: Int) -> Chunk {
        var compiler = ChunkCompiler(name: name, program: program, localCount: localCount)
        compiler.expression(expr)
        compiler.emit(.return, effect: -1)
        return compiler.chunk
    }
}

/// A compiled example: code that produces each input value, and each expectation.
struct CompiledExample: Sendable {
    var name: String
    var range: SourceRange
    var assignments: [(input: Int, chunk: Chunk)]
    var expectations: [(chunk: Chunk, range: SourceRange)]
    var expectsError: (code: String?, range: SourceRange)?
}

/// An example of a loaded program, with its code referred to by chunk number.
public struct ExampleSpec: Sendable {
    public var name: String
    public var range: SourceRange
    public var assignments: [(input: Int, chunk: Int)]
    public var expectations: [(chunk: Int, range: SourceRange)]
    public var expectsError: (code: String?, range: SourceRange)?
}

/// All the bytecode of a program.
struct CompiledCode: Sendable {
    /// One chunk per stage; stage 0 reads the inputs.
    var stages: [Chunk]
    var functions: [Chunk]
    var examples: [CompiledExample]
}
