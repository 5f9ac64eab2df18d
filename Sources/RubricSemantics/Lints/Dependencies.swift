import RubricSyntax

/// What a binding depends on, transitively: the globals it reads (through lets, scores and
/// the functions it calls) and the builtins and functions it calls, each with the first
/// place in the rubric's own file where that happens. The lints use it to tell what reaches
/// the reward. The walk follows the tree, whose height the parser bounds, and visits each
/// binding and function once.
struct Dependencies {
    /// Every global read, with where it is first read.
    var globals: [Int: SourceRange] = [:]
    /// Every builtin called, with where it is first called.
    var builtins: [String: SourceRange] = [:]
    /// Every function called (by index), with the rubric's call that led to it.
    var functions: [Int: SourceRange] = [:]
    /// Every host function called (by declaration index), with where it is first called.
    var hosts: [Int: SourceRange] = [:]

    /// Functions met but not yet visited, each with the rubric's call that led to it.
    private var pendingFunctions: [(index: Int, site: SourceRange)] = []
    /// Globals met but whose values are not yet visited.
    private var pendingGlobals: [Int] = []

    /// The dependencies of global `slot`'s value (for an input, of its default). Bindings and
    /// functions are visited one after another from work lists, never one inside another, so
    /// the walk's depth is that of one expression, and each is visited once.
    init(of slot: Int, in program: CheckedProgram) {
        var values: [Int: TypedExpr] = [:]
        for case .bind(let bound, let value, _) in program.steps { values[bound] = value }
        for input in program.inputs { if let value = input.defaultValue { values[input.slot] = value } }
        pendingGlobals = [slot]
        while true {
            if let (index, site) = pendingFunctions.popLast() {
                let function = program.functions[index]
                for (_, value) in function.locals { visit(value, site: site) }
                visit(function.body, site: site)
            } else if let next = pendingGlobals.popLast() {
                if let value = values[next] { visit(value, site: nil) }
            } else {
                break
            }
        }
    }

    /// Records what `expr` reads and calls; `site` is the rubric's call being followed into a
    /// function, where reads and calls inside library code are reported.
    private mutating func visit(_ expr: TypedExpr, site: SourceRange?) {
        let here = expr.range.start >= FunctionLibrary.baseOffset ? (site ?? expr.range) : expr.range
        switch expr.kind {
        case .constant, .local: break
        case .global(let slot), .collect(let slot, _):
            guard globals[slot] == nil else { return }
            globals[slot] = here
            pendingGlobals.append(slot)
        case .callBuiltin(let name, let arguments):
            if builtins[name] == nil { builtins[name] = here }
            arguments.forEach { visit($0, site: site) }
        case .callHost(let index, let arguments):
            if hosts[index] == nil { hosts[index] = here }
            arguments.forEach { visit($0, site: site) }
        case .callFunction(let index, let arguments):
            arguments.forEach { visit($0, site: site) }
            guard functions[index] == nil else { return }
            functions[index] = here
            pendingFunctions.append((index, site ?? here))
        default:
            for child in expr.children { visit(child, site: site) }
        }
    }
}

extension TypedExpr {
    /// The expressions directly inside this one, in evaluation order.
    var children: [TypedExpr] {
        switch kind {
        case .constant, .global, .local, .collect: []
        case .interpolation(let parts), .list(let parts): parts
        case .map(let keys, let values): keys + values
        case .comprehension(_, let element, let value, let clauses):
            clauses.map { clause in
                switch clause {
                case .forIn(_, let iterable): iterable
                case .filter(let condition): condition
                }
            } + [element] + (value.map { [$0] } ?? [])
        case .unary(_, let operand): [operand]
        case .binary(_, let lhs, let rhs): [lhs, rhs]
        case .conditional(let condition, let a, let b): [condition, a, b]
        case .callFunction(_, let arguments), .callBuiltin(_, let arguments), .callHost(_, let arguments): arguments
        case .field(let base, _): [base]
        case .index(let base, let index): [base, index]
        case .slice(let base, let start, let end): [base] + [start, end].compactMap { $0 }
        case .toScore(let inner, _), .convert(let inner, _): [inner]
        }
    }
}
