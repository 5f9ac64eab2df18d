import RubricSyntax

extension Lints {
    /// A change smaller than this share of a clip's range counts as no change.
    static let negligibleShare = 1e-6

    /// W0005: a component that cannot change a score or the reward: multiplied by 0, or a
    /// term of `clip(a + b + …, lo, hi)` whose weight is so small it moves the result by
    /// less than a millionth of the clip's range, or that the other terms always push past
    /// one of the bounds.
    static func irrelevantComponents(_ program: CheckedProgram, analysis: inout RangeAnalysis) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for case .bind(let slot, let value, _) in program.steps {
            let kind = program.globals[slot].kind
            guard kind == .score || kind == .reward else { continue }
            visitTopLevel(value) { expr in
                switch expr.kind {
                case .binary(.multiply, let a, let b):
                    if let zero = [a, b].first(where: isZero), let other = [a, b].first(where: { !isZero($0) }),
                       other.constant == nil {
                        found.append(Diagnostic(.irrelevantComponent,
                                                "this term is multiplied by \(zero.constant == .int(0) ? "0" : "0.0"), so it never changes the value",
                                                at: expr.range, severity: .warning,
                                                notes: ["help: give the component a weight that matters, or remove it"]))
                    }
                case .callBuiltin("clip", let arguments) where arguments.count == 3:
                    found += clippedTerms(arguments, analysis: &analysis)
                default:
                    break
                }
            }
        }
        return found
    }

    /// True for the literal 0 or 0.0.
    static func isZero(_ expr: TypedExpr) -> Bool {
        switch expr.constant {
        case .int(0)?: true
        case .float(let value)?: value == 0
        default: false
        }
    }

    /// Calls `body` on `expr` and the expressions inside it, outside comprehensions (whose
    /// loop variables the analysis of a lone expression does not know).
    static func visitTopLevel(_ expr: TypedExpr, _ body: (TypedExpr) -> Void) {
        body(expr)
        if case .comprehension = expr.kind { return }
        for child in expr.children { visitTopLevel(child, body) }
    }

    /// The terms of a sum, each with whether it is subtracted.
    static func terms(_ expr: TypedExpr, negated: Bool = false) -> [(expr: TypedExpr, negated: Bool)] {
        switch expr.kind {
        case .binary(.add, let a, let b): terms(a, negated: negated) + terms(b, negated: negated)
        case .binary(.subtract, let a, let b): terms(a, negated: negated) + terms(b, negated: !negated)
        case .convert(let inner, _): terms(inner, negated: negated)
        default: [(expr, negated)]
        }
    }

    /// The terms of `clip(sum, lo, hi)` that cannot change its result.
    static func clippedTerms(_ arguments: [TypedExpr], analysis: inout RangeAnalysis) -> [Diagnostic] {
        let parts = terms(arguments[0])
        guard parts.count > 1 else { return [] }
        let intervals = parts.map { part -> Interval in
            let interval = analysis.interval(of: part.expr).interval
            return part.negated ? -interval : interval
        }
        let low = analysis.interval(of: arguments[1]).interval, high = analysis.interval(of: arguments[2]).interval
        let width = high.lower - low.upper
        guard width > 0, width.isFinite else { return [] }
        var found: [Diagnostic] = []
        for (index, part) in parts.enumerated() {
            let term = intervals[index]
            let spread = term.upper - term.lower
            guard term.isBounded, !term.isEmpty, spread > 0 else { continue }
            let rest = intervals.indices.filter { $0 != index }.reduce(Interval.point(0)) { $0 + intervals[$1] }
            if rest.lower + term.lower >= high.upper || rest.upper + term.upper <= low.lower {
                let bound = rest.lower + term.lower >= high.upper ? "upper" : "lower"
                found.append(Diagnostic(.irrelevantComponent,
                                        "this term cannot change the clipped value: the other terms (in \(rest)) always take it past the \(bound) bound",
                                        at: part.expr.range, severity: .warning,
                                        notes: ["help: rescale the terms so that each can move the value inside [\(Interval.format(low.upper)), \(Interval.format(high.lower))]"]))
            } else if spread <= negligibleShare * width {
                found.append(Diagnostic(.irrelevantComponent,
                                        "this term moves the clipped value by at most \(spread), less than a millionth of its range",
                                        at: part.expr.range, severity: .warning,
                                        notes: ["help: give the component a weight that matters, or remove it"]))
            }
        }
        return found
    }
}
