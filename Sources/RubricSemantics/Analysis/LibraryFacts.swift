/// Facts about standard-library functions that interval arithmetic cannot derive from their
/// bodies: the sums of the Delta transform telescope, so they do not grow with the number of
/// steps (the reason Clip-Delta process rewards cannot be farmed by adding steps). The range
/// analysis uses these results in place of analysing the bodies; a test checks each fact on
/// random inputs against the functions themselves.
enum LibraryFacts {
    /// The result of `name(arguments)` when a fact covers it, nil to analyse the body.
    static func result(of name: String, _ arguments: [RangeValue], isLibrary: Bool) -> RangeValue? {
        guard isLibrary else { return nil }
        switch name {
        case "delta_steps": return deltaSteps(arguments)
        case "add_success": return addSuccess(arguments)
        default: return nil
        }
    }

    /// `delta_steps(r, keep_last)`: r_k - r_{k+1} for every step but the last, which gets 0 or
    /// (with keep_last) r_K. The sum telescopes to r_1 - r_K, or to r_1 with keep_last, and is
    /// 0 for an empty list.
    static func deltaSteps(_ arguments: [RangeValue]) -> RangeValue? {
        guard arguments.count == 2, case .list(let rewards) = arguments[0],
              case .number(let r) = rewards.element, case .number(let keepLast) = arguments[1] else { return nil }
        let differences = NumberFact.combining(r.interval - r.interval, r, r)
        var last = NumberFact(.point(0))
        if keepLast.interval.upper >= 1 { last = last.hull(r) }
        let zeroOrLast = keepLast.interval.lower >= 1 ? r : last
        let element = differences.hull(last)
        let sum = zeroOrLast.hull(differences).hull(NumberFact(.point(0)))
        return .list(ListFact(element: .number(element), length: rewards.length, sum: sum))
    }

    /// `add_success(r, success)`: success added to the last step. The sum is the sum of r plus
    /// success (0 for an empty list), known when the sum of r is.
    static func addSuccess(_ arguments: [RangeValue]) -> RangeValue? {
        guard arguments.count == 2, case .list(let rewards) = arguments[0],
              case .number(let r) = rewards.element, case .number(let success) = arguments[1] else { return nil }
        let shifted = NumberFact.combining(r.interval + success.interval, r, success)
        var sum: NumberFact?
        if let total = rewards.sum {
            sum = NumberFact.combining(total.interval + success.interval, total, success).hull(NumberFact(.point(0)))
        }
        return .list(ListFact(element: .number(r.hull(shifted)), length: rewards.length, sum: sum))
    }
}
