import OrderedCollections
import RubricSyntax

/// Resolves names and checks types, turning a syntax tree into a `CheckedProgram`.
/// Top-level names must be defined before use, which both orders evaluation and, for
/// functions, rules out recursion: a function can only call functions defined above it.
public struct Checker {
    let tree: SyntaxTree
    let environment: any BuiltinEnvironment
    /// Functions written in Rubric that every rubric may call (the standard library).
    let library: FunctionLibrary?
    var diagnostics = DiagnosticBag()
    /// Library functions checked into this program, by name. A user's own top-level names
    /// shadow them.
    var libraryFunctions: [String: Int] = [:]
    /// The host functions the embedder registered, by name; nil when the rubric is checked
    /// without a host (declarations are then taken as written).
    let registeredHosts: [String: HostSignature]?
    var hostFunctions: [CheckedHostFunction] = []

    var globals: [GlobalInfo] = []
    var topLevel: [String: TopLevelSymbol] = [:]
    /// Every top-level name declared anywhere in the file, to tell "defined later" from "unknown".
    var declaredLater: [String: SourceRange] = [:]
    var functionsDeclaredLater: Set<String> = []
    var functions: [CheckedFunction] = []
    var inputs: [CheckedInput] = []
    var steps: [CheckedStep] = []
    var scores: [(name: String, slot: Int)] = []
    var rewardSlot: Int?
    var examples: [CheckedExample] = []
    var stepsSlot: Int?
    var latentSlot: Int?
    var groupKeySlot: Int?
    var fallback: Double?
    var sawFallback = false
    /// Ranges declared with `in [lower, upper]`, by global slot.
    var declaredRanges: [Int: CheckedRange] = [:]

    /// The stage of each global (see `CheckedStep.bind`), parallel to `globals`.
    var globalStages: [Int] = []
    /// The stage of each function: the latest stage of any global it reads.
    var functionStages: [Int] = []
    /// The latest stage of anything read by the expression being checked.
    var stage = 0
    /// The frames around the `group(e)`/`batch(e)` being checked, whose locals `e` cannot see.
    var collectionOuterFrames: [LocalFrame] = []
    /// Local slots needed by the values lifted out of `group(e)` and `batch(e)`.
    var collectedLocals = 0

    /// The frame whose locals are being resolved.
    var frame = LocalFrame()
    /// The function being checked, to name recursion precisely.
    var currentFunction: String?
    /// True while checking an `expect`, where `reward` is readable.
    var inExpectation = false
    /// True while checking an example's input values, which see builtins only.
    var inExampleValue = false

    init(tree: SyntaxTree, environment: any BuiltinEnvironment, library: FunctionLibrary?,
         hosts: [String: HostSignature]? = nil) {
        self.tree = tree
        self.environment = environment
        self.library = library
        registeredHosts = hosts
    }

    /// Checks `tree`; returns the program, or nil with diagnostics when it has errors. The
    /// library functions the rubric calls, directly or through each other, are checked first.
    /// `hosts` are the host functions the embedder registered (nil: checked without a host).
    public static func check(_ tree: SyntaxTree, environment: any BuiltinEnvironment,
                             library: FunctionLibrary? = nil, hosts: [String: HostSignature]? = nil)
        -> (program: CheckedProgram?, diagnostics: DiagnosticBag) {
        var checker = Checker(tree: tree, environment: environment, library: library, hosts: hosts)
        let program = checker.run()
        return (checker.diagnostics.hasErrors ? nil : program, checker.diagnostics)
    }

