import RubricSemantics
import RubricSyntax

/// A compiled rubric: immutable, thread-safe and shareable. Compile once, then evaluate
/// many samples with one `Evaluator` per thread. (It is `@unchecked Sendable` only because
/// it owns raw copies of its bytecode, which are written once in init and never again.)
public final class Program: @unchecked Sendable {
    /// The source the program was compiled from.
    public let source: SourceFile
    /// The rubric's declared name (`rubric NAME …`), if any.
    public let name: String?
    /// The rubric's declared description, if any.
    public let summary: String?
    /// The inputs the rubric reads, in declaration order.
    public let inputs: [InputSpec]
    /// Score names in declaration order.
    public let scoreNames: [String]
    let scoreSlots: [Int]
    let rewardSlot: Int
    /// Globals holding `steps = …`, `latent = …` and `group = …`, when declared.
    let stepsSlot: Int?
    let latentSlot: Int?
    let groupKeySlot: Int?
    /// The reward reported for a failed sample (nil: skip).
    public let fallback: Double?
    /// The stage of each global; a sample that fails in stage k has no values from then on.
    let globalStages: [Int]
    /// Chunk index of each stage; stage 0 is chunk 0 (the main program).
    let stageChunks: [Int]
    /// When the rubric's `group = …` is a plain input, that input's path in the sample: a
    /// streaming host can then form groups before evaluating anything.
    public let groupKeyPath: [PathSegment]?
    /// True when the rubric reads `batch(e)`, so its batch must be chosen by the host.
    public let usesBatch: Bool
    /// Where `steps = …` and `latent = …` are declared, for errors about their values.
    let stepsOffset: Int?
    let latentOffset: Int?
    /// Where `group = …` is declared, for errors about its value.
    let groupKeyOffset: Int?
    let globalCount: Int
    /// The names of every global binding (inputs, lets, scores, reward), in slot order.
    public let globalNames: [String]
    /// The static type of each global, as the checker inferred it (same order as `globalNames`).
    public let globalTypes: [RType]
    /// Chunk 0 is the main program (stage 0); chunk i + 1 is function i; example code and
    /// later stages follow.
    let chunks: [Chunk]
    let functionCount: Int
    /// The rubric's `example` blocks, compiled.
    public let examples: [ExampleSpec]
    /// Where each input is declared, for errors about its value.
    let inputRanges: [SourceRange]
    /// Warnings found while checking (errors prevent a Program from existing).
    public let warnings: [Diagnostic]
    /// What `check` proved about the rubric: ranges, the cost bound and lints.
    public let analysis: StaticAnalysis
    /// Each chunk's code and constants copied to memory the program owns, so the VM's
    /// dispatch loop reads them through plain pointers (no bounds checks or reference
    /// counting per instruction). Immutable after init; freed in deinit.
    let codePointers: [UnsafeMutableBufferPointer<Instruction>]
    let constantPointers: [UnsafeMutableBufferPointer<Value>]
    /// Operand stack slots a VM needs: the largest entry frame plus every function's frame.
    let stackCapacity: Int
    let builtins: [BuiltinBody]
    /// The limits the program was compiled with, which evaluators apply unless given others.
    public let limits: Limits
    /// The host functions the rubric declares, in declaration order.
    public let hostDeclarations: [HostSignature]
    /// The registered function behind each declaration; nil where the program was compiled
    /// without a host, so a call fails with E1220.
    let hostFunctions: [HostFunction?]

    /// The declared host functions that no host registered: calling them fails per sample.
    public var unboundHostFunctions: [String] {
        zip(hostDeclarations, hostFunctions).filter { $0.1 == nil }.map(\.0.name)
    }

