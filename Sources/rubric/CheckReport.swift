import Rubric
import RubricSemantics
import RubricSyntax

/// What `rubric check` prints about a rubric that compiles.
enum CheckReport {
    /// The ranges line of the text output.
    static func rangeLine(_ program: Program) -> String {
        "ranges: " + program.analysis.rangeSummary()
    }

    /// The summary object of the JSON output: the file, its ranges and, when asked, its cost.
    static func json(_ program: Program, file: String, cost: Bool) -> String {
        var fields = ["\"file\":\(DiagnosticRenderer.quote(file))", "\"ok\":true"]
        fields.append("\"ranges\":\(program.analysis.rangesJSON(source: program.source))")
        if cost { fields.append("\"cost\":\(program.analysis.costJSON(source: program.source))") }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
