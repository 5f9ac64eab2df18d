import RubricSyntax

/// What the range analysis knows about a value. Numbers (and bools, as 0 or 1) have an
/// interval; lists know their elements, their length and sometimes their sum; maps know
/// their values; strings are `opaque` (they hold no number unless parsed); `null` adds
/// nothing to what a value may otherwise be; data of type `any`, or a value that may be of
/// different kinds, is `unknown` (it may be anything, for the reason given); `never` is the
/// value of an expression that always fails (such as `fail(...)`), which a conditional's
/// other branch then decides alone.
public indirect enum RangeValue: Sendable, Hashable {
    case number(NumberFact)
    case list(ListFact)
    case map(RangeValue)
    case opaque
    case null
    case unknown(Unboundedness)
    case never

    /// The cause given to a value that may be of different kinds; `RangeAnalysis.evaluate`
    /// places it at the expression that mixes them.
    static let mixed = Unboundedness(.other, "a value that may be a number or something else (text, a list, a map)",
                                     at: SourceRange(0, 0))

    /// The smallest description holding both values.
    public func hull(_ other: RangeValue) -> RangeValue {
        switch (self, other) {
        case (.never, let value), (let value, .never): return value
        case (.unknown, _): return self
        case (_, .unknown): return other
        // A value or null (an optional, a skip): the value's part is still known.
        case (.null, let value), (let value, .null): return value
        case (.number(let a), .number(let b)): return .number(a.hull(b))
        case (.list(let a), .list(let b)): return .list(a.hull(b))
        case (.map(let a), .map(let b)): return .map(a.hull(b))
        case (.opaque, .opaque): return .opaque
        default: return .unknown(Self.mixed)
        }
    }

    /// The same value with every cause found at `origin` moved to `site`: an input's causes
    /// are reported where the input is read.
    func relocating(_ origin: SourceRange, to site: SourceRange) -> RangeValue {
        switch self {
        case .number(let fact): return .number(fact.relocating(origin, to: site))
        case .list(var list):
            list.element = list.element.relocating(origin, to: site)
            list.length = list.length.relocating(origin, to: site)
            list.sum = list.sum?.relocating(origin, to: site)
            list.items = list.items?.map { $0.relocating(origin, to: site) }
            return .list(list)
        case .map(let value): return .map(value.relocating(origin, to: site))
        case .unknown(var cause):
            if cause.range == origin { cause.range = site }
            return .unknown(cause)
        case .opaque, .null, .never: return self
        }
    }

    /// The numeric fact of a number, nil for anything else.
    /// True for a list or a map, whose facts nest.
    var isContainer: Bool {
        switch self {
        case .list, .map: true
        default: false
        }
    }

    public var number: NumberFact? {
        if case .number(let fact) = self { return fact }
        return nil
    }
}

/// What the range analysis knows about a list.
public struct ListFact: Sendable, Hashable {
    /// Every element is described by this.
    public var element: RangeValue
    /// The number of elements, and why it is unbounded when it is.
    public var length: NumberFact
    /// The sum of the elements when it is known whatever the length (a telescoping sum),
    /// nil otherwise.
    public var sum: NumberFact?
    /// The value at each position, when the list has a known fixed shape (a list display, a
    /// pair from `zip` or `enumerate`).
    public var items: [RangeValue]?

    /// A list of `length` elements each described by `element`. Per-position facts are kept
    /// only for positions that hold no list or map: with lists of lists of known shape
    /// (`[a, a]` over `[a0, a0]`, forty times), every hull would visit each position of each
    /// level, exponentially many.
    public init(element: RangeValue, length: NumberFact, sum: NumberFact? = nil, items: [RangeValue]? = nil) {
        self.element = element
        self.length = length
        self.sum = sum
        self.items = items?.contains(where: \.isContainer) == true ? nil : items
    }

    /// A list of exactly these values.
    public static func of(_ items: [RangeValue]) -> ListFact {
        let element = items.reduce(RangeValue.never) { $0.hull($1) }
        var sum: NumberFact? = NumberFact(.point(0))
        for item in items {
            guard let total = sum, let number = item.number else { sum = nil; break }
            sum = NumberFact.combining(total.interval + number.interval, total, number)
        }
        return ListFact(element: element, length: NumberFact(.point(Double(items.count))), sum: sum, items: items)
    }

    /// The smallest description holding both lists.
    public func hull(_ other: ListFact) -> ListFact {
        var sum: NumberFact?
        if let a = self.sum, let b = other.sum { sum = a.hull(b) }
        var items: [RangeValue]?
        if let a = self.items, let b = other.items, a.count == b.count { items = zip(a, b).map { $0.hull($1) } }
        return ListFact(element: element.hull(other.element), length: length.hull(other.length), sum: sum, items: items)
    }
}