    init(checked: CheckedProgram, code: CompiledCode, warnings: [Diagnostic], analysis: StaticAnalysis,
         limits: Limits, host: HostEnvironment) {
        self.analysis = analysis
        source = checked.source
        name = checked.name
        summary = checked.description
        inputs = checked.inputs.map { InputSpec(name: $0.name, path: $0.path, type: $0.type,
                                                hasDefault: $0.defaultValue != nil) }
        scoreNames = checked.scores.map(\.name)
        scoreSlots = checked.scores.map(\.slot)
        rewardSlot = checked.rewardSlot ?? 0
        globalCount = checked.globals.count
        globalNames = checked.globals.map(\.name)
        globalTypes = checked.globals.map(\.type)
        stepsSlot = checked.stepsSlot
        latentSlot = checked.latentSlot
        groupKeySlot = checked.groupKeySlot
        fallback = checked.fallback
        var stages = [Int](repeating: 0, count: checked.globals.count)
        for case .bind(let slot, _, let stage) in checked.steps { stages[slot] = stage }
        globalStages = stages
        var keyPath: [PathSegment]?
        for case .bind(let slot, let value, _) in checked.steps where slot == checked.groupKeySlot {
            if case .global(let source) = value.kind, let input = checked.inputs.first(where: { $0.slot == source }) {
                keyPath = input.path
            }
        }
        groupKeyPath = keyPath
        usesBatch = code.stages.contains { stage in
            stage.code.contains { $0.opcode == .collect && $0.b == 1 }
        }
        stepsOffset = checked.stepsSlot.map { checked.globals[$0].range.start }
        latentOffset = checked.latentSlot.map { checked.globals[$0].range.start }
        groupKeyOffset = checked.groupKeySlot.map { checked.globals[$0].range.start }
        var chunks = [code.stages[0]] + code.functions
        functionCount = code.functions.count
        examples = code.examples.map { example in
            func add(_ chunk: Chunk) -> Int {
                chunks.append(chunk)
                return chunks.count - 1
            }
            return ExampleSpec(name: example.name, range: example.range,
                               assignments: example.assignments.map { ($0.input, add($0.chunk)) },
                               expectations: example.expectations.map { (add($0.chunk), $0.range) },
                               expectsError: example.expectsError)
        }
        stageChunks = [0] + code.stages.dropFirst().map { chunk in
            chunks.append(chunk)
            return chunks.count - 1
        }
        self.chunks = chunks
        codePointers = chunks.map { chunk in
            let buffer = UnsafeMutableBufferPointer<Instruction>.allocate(capacity: max(1, chunk.code.count))
            _ = buffer.initialize(from: chunk.code)
            return buffer
        }
        constantPointers = chunks.map { chunk in
            let buffer = UnsafeMutableBufferPointer<Value>.allocate(capacity: max(1, chunk.constants.count))
            _ = buffer.initialize(from: chunk.constants)
            return buffer
        }
        inputRanges = checked.inputs.map(\.range)
        self.warnings = warnings
        let entryFrames = code.stages.map(\.frameSize) + code.examples.flatMap { example in
            example.assignments.map(\.chunk.frameSize) + example.expectations.map(\.chunk.frameSize)
        }
        stackCapacity = (entryFrames.max() ?? 0) + code.functions.reduce(0) { $0 + $1.frameSize } + 1
        builtins = BuiltinLibrary.all.map(\.body)
        self.limits = limits
        hostDeclarations = checked.hostFunctions.map(\.signature)
        hostFunctions = hostDeclarations.map { host.functions?[$0.name] }
    }

    deinit {
        for (buffer, chunk) in zip(codePointers, chunks) {
            buffer.baseAddress!.deinitialize(count: chunk.code.count)
            buffer.deallocate()
        }
        for (buffer, chunk) in zip(constantPointers, chunks) {
            buffer.baseAddress!.deinitialize(count: chunk.constants.count)
            buffer.deallocate()
        }
    }

    /// Chunk `index`: 0 is the main program, i + 1 is function i.
    @inline(__always)
    func chunk(_ index: Int) -> Chunk { chunks[index] }

    /// The user-defined functions' chunks, in definition order.
    public var functionChunks: ArraySlice<Chunk> { chunks[1..<(1 + functionCount)] }

    /// The main program's chunk.
    public var mainChunk: Chunk { chunks[0] }

    /// The chunks of the stages after the first, which read `group(e)`/`batch(e)`.
    public var laterStageChunks: [Chunk] { stageChunks.dropFirst().map { chunks[$0] } }

    /// True when the rubric reads `group(e)` or `batch(e)`, so samples must be evaluated
    /// together (`Evaluator.evaluate(batch:)`).
    public var usesGroups: Bool { stageChunks.count > 1 }

    /// Parses, checks and compiles `source` against the host functions `hostFunctions` (see
    /// `HostEnvironment`: the rubric must declare each one it calls, with its exact signature).
    public static func compile(source text: String, name: String = "<input>", limits: Limits = Limits(),
                               hostFunctions: [HostFunction]) throws(CompileFailure) -> Program {
        try compile(source: text, name: name, limits: limits, host: HostEnvironment(hostFunctions))
    }

