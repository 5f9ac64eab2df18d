/// A polynomial with non-negative coefficients in size variables (`bytes(completion)`,
/// `len(steps)`, …), which are never negative: so it is nondecreasing in every variable, and
/// sums, products and coefficient-wise maxima of bounds are bounds again.
public struct SizePolynomial: Sendable, Hashable, CustomStringConvertible {
    /// A product of variables: each name repeated by its power, in sorted order; empty for
    /// the constant term.
    public typealias Monomial = [String]

    /// The coefficient of each monomial; every coefficient is positive.
    public private(set) var terms: [Monomial: Double]

    /// The polynomial with these terms (terms with a coefficient of 0 or less are dropped).
    init(terms: [Monomial: Double]) {
        self.terms = terms.filter { $0.value > 0 }
    }

    /// The polynomial with these terms, all of whose coefficients are known to be positive
    /// (sums, products and maxima of positive coefficients are positive).
    private init(positive terms: [Monomial: Double]) {
        self.terms = terms
    }

    public static let zero = SizePolynomial(terms: [:])

    /// A constant.
    public static func constant(_ value: Double) -> SizePolynomial { SizePolynomial(terms: [[]: value]) }

    /// One variable.
    public static func variable(_ name: String) -> SizePolynomial { SizePolynomial(terms: [[name]: 1]) }

    /// True for the zero polynomial.
    public var isZero: Bool { terms.isEmpty }

    /// The highest total power of any term.
    public var degree: Int { terms.keys.map(\.count).max() ?? 0 }

    /// The variables that occur, sorted.
    public var variables: [String] { Array(Set(terms.keys.flatMap { $0 })).sorted() }

    /// The sum.
    public static func + (lhs: SizePolynomial, rhs: SizePolynomial) -> SizePolynomial {
        if lhs.isZero { return rhs }
        if rhs.isZero { return lhs }
        return SizePolynomial(positive: lhs.terms.merging(rhs.terms, uniquingKeysWith: +))
    }

    /// The product.
    public static func * (lhs: SizePolynomial, rhs: SizePolynomial) -> SizePolynomial {
        if let factor = lhs.constantValue { return factor * rhs }
        if let factor = rhs.constantValue { return factor * lhs }
        var terms: [Monomial: Double] = [:]
        for (a, x) in lhs.terms {
            for (b, y) in rhs.terms { terms[(a + b).sorted(), default: 0] += x * y }
        }
        return SizePolynomial(positive: terms)
    }

    /// The polynomial times a constant.
    public static func * (lhs: Double, rhs: SizePolynomial) -> SizePolynomial {
        if lhs == 1 { return rhs }
        guard lhs > 0 else { return .zero }
        return SizePolynomial(positive: rhs.terms.mapValues { $0 * lhs })
    }

    /// The value of a constant polynomial (0 for the zero polynomial), nil when a variable occurs.
    var constantValue: Double? {
        if terms.isEmpty { return 0 }
        guard terms.count == 1, let value = terms[[]] else { return nil }
        return value
    }

    /// A polynomial at least as large as both everywhere: the larger coefficient of each
    /// monomial (variables are never negative).
    public func max(_ other: SizePolynomial) -> SizePolynomial {
        if isZero { return other }
        if other.isZero || self == other { return self }
        return SizePolynomial(positive: terms.merging(other.terms, uniquingKeysWith: Swift.max))
    }

    /// The value for the given variables (missing ones count 0).
    public func evaluate(_ values: [String: Double]) -> Double {
        terms.reduce(0) { total, term in
            total + term.key.reduce(term.value) { $0 * (values[$1] ?? 0) }
        }
    }

    /// The terms from the constant up, each with its coefficient and variables.
    public var sortedTerms: [(monomial: Monomial, coefficient: Double)] {
        terms.map { ($0.key, $0.value) }.sorted { a, b in
            a.monomial.count != b.monomial.count ? a.monomial.count < b.monomial.count
                : a.monomial.lexicographicallyPrecedes(b.monomial)
        }
    }

    /// For example `120 + 35·bytes(completion) + len(steps)/8 + 3·len(a)·len(b)/64`.
    public var description: String {
        if terms.isEmpty { return "0" }
        return sortedTerms.map { Self.render($0.coefficient, $0.monomial) }.joined(separator: " + ")
    }

    /// One term: powers as `x^2`, coefficients as whole numbers or fractions where exact.
    static func render(_ coefficient: Double, _ monomial: Monomial) -> String {
        var factors: [String] = []
        var index = 0
        while index < monomial.count {
            var power = 1
            while index + power < monomial.count, monomial[index + power] == monomial[index] { power += 1 }
            factors.append(power == 1 ? monomial[index] : "\(monomial[index])^\(power)")
            index += power
        }
        let product = factors.joined(separator: "·")
        if monomial.isEmpty { return number(coefficient) }
        if coefficient == 1 { return product }
        if coefficient < 1, let denominator = exactDenominator(coefficient) {
            let numerator = (coefficient * denominator).rounded()
            return (numerator == 1 ? "" : number(numerator) + "·") + product + "/" + number(denominator)
        }
        return number(coefficient) + "·" + product
    }

    /// The smallest denominator up to 4096 that makes `value` a whole number, if any.
    static func exactDenominator(_ value: Double) -> Double? {
        for denominator in 2...4096 {
            let scaled = value * Double(denominator)
            if scaled == scaled.rounded() { return Double(denominator) }
        }
        return nil
    }

    /// A coefficient: whole numbers without a fraction, others in shortest form.
    public static func number(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int(value)) : "\(value)"
    }
}
