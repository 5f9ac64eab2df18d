import RubricSyntax

/// The static analysis as text for people and as JSON for tools (the generate–check–repair
/// loop of a language model reads the JSON).
extension StaticAnalysis {
    /// One line: the range of the reward and of every score, e.g.
    /// `reward in [-1, 1] (declared, proved); format in [0, 1]; …`.
    public func rangeSummary() -> String {
        ranges.entries.map { entry in
            var text = "\(entry.name) in \(entry.inferred.interval)"
            if let declared = entry.declared { text += " (declared \(RangeProof.describe(declared)), proved)" }
            return text
        }.joined(separator: "; ")
    }

    /// The ranges as a JSON object: `{"reward": {...}, "scores": [{...}, ...]}`, each entry
    /// with its name, the inferred interval (null for an infinite bound), the declared one
    /// (or null) and the causes of infinite bounds with their positions.
    public func rangesJSON(source: SourceFile) -> String {
        func entry(_ entry: RangeReport.Entry) -> String {
            var fields = ["\"name\":\(DiagnosticRenderer.quote(entry.name))"]
            fields.append("\"inferred\":\(Self.json(entry.inferred.interval))")
            fields.append("\"declared\":" + (entry.declared.map { Self.json(Interval($0.bounds.lowerBound, $0.bounds.upperBound)) } ?? "null"))
            fields.append("\"proved\":\(entry.isProved)")
            let causes = entry.inferred.causes.map { cause in
                let location = source.location(of: cause.range.start)
                return "{\"kind\":\(DiagnosticRenderer.quote(cause.kind.rawValue)),\"message\":\(DiagnosticRenderer.quote(cause.message)),\"line\":\(location.line),\"column\":\(location.column)}"
            }
            fields.append("\"unbounded_because\":[\(causes.joined(separator: ","))]")
            return "{" + fields.joined(separator: ",") + "}"
        }
        let reward = ranges.reward.map(entry) ?? "null"
        return "{\"reward\":\(reward),\"scores\":[\(ranges.scores.map(entry).joined(separator: ","))]}"
    }

    /// An interval as `[lower, upper]`, null for an infinite bound and for an empty interval.
    static func json(_ interval: Interval) -> String {
        if interval.isEmpty { return "null" }
        func bound(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
        return "[\(bound(interval.lower)),\(bound(interval.upper))]"
    }
}
