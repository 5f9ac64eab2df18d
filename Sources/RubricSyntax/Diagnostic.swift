/// How serious a diagnostic is: errors stop a rubric from running, warnings do not.
public enum Severity: String, Sendable, Codable {
    case error
    case warning
}

/// One message about a source file, with a stable code (such as `E0101`) that tools and
/// language models can key on, and the range it is about.
public struct Diagnostic: Sendable, Hashable {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// Optional extra lines shown under the caret, e.g. "help: use ?? to supply a default".
    public var notes: [String]

    public init(_ code: DiagnosticCode, _ message: String, at range: SourceRange,
                severity: Severity = .error, notes: [String] = []) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.notes = notes
    }
}

/// A list of diagnostics gathered while reading one file.
public struct DiagnosticBag: Sendable {
    public private(set) var items: [Diagnostic] = []
    /// Reporting stops after this many errors: a cascade helps nobody.
    public var limit = 50

    public init() {}

    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Records a diagnostic unless the bag is already full of errors.
    public mutating func report(_ diagnostic: Diagnostic) {
        if items.count < limit { items.append(diagnostic) }
    }

    /// Records an error with `code` and `message` at `range`.
    public mutating func error(_ code: DiagnosticCode, _ message: String, at range: SourceRange,
                               notes: [String] = []) {
        report(Diagnostic(code, message, at: range, notes: notes))
    }

    /// Appends every diagnostic from `other`.
    public mutating func merge(_ other: DiagnosticBag) {
        for item in other.items { report(item) }
    }

    /// Returns the diagnostics ordered by position, errors before warnings at the same place.
    public func sorted() -> [Diagnostic] {
        items.enumerated().sorted { lhs, rhs in
            if lhs.element.range.start != rhs.element.range.start {
                return lhs.element.range.start < rhs.element.range.start
            }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