    mutating func run() -> CheckedProgram {
        checkLibraryFunctions()
        collectDeclarations()
        var mainLocals = 0
        var sawReward = false
        for statement in tree.statements {
            frame = LocalFrame()
            stage = 0
            switch statement {
            case .input(let decl): checkInput(decl)
            case .let(let decl):
                let value = checkBindingValue(decl.value, declared: decl.type)
                bindGlobal(decl.name, kind: .let, type: value.type, range: decl.nameRange, value: value)
            case .fn(let decl): checkFunction(decl)
            case .host(let decl): checkHostFunction(decl)
            case .score(let decl):
                let value = checkScoreBody(decl.value, what: "score '\(decl.name)'")
                if let slot = bindGlobal(decl.name, kind: .score, type: value.type, range: decl.nameRange, value: value) {
                    scores.append((decl.name, slot))
                    declaredRanges[slot] = decl.declaredRange.flatMap { checkDeclaredRange($0) }
                }
            case .reward(let decl):
                let value = checkScoreBody(decl.value, what: "the reward")
                if sawReward {
                    diagnostics.error(.duplicateReward, "the rubric already has a reward", at: decl.range)
                } else {
                    sawReward = true
                    let slot = appendGlobal("reward", kind: .reward, type: value.type, range: decl.range, value: value)
                    rewardSlot = slot
                    declaredRanges[slot] = decl.declaredRange.flatMap { checkDeclaredRange($0) }
                }
            case .special(let decl): checkSpecialBinding(decl)
            case .example:
                break  // Examples are checked last: they may refer to every global.
            }
            if case .fn = statement { continue }  // a function's locals live in its own frame
            if case .host = statement { continue }
            mainLocals = max(mainLocals, frame.slotCount)
        }
        mainLocals = max(mainLocals, collectedLocals)
        if !sawReward {
            let end = tree.source.bytes.count
            diagnostics.error(.missingReward, "the rubric has no 'reward = ...' line", at: SourceRange(end, end),
                              notes: ["help: add a line such as 'reward = 0.5 * format + correct'"])
        }
        for case .example(let decl) in tree.statements { checkExample(decl) }
        return CheckedProgram(source: tree.source, name: tree.header?.name, description: tree.header?.description,
                              globals: globals, inputs: inputs, steps: steps, mainLocalCount: mainLocals,
                              functions: functions, hostFunctions: hostFunctions, scores: scores, rewardSlot: rewardSlot, examples: examples,
                              stepsSlot: stepsSlot, latentSlot: latentSlot, groupKeySlot: groupKeySlot,
                              fallback: fallback, stageCount: (globalStages.max() ?? 0) + 1,
                              declaredRanges: declaredRanges)
    }

    /// Checks every function of `library`, for its own tests: a library must check cleanly.
    public static func checkLibrary(_ library: FunctionLibrary, environment: any BuiltinEnvironment) -> DiagnosticBag {
        let tree = Parser.parse(SourceFile(name: "<library check>", text: "")).tree
        var checker = Checker(tree: tree, environment: environment, library: library)
        for decl in library.functions {
            checker.frame = LocalFrame()
            checker.checkFunction(decl, inLibrary: true)
        }
        var diagnostics = library.diagnostics
        diagnostics.merge(checker.diagnostics)
        return diagnostics
    }

    /// Checks the library functions the rubric needs, in library order.
    mutating func checkLibraryFunctions() {
        guard let library else { return }
        var roots = CallCollector()
        roots.visit(tree)
        for index in library.closure(of: roots.names) {
            frame = LocalFrame()
            checkFunction(library.functions[index], inLibrary: true)
        }
    }

    /// The index of the function `name`: the user's own, else a library function.
    func functionIndex(named name: String) -> Int? {
        if let symbol = topLevel[name] {
            if case .function(let index) = symbol { return index }
            return nil
        }
        return libraryFunctions[name]
    }

    /// The source text of `range`, in the rubric or in the library.
    func sourceText(in range: SourceRange) -> String {
        if range.start >= FunctionLibrary.baseOffset, let library { return library.text(in: range) }
        return tree.source.text(in: range)
    }

    /// Records every top-level name first so that a use before the definition gets a precise error.
    mutating func collectDeclarations() {
        for statement in tree.statements {
            switch statement {
            case .input(let decl): declaredLater[decl.name] = declaredLater[decl.name] ?? decl.nameRange
            case .let(let decl): declaredLater[decl.name] = declaredLater[decl.name] ?? decl.nameRange
            case .score(let decl): declaredLater[decl.name] = declaredLater[decl.name] ?? decl.nameRange
            case .fn(let decl): functionsDeclaredLater.insert(decl.name)
            case .host(let decl): functionsDeclaredLater.insert(decl.name)
            default: break
            }
        }
    }

