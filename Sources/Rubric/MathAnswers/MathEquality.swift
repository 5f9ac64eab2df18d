/// math-verify's `verify` on parsed answers (its `sympy_expr_eq`), reproduced on `MathNode`s.
/// The order of the checks matters and follows math-verify:
///
/// 1. Equations: an assignment `x = 5` compared with a plain value is compared by its right
///    side (both ways); two assignments keep their variables, so `x = 5` ≠ `y = 5`.
/// 2. A relation compared with a set is turned into a set (`x < 3` ~ `(-\infty, 3)`).
/// 3. Identical trees are equal.
/// 4. Two relations: same operator and equal `lhs - rhs`, or mirrored (`a < b` ~ `b > a`).
/// 5. Sets, tuples and intervals: see `SetEquality`.
/// 6. Words: a symbol equals a product of letters spelling it (`\text{yes}` ~ `yes`),
///    ignoring case.
/// 7. Numbers: see `NumericEquality` (float answers are rounded to `places` decimals).
struct MathEquality {
    /// Decimal places float answers are rounded to before comparing; nil compares exactly.
    var places: Int?

    /// Returns true when `prediction` matches `gold`.
    func equal(gold: MathNode, prediction: MathNode, depth: Int = 0) -> Bool {
        if depth > 32 { return false }
        var gold = gold, prediction = prediction
        let goldAssignment = MathEquality.isAssignment(gold), predictionAssignment = MathEquality.isAssignment(prediction)
        let goldEquation = MathEquality.isEquation(gold), predictionEquation = MathEquality.isEquation(prediction)
        if goldAssignment { gold = MathEquality.collapsedAssignment(gold) }
        if predictionAssignment { prediction = MathEquality.collapsedAssignment(prediction) }
        if predictionEquation && !goldEquation {
            prediction = MathEquality.lastRelationRight(prediction) ?? prediction
        } else if goldAssignment && !predictionEquation {
            gold = MathEquality.lastRelationRight(gold) ?? gold
        }
        if gold.isRelation && prediction.isSet, let set = RelationSets.set(of: gold) { gold = set }

        // SymPy refuses to compare NaN or complex infinity.
        if case .constant(let name) = gold, name == "nan" || name == "zoo" { return false }
        if gold == prediction { return true }

        if gold.isRelation && prediction.isRelation {
            return compareRelations(gold, prediction, depth: depth)
        }
        if gold.isSetOrTuple || prediction.isSetOrTuple {
            return SetEquality(comparison: self).equal(gold, prediction, depth: depth)
        }
        if case .matrix(let goldRows) = gold {
            guard case .matrix(let predictionRows) = prediction, goldRows.count == predictionRows.count,
                  zip(goldRows, predictionRows).allSatisfy({ $0.count == $1.count }) else { return false }
            let numeric = NumericEquality(places: places)
            return zip(goldRows.joined(), predictionRows.joined()).allSatisfy { numeric.equal($0, $1) }
        }
        if case .matrix = prediction { return false }
        if case .symbol = gold { return WordEquality.equal(gold, prediction) }
        if case .symbol = prediction { return WordEquality.equal(gold, prediction) }
        return NumericEquality(places: places).equal(gold, prediction)
    }

    /// Compares two relations or chains of relations.
    private func compareRelations(_ gold: MathNode, _ prediction: MathNode, depth: Int) -> Bool {
        if case .chain(let goldParts) = gold, case .chain(let predictionParts) = prediction {
            guard goldParts.count == predictionParts.count else { return false }
            return zip(goldParts, predictionParts).allSatisfy { compareRelations($0, $1, depth: depth + 1) }
        }
        guard case .relation(let goldKind, let goldLeft, let goldRight) = gold,
              case .relation(let predictionKind, let predictionLeft, let predictionRight) = prediction else { return false }
        let goldDifference = MathNodeBuilder.subtract(goldLeft, goldRight)
        if goldKind == predictionKind,
           equal(gold: goldDifference, prediction: MathNodeBuilder.subtract(predictionLeft, predictionRight), depth: depth + 1) {
            return true
        }
        if goldKind.flipped == predictionKind,
           equal(gold: goldDifference, prediction: MathNodeBuilder.subtract(predictionRight, predictionLeft), depth: depth + 1) {
            return true
        }
        return false
    }

    // MARK: - Equations

    /// An equation: `a = b`, or a chain of `=`.
    static func isEquation(_ node: MathNode) -> Bool {
        switch node {
        case .relation(.equal, _, _): return true
        case .chain(let parts): return !parts.isEmpty && parts.allSatisfy { if case .relation(.equal, _, _) = $0 { true } else { false } }
        default: return false
        }
    }

    /// An assignment: an equation whose (first) left side is made only of symbols.
    static func isAssignment(_ node: MathNode) -> Bool {
        guard isEquation(node) else { return false }
        switch node {
        case .relation(_, let lhs, _): return MathNodeBuilder.isOnlySymbols(lhs)
        case .chain(let parts):
            if case .relation(_, let lhs, _)? = parts.first { return MathNodeBuilder.isOnlySymbols(lhs) }
            return false
        default: return false
        }
    }

    /// `x = y = 5` becomes `x = 5`.
    static func collapsedAssignment(_ node: MathNode) -> MathNode {
        guard case .chain(let parts) = node, case .relation(_, let lhs, _)? = parts.first,
              let rhs = lastRelationRight(node) else { return node }
        return .relation(.equal, lhs, rhs)
    }

    /// The right side of the last relation.
    static func lastRelationRight(_ node: MathNode) -> MathNode? {
        switch node {
        case .relation(_, _, let rhs): return rhs
        case .chain(let parts): return parts.last.flatMap(lastRelationRight)
        default: return nil
        }
    }
}
