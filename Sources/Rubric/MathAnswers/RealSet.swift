/// A set of real numbers in canonical form (sorted, merged intervals; points are closed
/// intervals of length zero), for deciding whether two written sets are the same set:
/// `(1,2)\cup(3,4)` ~ `(3,4)\cup(1,2)`, `\{2,1\}` ~ `\{1,2\}`, `[1, 2]` ~ `[1, 2.0]`.
struct RealSet {
    struct Piece: Equatable {
        var low: Double
        var high: Double
        var lowOpen: Bool
        var highOpen: Bool
    }

    var pieces: [Piece]

    /// Builds the set, or returns nil when it has a non-numeric element or endpoint or uses
    /// an operation not supported here (set difference, named sets other than ℝ and ∅).
    init?(_ node: MathNode, depth: Int = 0) {
        guard depth < 32 else { return nil }
        switch node {
        case .finiteSet(let items):
            var pieces: [Piece] = []
            for item in items {
                guard let value = MathEvaluation.realValue(item), value.isFinite else { return nil }
                pieces.append(Piece(low: value, high: value, lowOpen: false, highOpen: false))
            }
            self.pieces = RealSet.merged(pieces)
        case .interval(let lower, let upper, let leftOpen, let rightOpen):
            guard let low = MathEvaluation.realValue(lower), let high = MathEvaluation.realValue(upper) else { return nil }
            let piece = Piece(low: low, high: high, lowOpen: leftOpen || low.isInfinite, highOpen: rightOpen || high.isInfinite)
            self.pieces = RealSet.isEmpty(piece) ? [] : [piece]
        case .namedSet("reals"):
            self.pieces = [Piece(low: -.infinity, high: .infinity, lowOpen: true, highOpen: true)]
        case .namedSet("empty"):
            self.pieces = []
        case .setOperation(.union, let lhs, let rhs):
            guard let a = RealSet(lhs, depth: depth + 1), let b = RealSet(rhs, depth: depth + 1) else { return nil }
            self.pieces = RealSet.merged(a.pieces + b.pieces)
        case .setOperation(.intersection, let lhs, let rhs):
            guard let a = RealSet(lhs, depth: depth + 1), let b = RealSet(rhs, depth: depth + 1) else { return nil }
            var pieces: [Piece] = []
            for x in a.pieces {
                for y in b.pieces {
                    let lowFromX = x.low > y.low || (x.low == y.low && x.lowOpen)
                    let highFromX = x.high < y.high || (x.high == y.high && x.highOpen)
                    let piece = Piece(low: lowFromX ? x.low : y.low, high: highFromX ? x.high : y.high,
                                      lowOpen: lowFromX ? x.lowOpen : y.lowOpen, highOpen: highFromX ? x.highOpen : y.highOpen)
                    if !RealSet.isEmpty(piece) { pieces.append(piece) }
                }
            }
            self.pieces = RealSet.merged(pieces)
        case .setOperation(.difference, let lhs, let rhs):
            guard let a = RealSet(lhs, depth: depth + 1), let b = RealSet(rhs, depth: depth + 1) else { return nil }
            var pieces = a.pieces
            for removed in b.pieces { pieces = pieces.flatMap { RealSet.subtract(removed, from: $0) } }
            self.pieces = RealSet.merged(pieces)
        default:
            return nil
        }
    }

    /// The parts of `piece` outside `removed` (zero, one or two intervals).
    static func subtract(_ removed: Piece, from piece: Piece) -> [Piece] {
        var parts: [Piece] = []
        // Below the removed interval.
        if piece.low < removed.low || (piece.low == removed.low && !piece.lowOpen && removed.lowOpen) {
            var left = piece
            if piece.high > removed.low || (piece.high == removed.low && !removed.lowOpen) {
                left.high = removed.low
                left.highOpen = !removed.lowOpen
            }
            if !isEmpty(left) { parts.append(left) }
        }
        // Above it.
        if piece.high > removed.high || (piece.high == removed.high && !piece.highOpen && removed.highOpen) {
            var right = piece
            if piece.low < removed.high || (piece.low == removed.high && !removed.highOpen) {
                right.low = removed.high
                right.lowOpen = !removed.highOpen
            }
            if !isEmpty(right) { parts.append(right) }
        }
        return parts
    }