    /// Adds a global binding and the step that computes it; reports a duplicate name.
    @discardableResult
    mutating func bindGlobal(_ name: String, kind: GlobalKind, type: RType, range: SourceRange,
                             value: TypedExpr?) -> Int? {
        if let existing = topLevel[name] {
            let what = switch existing {
            case .function, .host: " as a function"
            case .global: ""
            }
            diagnostics.error(.duplicateDefinition, "'\(name)' is already defined\(what)", at: range)
            return nil
        }
        let slot = appendGlobal(name, kind: kind, type: type, range: range, value: value)
        topLevel[name] = .global(slot: slot)
        return slot
    }

    /// Adds a global slot, at the stage of the expression just checked, and the step that
    /// computes it (none for inputs, which are read from the sample).
    mutating func appendGlobal(_ name: String, kind: GlobalKind, type: RType, range: SourceRange,
                               value: TypedExpr?) -> Int {
        let slot = globals.count
        globals.append(GlobalInfo(name: name, kind: kind, type: type, range: range))
        globalStages.append(value == nil ? 0 : stage)
        if let value { steps.append(.bind(slot: slot, value: value, stage: stage)) }
        return slot
    }

    mutating func checkInput(_ decl: InputDecl) {
        let type = resolveType(decl.type)
        var defaultValue: TypedExpr?
        if let expr = decl.defaultValue {
            let value = checkExpr(expr)
            requireAssignable(value, to: type, what: "the default of input '\(decl.name)'")
            defaultValue = coerced(value, to: type)
        }
        guard let slot = bindGlobal(decl.name, kind: .input, type: type, range: decl.nameRange, value: nil) else { return }
        inputs.append(CheckedInput(name: decl.name, slot: slot, path: decl.path, type: type,
                                   defaultValue: defaultValue, range: decl.range))
        steps.append(.input(inputs.count - 1))
    }

    /// Checks the value of a `let`, against its declared type if it has one.
    mutating func checkBindingValue(_ expr: Expr, declared: TypeSyntax?) -> TypedExpr {
        var value = checkExpr(expr)
        if let declared {
            let type = resolveType(declared)
            requireAssignable(value, to: type, what: "this value")
            value = coerced(value, to: type)
            value.type = type
        }
        return value
    }

    mutating func checkFunction(_ decl: FnDecl, inLibrary: Bool = false) {
        if environment.signature(named: decl.name) != nil {
            diagnostics.error(.shadowsBuiltin, "'\(decl.name)' is a builtin function and cannot be redefined",
                              at: decl.nameRange)
            return
        }
        currentFunction = decl.name
        defer { currentFunction = nil }
        stage = 0
        var parameterTypes: [RType] = []
        var parameterDefaults: [Constant?] = []
        var seen: Set<String> = []
        for parameter in decl.parameters {
            let type = parameter.type.map { resolveType($0) } ?? .any
            parameterDefaults.append(parameter.defaultValue.flatMap { checkParameterDefault($0, type: type) })
            if !seen.insert(parameter.name).inserted {
                diagnostics.error(.duplicateDefinition, "parameter '\(parameter.name)' is declared twice",
                                  at: parameter.range)
            }
            parameterTypes.append(type)
            _ = frame.declare(parameter.name, type: type)
        }
        var locals: [(Int, TypedExpr)] = []
        for local in decl.locals {
            let value = checkBindingValue(local.value, declared: local.type)
            if frame.lookup(local.name) != nil {
                diagnostics.error(.duplicateDefinition, "'\(local.name)' is already defined in this function",
                                  at: local.nameRange)
            }
            locals.append((frame.declare(local.name, type: value.type), value))
        }
        var body = checkExpr(decl.body)
        var returnType = body.type
        if let declared = decl.returnType {
            returnType = resolveType(declared)
            requireAssignable(body, to: returnType, what: "the result of '\(decl.name)'")
            body = coerced(body, to: returnType)
            body.type = returnType
        }
        if topLevel[decl.name] != nil {
            diagnostics.error(.duplicateDefinition, "'\(decl.name)' is already defined", at: decl.nameRange)
            return
        }
        functionStages.append(stage)
        functions.append(CheckedFunction(name: decl.name, parameterNames: decl.parameters.map(\.name),
                                         parameterTypes: parameterTypes, parameterDefaults: parameterDefaults,
                                         returnType: returnType,
                                         locals: locals, body: body, localCount: frame.slotCount,
                                         range: decl.range))
        if inLibrary {
            libraryFunctions[decl.name] = functions.count - 1
        } else {
            topLevel[decl.name] = .function(index: functions.count - 1)
        }
    }

