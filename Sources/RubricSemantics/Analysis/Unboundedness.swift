import RubricSyntax

/// Why a bound found by the range analysis is infinite: the sub-expression that makes it so,
/// in the rubric's own file (a cause inside a standard-library function is reported at the
/// rubric's call of it). `check` shows these when it cannot prove a declared range, and the
/// lints read their kinds.
public struct Unboundedness: Sendable, Hashable {
    /// What makes the value unbounded, which the lints tell apart.
    public enum Kind: String, Sendable, Hashable {
        /// A number input, which can hold any value.
        case input
        /// A length or count of the text or of a list: grows with the completion.
        case length
        /// A sum over a list whose length is not bounded.
        case sum
        /// A division by a value that may be zero.
        case division
        /// Anything else the analysis cannot bound (data of type `any`, a power, a builtin
        /// without a known range).
        case other
    }

    public var kind: Kind
    public var message: String
    public var range: SourceRange

    /// A cause of `kind`, explained by `message`, at `range`.
    public init(_ kind: Kind, _ message: String, at range: SourceRange) {
        self.kind = kind
        self.message = message
        self.range = range
    }

    /// At most this many causes are kept per bound: enough to explain, few enough to read.
    static let limit = 4

    /// Merges two lists of causes, keeping their order and at most `limit` of them.
    static func merge(_ a: [Unboundedness], _ b: [Unboundedness]) -> [Unboundedness] {
        if b.isEmpty { return a }
        var result = a
        for cause in b where result.count < limit && !result.contains(cause) { result.append(cause) }
        return result
    }
}

/// What the range analysis knows about a number (ints, floats, and bools as 0 or 1): an
/// interval and, for each infinite side, why it is infinite.
public struct NumberFact: Sendable, Hashable {
    public var interval: Interval
    public var lowerCauses: [Unboundedness] = []
    public var upperCauses: [Unboundedness] = []

    /// A fact about `interval`; each side keeps its causes only where it is infinite.
    public init(_ interval: Interval, lower: [Unboundedness] = [], upper: [Unboundedness] = []) {
        self.interval = interval
        lowerCauses = interval.lower == -.infinity ? lower : []
        upperCauses = interval.upper == .infinity ? upper : []
    }

    /// An interval unbounded wherever it is infinite, for one cause.
    public init(_ interval: Interval, because cause: Unboundedness) {
        self.init(interval, lower: [cause], upper: [cause])
    }

    /// Every cause, lower side first.
    public var causes: [Unboundedness] { Unboundedness.merge(lowerCauses, upperCauses) }

    /// The smallest fact holding both.
    public func hull(_ other: NumberFact) -> NumberFact {
        NumberFact(interval.hull(other.interval),
                   lower: Unboundedness.merge(lowerCauses, other.lowerCauses),
                   upper: Unboundedness.merge(upperCauses, other.upperCauses))
    }

    /// The same fact with every cause found at `origin` moved to `site`.
    func relocating(_ origin: SourceRange, to site: SourceRange) -> NumberFact {
        func move(_ causes: [Unboundedness]) -> [Unboundedness] {
            causes.map { cause in
                var moved = cause
                if moved.range == origin { moved.range = site }
                return moved
            }
        }
        return NumberFact(interval, lower: move(lowerCauses), upper: move(upperCauses))
    }

    /// The same causes on an interval computed from this fact alone.
    func with(_ result: Interval) -> NumberFact {
        let all = causes
        return NumberFact(result, lower: all, upper: all)
    }

    /// A fact computed from two operands, with the causes of both for any infinite side.
    static func combining(_ result: Interval, _ a: NumberFact, _ b: NumberFact) -> NumberFact {
        let all = Unboundedness.merge(a.causes, b.causes)
        return NumberFact(result, lower: all, upper: all)
    }
}
