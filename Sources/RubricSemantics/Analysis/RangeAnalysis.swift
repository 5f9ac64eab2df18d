import RubricSyntax

/// Infers an interval for every score and for the reward by abstract interpretation of the
/// typed tree: interval arithmetic on numbers, bounded builtins, conditionals as the hull of
/// their branches (each analysed under what its condition says about the variables it
/// compares), and function calls by analysing the callee's body on the argument values. The
/// standard library is analysed like any other code, except for the few functions in
/// `LibraryFacts` whose results interval arithmetic cannot see.
///
/// Work is bounded whatever the rubric: calls are memoised on their argument values, and
/// analyses longer than `workBudget` steps, or nested deeper than `maxDepth` expression
/// levels (counted through calls, so the analysis's own stack stays within the compiler's,
/// which is sized for the parser's nesting limit), give up with a cause saying so.
public struct RangeAnalysis {
    let program: CheckedProgram
    /// What is known about each global slot, filled in program order.
    var globals: [RangeValue]
    /// Results of calls already analysed, by function and argument values.
    var memo: [CallKey: RangeValue] = [:]
    /// Analysis steps left before the analysis gives up.
    var budget = RangeAnalysis.workBudget
    /// The library functions being analysed, innermost last.
    var callStack: [Int] = []
    /// Expression levels being analysed, counted through calls, and the most allowed.
    var nesting = 0
    let maxDepth: Int
    /// The rubric's own call that led into the standard library, where causes found inside
    /// library code are reported.
    var callSite: SourceRange?

    /// Expression nodes visited before the analysis gives up: the examples need at most a few
    /// hundred, and a pathological rubric (calls on ever new argument values, which defeat
    /// the memo) stops after about a tenth of a second.
    static let workBudget = 100_000
    /// Calls with up to this many bool arguments of unknown value are analysed once per
    /// combination of their values, so results that depend on a flag stay precise.
    static let maxBoolSplits = 3

    /// What a call's result depends on: the function, what is known about its arguments and
    /// where causes found inside it are reported.
    struct CallKey: Hashable {
        var function: Int
        var arguments: [RangeValue]
        /// The rubric's call where causes found inside the callee are reported.
        var site: SourceRange?
    }

    /// The variables in scope: a frame's locals, and globals narrowed by a condition.
    struct Environment {
        var locals: [Int: RangeValue] = [:]
        var globals: [Int: RangeValue] = [:]
    }

    /// An analysis of `program` that has not looked at any binding yet, nesting at most
    /// `maxDepth` expression levels (the parser's nesting limit by default).
    init(program: CheckedProgram, maxDepth: Int = SyntaxLimits().maxNesting) {
        self.program = program
        self.maxDepth = maxDepth
        globals = Array(repeating: .never, count: program.globals.count)
    }

    /// Analyses every binding of `program` in order and returns what is known about each.
    public static func analyze(_ program: CheckedProgram) -> RangeReport {
        var analysis = RangeAnalysis(program: program)
        return analysis.run()
    }

    /// Analyses every binding in order; afterwards `interval(of:)` answers for any expression
    /// of the main program.
    mutating func run() -> RangeReport {
        for step in program.steps {
            switch step {
            case .input(let index):
                let input = program.inputs[index]
                var value = inputValue(input.type, name: input.name, at: program.globals[input.slot].range)
                if let defaultValue = input.defaultValue {
                    value = value.hull(evaluate(defaultValue, Environment()))
                }
                globals[input.slot] = value
            case .bind(let slot, let value, _):
                globals[slot] = evaluate(value, Environment())
            }
        }
        return RangeReport(program: program, globals: globals)
    }

    /// The interval of a number expression of the main program (outside comprehensions),
    /// once `run` has analysed the bindings it reads.
    mutating func interval(of expr: TypedExpr) -> NumberFact {
        number(evaluate(expr, Environment()), at: expr.range)
    }