    /// True for an interval containing no number.
    static func isEmpty(_ piece: Piece) -> Bool {
        piece.low > piece.high || (piece.low == piece.high && (piece.lowOpen || piece.highOpen))
    }

    /// Sorts pieces and merges the ones that overlap or touch.
    static func merged(_ pieces: [Piece]) -> [Piece] {
        let sorted = pieces.sorted { ($0.low, $0.lowOpen ? 1 : 0) < ($1.low, $1.lowOpen ? 1 : 0) }
        var result: [Piece] = []
        for piece in sorted {
            if var last = result.last,
               piece.low < last.high || (piece.low == last.high && !(piece.lowOpen && last.highOpen)) {
                if piece.high > last.high || (piece.high == last.high && !piece.highOpen) {
                    last.high = piece.high
                    last.highOpen = piece.highOpen
                }
                result[result.count - 1] = last
            } else {
                result.append(piece)
            }
        }
        return result
    }

    /// True when both are the same set (endpoints equal to about 12 significant digits).
    func isEqual(to other: RealSet) -> Bool {
        guard pieces.count == other.pieces.count else { return false }
        /// Returns true for endpoints equal to about 12 significant digits.
        func same(_ x: Double, _ y: Double) -> Bool {
            x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        }
        return zip(pieces, other.pieces).allSatisfy { a, b in
            same(a.low, b.low) && same(a.high, b.high) && a.lowOpen == b.lowOpen && a.highOpen == b.highOpen
        }
    }
}

/// SymPy's `as_set` for relations in one variable, used when a relation is compared with a
/// set: `x < 3` is `(-\infty, 3)`, `x \geq 2` is `[2, \infty)`, `1 < x < 3` is `(1, 3)`,
/// `x = 5` is `\{5\}`.
enum RelationSets {
    /// The set, or nil when the relation is not of that simple form.
    static func set(of node: MathNode) -> MathNode? {
        switch node {
        case .relation(let kind, let lhs, let rhs):
            if case .symbol = lhs, rhs.symbolNames.isEmpty { return set(kind, value: rhs) }
            if case .symbol = rhs, lhs.symbolNames.isEmpty, let flipped = kind.flipped { return set(flipped, value: lhs) }
            return nil
        case .chain(let parts):
            guard let first = parts.first, var result = set(of: first) else { return nil }
            for part in parts.dropFirst() {
                guard let next = set(of: part) else { return nil }
                result = .setOperation(.intersection, result, next)
            }
            guard let real = RealSet(result) else { return nil }
            if real.pieces.count == 1, let piece = real.pieces.first, piece.low != piece.high {
                return .interval(bound(piece.low), bound(piece.high), leftOpen: piece.lowOpen, rightOpen: piece.highOpen)
            }
            return result
        default:
            return nil
        }
    }

    /// The set of x with `x kind value`.
    private static func set(_ kind: RelationKind, value: MathNode) -> MathNode? {
        let negativeInfinity = MathNode.constant("-oo"), infinity = MathNode.constant("oo")
        switch kind {
        case .equal: return .finiteSet([value])
        case .less: return .interval(negativeInfinity, value, leftOpen: true, rightOpen: true)
        case .lessOrEqual: return .interval(negativeInfinity, value, leftOpen: true, rightOpen: false)
        case .greater: return .interval(value, infinity, leftOpen: true, rightOpen: true)
        case .greaterOrEqual: return .interval(value, infinity, leftOpen: false, rightOpen: true)
        case .notEqual:
            return .setOperation(.union, .interval(negativeInfinity, value, leftOpen: true, rightOpen: true),
                                 .interval(value, infinity, leftOpen: true, rightOpen: true))
        }
    }

    /// A node for an interval endpoint computed as a double.
    private static func bound(_ value: Double) -> MathNode {
        if value == .infinity { return .constant("oo") }
        if value == -.infinity { return .constant("-oo") }
        if let whole = Int(exactly: value) { return .integer(whole) }
        return .number(.approximate(value), .rational, literal: nil)
    }
}