    /// Checks `in [lower, upper]`: the parser only accepts number literals, so what is left
    /// to check is that the lower bound does not exceed the upper one.
    mutating func checkDeclaredRange(_ declared: DeclaredRange) -> CheckedRange? {
        guard let lower = numberLiteral(declared.lower), let upper = numberLiteral(declared.upper) else { return nil }
        guard lower <= upper else {
            diagnostics.error(.invalidDeclaredRange,
                              "the lower bound \(sourceText(in: declared.lower.range)) is greater than the upper bound \(sourceText(in: declared.upper.range))",
                              at: declared.range, notes: ["help: write the range as [lower, upper]"])
            return nil
        }
        return CheckedRange(bounds: lower...upper, range: declared.range)
    }

    /// The value of an int or float literal, optionally negated.
    func numberLiteral(_ expr: Expr) -> Double? {
        switch literalConstant(expr) {
        case .int(let value)?: Double(value)
        case .float(let value)?: value
        default: nil
        }
    }

    /// Checks a parameter's default: a literal (a number may be negated) of the parameter's
    /// type; an int default of a float parameter is widened now. After an error the default
    /// is null, so calls that leave the argument out add no second error.
    mutating func checkParameterDefault(_ expr: Expr, type: RType) -> Constant? {
        guard let constant = literalConstant(expr) else {
            diagnostics.error(.nonConstantDefault, "a parameter default must be a literal", at: expr.range,
                              notes: ["help: write a number, a string, true, false or null"])
            return .null
        }
        let value = TypedExpr(.constant(constant), constant.type, expr.range)
        requireAssignable(value, to: type, what: "this default")
        if case .int(let number) = constant, type.nonNull == .float { return .float(Double(number)) }
        return constant
    }

    /// The value of a literal: a number (optionally negated), a string, a bool or null.
    func literalConstant(_ expr: Expr) -> Constant? {
        switch expr.kind {
        case .int(let value): return .int(value)
        case .float(let value): return .float(value)
        case .string(let value): return .string(value)
        case .bool(let value): return .bool(value)
        case .null: return .null
        case .unary(.negate, let inner):
            if case .int(let value) = inner.kind, value != Int.min { return .int(-value) }
            if case .float(let value) = inner.kind { return .float(-value) }
            return nil
        default: return nil
        }
    }

    /// Checks that a score or reward is numeric and wraps it in the conversion to float.
    mutating func scoreValue(_ value: TypedExpr, what: String) -> TypedExpr {
        switch value.type {
        case .bool, .int, .float, .number, .any:
            break
        case .optional, .null:
            diagnostics.error(.possiblyNull, "\(what) may be null; a score must be a number", at: value.range,
                              notes: ["help: supply a default with '?? 0'"])
        default:
            diagnostics.error(.notAScore, "\(what) must be a number or a bool, not \(value.type)", at: value.range)
        }
        return TypedExpr(.toScore(value, nullSkips: false), .float, value.range)
    }

