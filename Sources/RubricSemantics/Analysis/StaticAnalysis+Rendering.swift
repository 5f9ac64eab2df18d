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

extension StaticAnalysis {
    /// The cost bound as text: one line per score, the reward and every other binding that
    /// costs anything, the total, and what each variable means.
    public func costText(source: SourceFile) -> String {
        let shown = cost.bindings.filter { !$0.bound.isZero || $0.kind == .score || $0.kind == .reward }
        let labels = shown.map { Self.label($0) } + ["total"]
        let width = labels.map(\.count).max() ?? 0
        var lines = ["cost: fuel per sample is at most"]
        for (label, binding) in zip(labels, shown) {
            lines.append("  " + Self.padded(label, width) + "  " + Self.text(binding.bound, source))
        }
        lines.append("  " + Self.padded("total", width) + "  " + Self.text(cost.total, source))
        let variables = cost.usedVariables
        if !variables.isEmpty { lines.append("  where") }
        for variable in variables { lines.append("    \(variable.name) = \(variable.meaning)") }
        return lines.joined(separator: "\n")
    }

    /// The cost bound as a JSON object: the total, each binding's bound with its position, and
    /// the variables. A bound is `{"bounded": true, "formula": "...", "terms": [...]}` or
    /// `{"bounded": false, "reason": "...", "line": L, "column": C}`.
    public func costJSON(source: SourceFile) -> String {
        let bindings = cost.bindings.map { binding -> String in
            let location = source.location(of: binding.range.start)
            return "{\"name\":\(DiagnosticRenderer.quote(binding.name)),\"kind\":\(DiagnosticRenderer.quote(binding.kind.rawValue)),"
                + "\"line\":\(location.line),\"column\":\(location.column),\"bound\":\(Self.json(binding.bound, source))}"
        }
        let variables = cost.usedVariables.map {
            "{\"name\":\(DiagnosticRenderer.quote($0.name)),\"meaning\":\(DiagnosticRenderer.quote($0.meaning))}"
        }
        return "{\"total\":\(Self.json(cost.total, source)),\"bindings\":[\(bindings.joined(separator: ","))],"
            + "\"variables\":[\(variables.joined(separator: ","))]}"
    }

    /// `text` followed by spaces up to `width` characters.
    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    /// How a binding is named in the text: `score format`, `input tokens (default)`, …
    static func label(_ binding: CostReport.Binding) -> String {
        switch binding.kind {
        case .reward: "reward"
        case .input: "input \(binding.name) (default)"
        case .collected: binding.name
        case .steps, .latent, .groupKey: binding.kind == .groupKey ? "group" : binding.kind.rawValue
        default: "\(binding.kind.rawValue) \(binding.name)"
        }
    }

    /// A bound as text; an unbounded one with its reason and position.
    static func text(_ bound: SizeBound, _ source: SourceFile) -> String {
        switch bound {
        case .finite(let polynomial): return polynomial.description
        case .unbounded(let cause):
            let location = source.location(of: cause.range.start)
            return "unbounded: \(cause.message) (line \(location.line), column \(location.column))"
        }
    }

    /// A bound as JSON.
    static func json(_ bound: SizeBound, _ source: SourceFile) -> String {
        switch bound {
        case .finite(let polynomial):
            let terms = polynomial.sortedTerms.map { term in
                "{\"coefficient\":\(term.coefficient),\"variables\":[\(term.monomial.map(DiagnosticRenderer.quote).joined(separator: ","))]}"
            }
            return "{\"bounded\":true,\"formula\":\(DiagnosticRenderer.quote(polynomial.description)),\"terms\":[\(terms.joined(separator: ","))]}"
        case .unbounded(let cause):
            let location = source.location(of: cause.range.start)
            return "{\"bounded\":false,\"reason\":\(DiagnosticRenderer.quote(cause.message)),\"line\":\(location.line),\"column\":\(location.column)}"
        }
    }
}
