/// Renders diagnostics for people (file:line:col, the source line and a caret) and for
/// tools (one JSON object per diagnostic), so that a language model can repair its script.
public enum DiagnosticRenderer {
    /// Renders a diagnostic in the style
    /// ```
    /// error[E0201]: unknown name 'anwser'
    ///  --> r1.rubric:7:20
    ///   |
    /// 7 | score correct = anwser == boxed
    ///   |                 ^^^^^^
    ///   = help: did you mean 'answer'?
    /// ```
    public static func text(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        text(code: diagnostic.code.rawValue, message: diagnostic.message, at: diagnostic.range, in: source,
             severity: diagnostic.severity, notes: diagnostic.notes)
    }

    /// Renders a message with any stable code (a runtime error's, say) in the same style.
    public static func text(code: String, message: String, at range: SourceRange, in source: SourceFile,
                            severity: Severity = .error, notes: [String] = []) -> String {
        let location = source.location(of: range.start)
        let lineText = source.lineText(location.line)
        let gutter = String(repeating: " ", count: String(location.line).count)
        var lines = ["\(severity.rawValue)[\(code)]: \(message)"]
        lines.append("\(gutter)--> \(source.name):\(location.line):\(location.column)")
        lines.append("\(gutter) |")
        lines.append("\(location.line) | \(lineText.replacingTabs())")
        let endLocation = source.location(of: range.end)
        let lineLength = lineText.unicodeScalars.count
        var width = endLocation.line == location.line ? endLocation.column - location.column : lineLength - location.column + 1
        width = max(1, min(width, max(1, lineLength - location.column + 1)))
        let padding = String(repeating: " ", count: max(0, location.column - 1))
        lines.append("\(gutter) | \(padding)\(String(repeating: "^", count: width))")
        for note in notes { lines.append("\(gutter) = \(note)") }
        return lines.joined(separator: "\n")
    }

    /// Renders a diagnostic as a single-line JSON object with code, severity, message, file,
    /// line, column, end position, the source line and notes.
    public static func json(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        let start = source.location(of: diagnostic.range.start)
        let end = source.location(of: diagnostic.range.end)
        var fields: [String] = []
        fields.append("\"code\":\(quote(diagnostic.code.rawValue))")
        fields.append("\"severity\":\(quote(diagnostic.severity.rawValue))")
        fields.append("\"message\":\(quote(diagnostic.message))")
        fields.append("\"file\":\(quote(source.name))")
        fields.append("\"line\":\(start.line),\"column\":\(start.column)")
        fields.append("\"end_line\":\(end.line),\"end_column\":\(end.column)")
        fields.append("\"source_line\":\(quote(source.lineText(start.line)))")
        fields.append("\"notes\":[\(diagnostic.notes.map(quote).joined(separator: ","))]")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// Quotes a string as a JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    /// Replaces tabs with single spaces so that the caret lines up with the text.
    func replacingTabs() -> String {
        String(unicodeScalars.map { $0 == "\t" ? " " : Character($0) })
    }
}
