import OrderedCollections
import RubricSyntax

/// Bounds the fuel one sample can use, as a polynomial in the sizes of its inputs, by
/// walking the typed tree with the VM's fuel rules (`FuelRates`): a call of a Rubric
/// function costs `functionCall` plus its body, each element a comprehension visits costs
/// `iteration` plus its clauses, and a builtin costs what its `BuiltinCost` formula gives
/// for the sizes of its arguments; everything else is free. Alongside the cost, every
/// expression gets a `ValueShape` bounding the sizes of its value, so work done on a
/// computed list (`[f(w) for w in words(text)]`) is bounded through the list's size.
///
/// Where no bound follows from input sizes (a builtin whose result can be far larger than
/// its input, an int read from data of type `any`), the bound is `unbounded` with the reason
/// and its position. Work is bounded as in `RangeAnalysis`: memoised calls, a nesting limit
/// counted through calls and a step budget.
public struct CostAnalysis {
    let program: CheckedProgram
    let environment: any BuiltinEnvironment
    /// The fuel each declared host function charges per call.
    let hostCosts: [Double]
    /// The shape of each global slot, filled in program order.
    var globals: [ValueShape]
    /// The variables bounds are written in, by name, in the order first met.
    var variables: OrderedDictionary<String, CostVariable> = [:]
    var memo: [CallKey: Evaluation] = [:]
    var budget = RangeAnalysis.workBudget
    /// Expression levels being analysed, counted through calls, and the most allowed.
    var nesting = 0
    let maxDepth: Int
    /// The rubric's call that led into the standard library (see `RangeAnalysis.callSite`).
    var callSite: SourceRange?
    var callee: String?

    /// The cost of evaluating an expression and the shape of its value.
    struct Evaluation: Hashable {
        var cost: SizeBound
        var shape: ValueShape
    }

    /// What a call's analysis depends on (see `RangeAnalysis.CallKey`).
    struct CallKey: Hashable {
        var function: Int
        var arguments: [ValueShape]
        var site: SourceRange?
    }

    /// An analysis of `program` with the builtins of `environment`.
    init(program: CheckedProgram, environment: any BuiltinEnvironment, hostCosts: [Double],
         maxDepth: Int = SyntaxLimits().maxNesting) {
        self.program = program
        self.maxDepth = maxDepth
        self.environment = environment
        self.hostCosts = hostCosts
        globals = Array(repeating: .never, count: program.globals.count)
    }

    /// Bounds the cost of every binding of `program`, in program order; `hostCosts` is what
    /// each declared host function charges per call.
    public static func analyze(_ program: CheckedProgram, environment: any BuiltinEnvironment,
                               hostCosts: [Double] = [], maxDepth: Int = SyntaxLimits().maxNesting) -> CostReport {
        var analysis = CostAnalysis(program: program, environment: environment, hostCosts: hostCosts, maxDepth: maxDepth)
        var bindings: [CostReport.Binding] = []
        for step in program.steps {
            switch step {
            case .input(let index):
                let input = program.inputs[index]
                var shape = analysis.inputShape(input.type, input: input.name, path: input.name, levels: 0)
                var cost = SizeBound.zero
                if let defaultValue = input.defaultValue {
                    let evaluation = analysis.evaluate(defaultValue, [:])
                    cost = evaluation.cost
                    shape = shape.join(evaluation.shape)
                    bindings.append(CostReport.Binding(name: input.name, kind: .input, range: program.globals[input.slot].range,
                                                       bound: cost))
                }
                analysis.globals[input.slot] = shape
            case .bind(let slot, let value, _):
                let evaluation = analysis.evaluate(value, [:])
                analysis.globals[slot] = evaluation.shape
                let global = program.globals[slot]
                bindings.append(CostReport.Binding(name: global.name, kind: global.kind, range: global.range,
                                                   bound: evaluation.cost))
            }
        }
        return CostReport(bindings: bindings, variables: Array(analysis.variables.values))
    }

    /// The shape of an input of `type`, in variables named after `path`.
    mutating func inputShape(_ type: RType, input: String, path: String, levels: Int) -> ValueShape {
        /// The variable `name`, registered on first use.
        func variable(_ name: String, _ measure: ArgumentMeasure) -> SizeBound {
            if variables[name] == nil {
                variables[name] = CostVariable(name: name, measure: measure, source: .input(name: input, levels: levels))
            }
            return .variable(name)
        }
        switch type.nonNull {
        case .string: return .string(bytes: variable("bytes(\(path))", .bytes))
        case .int: return .int(magnitude: variable("|\(path)|", .magnitude))
        case .list(let element):
            return .list(length: variable("len(\(path))", .length),
                         element: inputShape(element, input: input, path: path + "[*]", levels: levels + 1))
        case .map(let element):
            return .map(length: variable("len(\(path))", .length), keyBytes: variable("keys(\(path))", .keyBytes),
                        value: inputShape(element, input: input, path: path + "[*]", levels: levels + 1))
        case .any: return .any(size: variable("size(\(path))", .size))
        default: return .scalar
        }
    }

    /// The variable for the number of samples `group(e)` or `batch(e)` gathers.
    mutating func collectionSize(_ scope: CollectionScope) -> SizeBound {
        let variable = scope == .group
            ? CostVariable(name: "group_size", measure: .length, source: .groupSize)
            : CostVariable(name: "batch_size", measure: .length, source: .batchSize)
        if variables[variable.name] == nil { variables[variable.name] = variable }
        return .variable(variable.name)
    }

    /// The reason for an unbounded cost at `range`, moved to the rubric's call when `range`
    /// lies in the standard library.
    func cause(_ message: String, at range: SourceRange) -> Unboundedness {
        guard range.start >= FunctionLibrary.baseOffset, let site = callSite else {
            return Unboundedness(.other, message, at: range)
        }
        return Unboundedness(.other, "in \(callee ?? "the standard library"): \(message)", at: site)
    }

    /// `bound` with a reason that has no position yet placed at `range`.
    func located(_ bound: SizeBound, at range: SourceRange) -> SizeBound {
        guard case .unbounded(let reason) = bound, reason.range == SourceRange(0, 0) else { return bound }
        return .unbounded(cause(reason.message, at: range))
    }

    /// Analyses a call of function `index` on arguments of the given shapes: the body's cost
    /// with the parameters bound to them, and the shape of its result. Memoised.
    mutating func call(_ index: Int, _ arguments: [ValueShape], at range: SourceRange) -> Evaluation {
        let function = program.functions[index]
        let outermost = callSite == nil && range.start < FunctionLibrary.baseOffset
        let key = CallKey(function: index, arguments: arguments, site: outermost ? range : callSite)
        if let known = memo[key] { return known }
        if outermost {
            callSite = range
            callee = function.name
        }
        var locals: [Int: ValueShape] = [:]
        for (slot, shape) in arguments.enumerated() {
            locals[slot] = shape.viewed(as: function.parameterTypes[slot])
        }
        var cost = SizeBound.zero
        for (slot, value) in function.locals {
            let evaluation = evaluate(value, locals)
            cost = cost + evaluation.cost
            locals[slot] = evaluation.shape
        }
        let body = evaluate(function.body, locals)
        if outermost {
            callSite = nil
            callee = nil
        }
        let result = Evaluation(cost: cost + body.cost, shape: body.shape)
        memo[key] = result
        return result
    }
}