    mutating func checkExample(_ decl: ExampleDecl) {
        var assignments: [(Int, TypedExpr, Int)] = []
        var expectations: [CheckedExpectation] = []
        var expectsError: (String?, SourceRange)?
        var assigned: Set<Int> = []
        for item in decl.items {
            frame = LocalFrame()
            switch item {
            case .assign(let name, let nameRange, let expr):
                inExampleValue = true
                let value = checkExpr(expr)
                inExampleValue = false
                guard let index = inputs.firstIndex(where: { $0.name == name }) else {
                    var notes: [String] = []
                    if let close = suggestion(for: name, among: inputs.map(\.name)) {
                        notes.append("help: did you mean '\(close)'?")
                    }
                    diagnostics.error(.unknownExampleInput, "the rubric has no input named '\(name)'",
                                      at: nameRange, notes: notes)
                    continue
                }
                if !assigned.insert(index).inserted {
                    diagnostics.error(.duplicateExampleInput, "input '\(name)' is set twice in this example",
                                      at: nameRange)
                }
                requireAssignable(value, to: inputs[index].type, what: "the value of input '\(name)'")
                assignments.append((index, value, frame.slotCount))
            case .expect(let expr):
                inExpectation = true
                let condition = checkExpr(expr)
                inExpectation = false
                if condition.type != .bool && condition.type != .any {
                    diagnostics.error(.typeMismatch, "an expectation must be a bool, not \(condition.type)",
                                      at: condition.range)
                }
                expectations.append(CheckedExpectation(condition: condition, localCount: frame.slotCount,
                                                       range: expr.range))
            case .expectError(let code, let range):
                expectsError = (code, range)
            }
        }
        examples.append(CheckedExample(name: decl.name, range: decl.range, assignments: assignments,
                                       expectations: expectations,
                                       expectsError: expectsError.map { (code: $0.0, range: $0.1) }))
    }

    // MARK: - Types

    /// Turns written type syntax into a type, reporting unknown type names.
    mutating func resolveType(_ syntax: TypeSyntax) -> RType {
        switch syntax {
        case .named(let name, let range):
            switch name {
            case "int": return .int
            case "float": return .float
            case "number": return .number
            case "bool": return .bool
            case "string": return .string
            case "any": return .any
            default:
                diagnostics.error(.invalidType, "unknown type '\(name)'", at: range,
                                  notes: ["help: types are int, float, number, bool, string, any, list[T], map[T] and T?"])
                return .any
            }
        case .list(let element, _): return .list(resolveType(element))
        case .map(let element, _): return .map(resolveType(element))
        case .optional(let wrapped, _): return resolveType(wrapped).orNull
        }
    }

    /// Returns `value` converted at run time where a binding's declared type is more precise
    /// than what the checker knows: an int stored as a float is widened, and an `any` value is
    /// checked, so a slot declared with a type always holds a value of that type.
    func coerced(_ value: TypedExpr, to type: RType) -> TypedExpr {
        guard value.type != type, needsWidening(value.type, type) else { return value }
        return TypedExpr(.convert(value, type), type, value.range)
    }

    /// True when a value of `source` type may not match `target` at run time although the
    /// checker accepts it: an int (or ints inside) where floats are wanted, or an `any`.
    func needsWidening(_ source: RType, _ target: RType) -> Bool {
        switch (source.nonNull, target.nonNull) {
        case (.int, .float), (.number, .float): return true
        case (.list(let a), .list(let b)), (.map(let a), .map(let b)): return needsWidening(a, b)
        case (.any, let t): return t != .any
        default: return false
        }
    }

    /// Reports an error unless a value of `value.type` may be stored where `type` is expected.
    mutating func requireAssignable(_ value: TypedExpr, to type: RType, what: String) {
        if type.accepts(value.type) { return }
        if value.type.admitsNull && type.accepts(value.type.nonNull) {
            diagnostics.error(.possiblyNull, "\(what) may be null, but \(type) is expected", at: value.range,
                              notes: ["help: supply a default with '??'"])
            return
        }
        diagnostics.error(.typeMismatch, "\(what) is \(value.type), but \(type) is expected", at: value.range)
    }
}
