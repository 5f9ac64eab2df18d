import RubricSyntax

/// The outcome of a property check: how many cases ran and every distinct finding.
public struct VerificationReport: Sendable {
    public var generated: Int
    public var dataCases: Int
    public var mutations: Int
    /// Samples evaluated (members of batches counted one by one), once per case.
    public var samples = 0
    /// The reward range that was checked, nil when none was declared or given.
    public var range: ClosedRange<Double>?
    public var findings: [VerificationFinding] = []
    /// Places where the rubric rejected generated or mutated input with `fail("…")` (see
    /// `PropertyVerifier`), one per position with the first input and how many samples.
    public var rejections: [VerificationFinding] = []

    public init(generated: Int, dataCases: Int, mutations: Int, range: ClosedRange<Double>?) {
        self.generated = generated
        self.dataCases = dataCases
        self.mutations = mutations
        self.range = range
    }

    /// True when every property held on every case.
    public var holds: Bool { findings.isEmpty }

    /// How each property fared: "ok", "failed", or "unchecked" (a range when none is known).
    public func status(of property: VerificationProperty) -> String {
        if findings.contains(where: { $0.property == property }) { return "failed" }
        return property == .range && range == nil ? "unchecked" : "ok"
    }

    /// Strings longer than this are cut in text reports (JSON reports keep whole inputs).
    static let shownStringLength = 160

    /// The report for a terminal: a line per property, then each finding with its input.
    public func text(file: String) -> String {
        let total = generated + dataCases + mutations
        var lines = ["verify \(file): \(total) cases (\(generated) generated, \(dataCases) from data, \(mutations) mutations), \(samples) samples"]
        for property in VerificationProperty.allCases {
            let mine = findings.filter { $0.property == property }
            var detail = ""
            if !mine.isEmpty {
                let cases = mine.reduce(0) { $0 + $1.occurrences }
                detail = "  \(mine.count) finding\(mine.count == 1 ? "" : "s") in \(cases) case\(cases == 1 ? "" : "s")"
            } else if property == .range, let range {
                detail = "  [\(JSON.number(range.lowerBound)), \(JSON.number(range.upperBound))]"
            } else if property == .range {
                detail = "  (the rubric declares no range)"
            }
            lines.append("  " + property.rawValue.padded(to: -15) + status(of: property) + detail)
        }
        lines += rejectionLines(file: file)
        for (number, finding) in findings.enumerated() {
            lines.append("")
            let code = finding.code.map { "error[\($0)]" } ?? finding.subject
            let position = finding.line.map { " at \(file):\($0):\(finding.column ?? 0)" } ?? ""
            let times = finding.occurrences == 1 ? "" : " (\(finding.occurrences) cases)"
            lines.append("finding \(number + 1): \(finding.property.rawValue): \(code)\(position): \(finding.message)\(times)")
            var origin = finding.origin.rawValue + (finding.note.isEmpty ? "" : ", \(finding.note)")
            if finding.minimised { origin = "minimised from " + origin }
            let member = finding.input.isBatch ? ", sample \(finding.member + 1) of the batch" : ""
            lines.append("  input (\(origin)\(member)): " + JSON.serialize(Self.shortened(finding.input)))
            if let groups = finding.groups { lines.append("  groups: \(groups)") }
        }
        return lines.joined(separator: "\n")
    }

    /// The rejections for a terminal: how many samples the rubric rejected, then one line per
    /// place with its message, count and first input; nothing when none was rejected.
    func rejectionLines(file: String) -> [String] {
        guard !rejections.isEmpty else { return [] }
        let count = rejections.reduce(0) { $0 + $1.occurrences }
        var lines = ["  " + "rejected".padded(to: -15)
            + "\(count) sample\(count == 1 ? "" : "s") by the rubric's own fail(…): inputs outside its preconditions, not findings"]
        for rejection in rejections {
            let position = rejection.line.map { "\(file):\($0):\(rejection.column ?? 0): " } ?? ""
            let times = rejection.occurrences == 1 ? "" : " (\(rejection.occurrences) samples)"
            lines.append("    \(position)\(rejection.message)\(times)")
            let origin = rejection.origin.rawValue + (rejection.note.isEmpty ? "" : ", \(rejection.note)")
            let member = rejection.input.isBatch ? ", sample \(rejection.member + 1) of the batch" : ""
            lines.append("      first input (\(origin)\(member)): " + JSON.serialize(Self.shortened(rejection.input)))
        }
        return lines
    }

    /// The report as one JSON object.
    public func json() -> String {
        let properties = VerificationProperty.allCases.map { "\(Self.quote($0.rawValue)):\(Self.quote(status(of: $0)))" }
        let rangeText = range.map { "[\(JSON.number($0.lowerBound)),\(JSON.number($0.upperBound))]" } ?? "null"
        return "{\"holds\":\(holds),\"cases\":{\"generated\":\(generated),\"data\":\(dataCases),\"mutations\":\(mutations)},"
            + "\"samples\":\(samples),\"range\":\(rangeText),\"properties\":{\(properties.joined(separator: ","))},"
            + "\"findings\":[\(findings.map(Self.json).joined(separator: ","))],"
            + "\"rejections\":[\(rejections.map(Self.json).joined(separator: ","))]}"
    }

    /// One finding (or rejection) as a JSON object.
    static func json(_ finding: VerificationFinding) -> String {
        let fields = ["\"property\":\(quote(finding.property.rawValue))",
                      "\"code\":\(finding.code.map(quote) ?? "null")",
                      "\"message\":\(quote(finding.message))",
                      "\"subject\":\(quote(finding.subject))",
                      "\"line\":\(finding.line.map(String.init) ?? "null")",
                      "\"column\":\(finding.column.map(String.init) ?? "null")",
                      "\"occurrences\":\(finding.occurrences)",
                      "\"minimised\":\(finding.minimised)",
                      "\"origin\":\(quote(finding.origin.rawValue))",
                      "\"note\":\(quote(finding.note))",
                      "\"member\":\(finding.member)",
                      "\"input\":\(JSON.serialize(finding.input))",
                      "\"groups\":" + (finding.groups.map { "[" + $0.map(String.init).joined(separator: ",") + "]" } ?? "null")]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `text` as a JSON string.
    static func quote(_ text: String) -> String { DiagnosticRenderer.quote(text) }

    /// `value` with long strings cut to `shownStringLength` characters and a note of the rest.
    /// Values come from samples, whose nesting the value-depth limit bounds.
    static func shortened(_ value: Value) -> Value {
        switch value {
        case .string(let text) where text.count > shownStringLength:
            return .string(String(text.prefix(shownStringLength)) + "…(\(text.count - shownStringLength) more characters)")
        case .list(let items): return .list(items.map(shortened))
        case .map(let box): return .map(box.entries.mapValues(shortened))
        default: return value
        }
    }
}

extension Value {
    /// True for a list: a finding's input that is a whole batch.
    var isBatch: Bool {
        if case .list = self { return true }
        return false
    }
}
