/// math-verify's comparison of sets, tuples and intervals (`sympy_compare_sets`). A single
/// value compared with a set is the set of that value. Then:
///
/// - two intervals: same open/closed ends and equal endpoints;
/// - two sets equal as sets of numbers (`\{1,2\}` ~ `\{2,1\}`, unions in any order);
/// - finite sets and tuples of the same size, element by element: when the gold answer is a
///   set both sides are sorted by value first (order does not matter), when the gold is a
///   tuple the prediction is taken in written order (`(1,2,3)` ≁ `3,2,1`);
/// - an open interval `(a, b)` equals a two-element set or tuple `a, b` in that order (the
///   notation is ambiguous).
struct SetEquality {
    /// The comparison used for elements and endpoints.
    let comparison: MathEquality

    /// Returns true when `prediction` matches `gold`.
    func equal(_ gold: MathNode, _ prediction: MathNode, depth: Int) -> Bool {
        let a = gold.isSetOrTuple ? gold : .finiteSet([gold])
        let b = prediction.isSetOrTuple ? prediction : .finiteSet([prediction])
        if case .interval(let lowA, let highA, let leftA, let rightA) = a,
           case .interval(let lowB, let highB, let leftB, let rightB) = b {
            return leftA == leftB && rightA == rightB
                && comparison.equal(gold: lowA, prediction: lowB, depth: depth + 1)
                && comparison.equal(gold: highA, prediction: highB, depth: depth + 1)
        }
        if a == b { return true }
        if a.isSet && b.isSet, let x = RealSet(a), let y = RealSet(b), x.isEqual(to: y) { return true }
        if a.isSet && b.isSet, SetEquality.sameElements(a, b) { return true }
        if SetEquality.isFinite(a) && SetEquality.isFinite(b) { return compareElements(a, b, depth: depth) }
        if case .interval(let low, let high, true, true) = a, SetEquality.isFinite(b), SetEquality.count(b) == 2 {
            return compareElements(.tuple([low, high]), b, depth: depth)
        }
        if case .interval(let low, let high, true, true) = b, SetEquality.isFinite(a), SetEquality.count(a) == 2 {
            return compareElements(a, .tuple([low, high]), depth: depth)
        }
        return false
    }

    /// Returns true for finite sets and tuples.
    static func isFinite(_ node: MathNode) -> Bool {
        switch node {
        case .finiteSet, .tuple: true
        default: false
        }
    }

    /// The elements of a finite set with structural duplicates removed, in written order.
    static func distinct(_ items: [MathNode]) -> [MathNode] {
        var seen = Set<MathNode>(), result: [MathNode] = []
        for item in items where seen.insert(item).inserted { result.append(item) }
        return result
    }

    /// The size SymPy gives: distinct elements of a set, all items of a tuple.
    static func count(_ node: MathNode) -> Int {
        switch node {
        case .finiteSet(let items): distinct(items).count
        case .tuple(let items): items.count
        default: 0
        }
    }

    /// Finite sets with the same elements regardless of order (structurally).
    static func sameElements(_ a: MathNode, _ b: MathNode) -> Bool {
        guard case .finiteSet(let x) = a, case .finiteSet(let y) = b else { return false }
        return Set(x) == Set(y)
    }

    /// Compares finite sets and tuples element by element (math-verify's
    /// `sympy_deep_compare_set_and_tuple`).
    private func compareElements(_ gold: MathNode, _ prediction: MathNode, depth: Int) -> Bool {
        guard SetEquality.count(gold) == SetEquality.count(prediction) else { return false }
        let goldItems: [MathNode], predictionItems: [MathNode]
        switch (gold, prediction) {
        case (.finiteSet(let g), _):
            goldItems = SetEquality.sorted(SetEquality.distinct(g))
            predictionItems = SetEquality.sorted(SetEquality.canonicalItems(prediction))
        case (.tuple(let g), .finiteSet(let p)):
            goldItems = g
            predictionItems = p
        case (.tuple(let g), .tuple(let p)):
            goldItems = g
            predictionItems = p
        default:
            return false
        }
        guard goldItems.count == predictionItems.count else { return false }
        return zip(goldItems, predictionItems).allSatisfy { comparison.equal(gold: $0, prediction: $1, depth: depth + 1) }
    }

    /// The items SymPy iterates: distinct elements of a set, items of a tuple.
    static func canonicalItems(_ node: MathNode) -> [MathNode] {
        switch node {
        case .finiteSet(let items): distinct(items)
        case .tuple(let items): items
        default: []
        }
    }

    /// Sorts elements by numeric value (the right side of an assignment `x = 1`), numbers
    /// first, keeping the written order among ties and non-numbers.
    static func sorted(_ items: [MathNode]) -> [MathNode] {
        let keyed = items.enumerated().map { (offset, item) -> (Int, Double?, MathNode) in
            var value = item
            if MathEquality.isAssignment(item), let rhs = MathEquality.lastRelationRight(item) { value = rhs }
            return (offset, MathEvaluation.realValue(value), item)
        }
        return keyed.sorted { left, right in
            switch (left.1, right.1) {
            case (let x?, let y?): return x != y ? x < y : left.0 < right.0
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return left.0 < right.0
            }
        }.map(\.2)
    }
}