    /// Parses, checks and compiles `source`. Throws `CompileFailure` with every diagnostic
    /// found when the source has errors. Without a host (the default), `host fn` declarations
    /// are taken as written and their calls fail per sample with E1220.
    public static func compile(source text: String, name: String = "<input>",
                               limits: Limits = Limits(), host: HostEnvironment = .unavailable) throws(CompileFailure) -> Program {
        // Parsing, checking and compiling recurse once per nesting level. The parser bounds
        // nesting, but the caller's thread may have a small stack (512 KiB for secondary
        // threads), so the work runs on a thread whose stack is sized for the limit.
        let result = StackRunner.run(stackBytes: compilerStackBytes(for: limits)) {
            () -> Result<Program, CompileFailure> in
            do throws(CompileFailure) {
                return .success(try compileOnCurrentThread(source: text, name: name, limits: limits, host: host))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Stack needed to compile at the configured nesting limit: a generous 64 KiB per level
    /// (unoptimised builds use large frames), and at least 8 MiB.
    static func compilerStackBytes(for limits: Limits) -> Int {
        max(8 << 20, limits.syntax.maxNesting * (64 << 10))
    }

    /// Parses, checks and compiles on the calling thread.
    static func compileOnCurrentThread(source text: String, name: String, limits: Limits,
                                       host: HostEnvironment) throws(CompileFailure) -> Program {
        if let tooLarge = Parser.sizeCheck(bytes: text.utf8.count, limits: limits.syntax) {
            // Refused before the text is copied and indexed; only its first line is kept, for
            // the caret of the diagnostic.
            let firstLine = text.utf8.prefix(256).prefix { $0 != UInt8(ascii: "\n") }
            throw CompileFailure(source: SourceFile(name: name, text: String(decoding: firstLine, as: UTF8.self)),
                                 diagnostics: tooLarge.sorted())
        }
        let file = SourceFile(name: name, text: text)
        let (tree, syntaxDiagnostics) = Parser.parse(file, limits: limits.syntax)
        var diagnostics = syntaxDiagnostics
        if diagnostics.hasErrors {
            // Checking a tree with holes in it would only add noise, such as unknown names
            // whose definitions failed to parse.
            throw CompileFailure(source: file, diagnostics: diagnostics.sorted())
        }
        let (checked, semantic) = Checker.check(tree, environment: StandardEnvironment.shared,
                                                library: StandardLibrary.shared, hosts: host.signatures)
        diagnostics.merge(semantic)
        guard let checked else { throw CompileFailure(source: file, diagnostics: diagnostics.sorted()) }
        if let problem = RecordSize.overflow(of: checked, limit: limits.maxOutputBytes) {
            diagnostics.report(problem)
            throw CompileFailure(source: file, diagnostics: diagnostics.sorted())
        }
        // A registered host function charges its cost per call; without one the call fails
        // before charging anything.
        let hostCosts = checked.hostFunctions.map { Double(host.functions?[$0.signature.name]?.cost ?? 0) }
        let analysis = StaticAnalysis.analyze(checked, environment: StandardEnvironment.shared, hostCosts: hostCosts,
                                              maxDepth: limits.syntax.maxNesting)
        if !analysis.errors.isEmpty {
            for error in analysis.errors { diagnostics.report(error) }
            throw CompileFailure(source: file, diagnostics: diagnostics.sorted())
        }
        let code = ProgramCompiler.compile(checked)
        return Program(checked: checked, code: code, warnings: diagnostics.sorted(), analysis: analysis, limits: limits,
                       host: host)
    }

    /// Only parses and checks `source`, returning every diagnostic `rubric check` reports
    /// (errors, warnings and lints), in source order.
    public static func diagnose(source text: String, name: String = "<input>", limits: Limits = Limits(),
                                host: HostEnvironment = .unavailable) -> (SourceFile, [Diagnostic]) {
        do {
            let program = try compile(source: text, name: name, limits: limits, host: host)
            let all = (program.warnings + program.analysis.lints).enumerated().sorted { a, b in
                a.element.range.start != b.element.range.start ? a.element.range.start < b.element.range.start : a.offset < b.offset
            }
            return (program.source, all.map(\.element))
        } catch {
            return (error.source, error.diagnostics)
        }
    }
}

/// How a program reads one input from a sample.
public struct InputSpec: Sendable {
    /// The input's name in the rubric.
    public var name: String
    /// Where the input is read from in a sample.
    public var path: [PathSegment]
    /// The input's declared type.
    public var type: RType
    /// True when the input has a default for samples that lack it.
    public var hasDefault: Bool

    /// The path as written, e.g. `usage.completion_tokens`.
    public var pathDescription: String { path.map(\.description).joined(separator: ".") }
}

/// A source that did not compile, with its diagnostics.
public struct CompileFailure: Error, Sendable, CustomStringConvertible {
    /// The source that failed to compile.
    public var source: SourceFile
    /// Every diagnostic found, errors and warnings, in source order.
    public var diagnostics: [Diagnostic]

    /// The diagnostics rendered as text, with source lines and carets.
    public var description: String {
        diagnostics.map { DiagnosticRenderer.text($0, in: source) }.joined(separator: "\n")
    }
}

/// The builtins and regex validator that the checker uses for every program.
struct StandardEnvironment: BuiltinEnvironment {
    static let shared = StandardEnvironment()
    let signatures: [String: BuiltinSignature] = {
        var table: [String: BuiltinSignature] = [:]
        for builtin in BuiltinLibrary.all { table[builtin.name] = builtin.signature }
        return table
    }()

    func signature(named name: String) -> BuiltinSignature? { signatures[name] }

    func regexError(_ pattern: String) -> (message: String, offset: Int)? {
        CompiledRegex.validate(pattern)
    }

    var builtinNames: [String] { BuiltinLibrary.all.map(\.name) }
}