    /// What is known about an input of `type` before reading any sample: numbers are
    /// unbounded, bools are 0 or 1, lists have elements of their element type and any length.
    func inputValue(_ type: RType, name: String, at range: SourceRange) -> RangeValue {
        switch type.nonNull {
        case .bool: return .number(NumberFact(.unit))
        case .int, .float, .number:
            let cause = Unboundedness(.input, "input '\(name)' (\(type)) can hold any value", at: range)
            // A count of tokens or words grows with the completion: its upper side is a length.
            guard Self.namesALength(name) else { return .number(NumberFact(.everything, because: cause)) }
            let length = Unboundedness(.length, "input '\(name)' (\(type)) grows with the length of the completion", at: range)
            return .number(NumberFact(.everything, lower: [cause], upper: [length]))
        case .list(let element):
            let length = NumberFact(.nonNegative, because: Unboundedness(
                .length, "input '\(name)' can hold a list of any length", at: range))
            return .list(ListFact(element: inputValue(element, name: name, at: range), length: length))
        case .map(let element): return .map(inputValue(element, name: name, at: range))
        case .any: return .unknown(Unboundedness(.input, "input '\(name)' (any) can hold any value", at: range))
        case .null: return .null
        default: return .opaque
        }
    }

    /// True for input names that suggest a length: token, word or character counts.
    static func namesALength(_ name: String) -> Bool {
        NameMatching.contains(any: ["token", "len", "word", "char", "count"], in: name)
    }

    /// Spends one step of the budget; false once it is spent.
    mutating func spend() -> Bool {
        budget -= 1
        return budget >= 0
    }

    /// A cause at `range`, moved to the rubric's call when `range` lies in the library.
    func cause(_ kind: Unboundedness.Kind, _ message: String, at range: SourceRange) -> Unboundedness {
        guard range.start >= FunctionLibrary.baseOffset, let site = callSite else {
            return Unboundedness(kind, message, at: range)
        }
        let function = callStack.first.map { program.functions[$0].name } ?? "the standard library"
        return Unboundedness(kind, "in \(function): \(message)", at: site)
    }

    /// An unbounded number for one cause.
    func unbounded(_ kind: Unboundedness.Kind, _ message: String, at range: SourceRange) -> RangeValue {
        .number(NumberFact(.everything, because: cause(kind, message, at: range)))
    }

    /// Analyses a call of function `index`: its body on the argument values, once per
    /// combination of unknown bool arguments (up to `maxBoolSplits`), memoised.
    mutating func call(_ index: Int, _ arguments: [RangeValue], at range: SourceRange) -> RangeValue {
        let function = program.functions[index]
        if let fact = LibraryFacts.result(of: function.name, arguments, isLibrary: function.range.start >= FunctionLibrary.baseOffset) {
            return fact
        }
        let outermost = callSite == nil && range.start < FunctionLibrary.baseOffset
        let key = CallKey(function: index, arguments: arguments, site: outermost ? range : callSite)
        if let known = memo[key] { return known }
        if outermost { callSite = range }
        callStack.append(index)
        var result = RangeValue.never
        for combination in boolCombinations(arguments, types: function.parameterTypes) {
            var environment = Environment()
            for (slot, value) in combination.enumerated() { environment.locals[slot] = value }
            for (slot, value) in function.locals { environment.locals[slot] = evaluate(value, environment) }
            result = result.hull(evaluate(function.body, environment))
        }
        callStack.removeLast()
        if outermost { callSite = nil }
        memo[key] = result
        return result
    }

    /// The argument lists to analyse a call with: the arguments as given, or with the first
    /// few bools of unknown value replaced by false and true in every combination.
    func boolCombinations(_ arguments: [RangeValue], types: [RType]) -> [[RangeValue]] {
        var combinations = [arguments]
        var splits = 0
        for (position, argument) in arguments.enumerated() where splits < Self.maxBoolSplits {
            guard types.indices.contains(position), types[position].nonNull == .bool,
                  case .number(let fact) = argument, fact.interval == .unit else { continue }
            splits += 1
            combinations = combinations.flatMap { combination -> [[RangeValue]] in
                var no = combination, yes = combination
                no[position] = .number(NumberFact(.point(0)))
                yes[position] = .number(NumberFact(.point(1)))
                return [no, yes]
            }
        }
        return combinations
    }
}
