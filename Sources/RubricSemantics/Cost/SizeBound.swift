/// An upper bound in size variables (a polynomial), or the reason there is none.
public enum SizeBound: Sendable, Hashable, CustomStringConvertible {
    case finite(SizePolynomial)
    case unbounded(Unboundedness)

    public static let zero = SizeBound.finite(.zero)
    /// A constant bound.
    public static func constant(_ value: Double) -> SizeBound { .finite(.constant(value)) }
    /// The bound that is one size variable.
    public static func variable(_ name: String) -> SizeBound { .finite(.variable(name)) }

    /// The polynomial of a finite bound.
    public var polynomial: SizePolynomial? {
        if case .finite(let polynomial) = self { return polynomial }
        return nil
    }

    /// True for the bound 0.
    public var isZero: Bool { polynomial?.isZero ?? false }

    /// A bound on the sum; unbounded when either is.
    public static func + (lhs: SizeBound, rhs: SizeBound) -> SizeBound {
        switch (lhs, rhs) {
        case (.finite(let a), .finite(let b)): .finite(a + b)
        case (.unbounded, _): lhs
        case (_, .unbounded): rhs
        }
    }

    /// The product; zero times anything is zero (no iterations do no work).
    public static func * (lhs: SizeBound, rhs: SizeBound) -> SizeBound {
        if lhs.isZero || rhs.isZero { return .zero }
        switch (lhs, rhs) {
        case (.finite(let a), .finite(let b)): return .finite(a * b)
        case (.unbounded, _): return lhs
        case (_, .unbounded): return rhs
        }
    }

    /// A bound times a non-negative constant.
    public static func * (lhs: Double, rhs: SizeBound) -> SizeBound {
        if lhs == 0 { return .zero }
        if case .finite(let polynomial) = rhs { return .finite(lhs * polynomial) }
        return rhs
    }

    /// A bound on the larger of the two.
    public func max(_ other: SizeBound) -> SizeBound {
        switch (self, other) {
        case (.finite(let a), .finite(let b)): .finite(a.max(b))
        case (.unbounded, _): self
        case (_, .unbounded): other
        }
    }

    public var description: String {
        switch self {
        case .finite(let polynomial): polynomial.description
        case .unbounded(let cause): "unbounded (\(cause.message))"
        }
    }
}
