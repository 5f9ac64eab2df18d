import RubricSemantics
import RubricSyntax

/// The standard library written in Rubric (the `Stdlib/` folder, embedded by
/// `Stdlib/embed.py`). Every rubric may call its functions; a program includes only those it
/// calls, directly or through each other. A rubric's own definitions shadow library names.
public enum StandardLibrary {
    /// The modules joined into one source, parsed once per process.
    public static let shared: FunctionLibrary = FunctionLibrary(
        source: SourceFile(name: "<stdlib>", text: modules.map(\.text).joined(separator: "\n")))

    /// The module file and position of a library offset (see `FunctionLibrary.baseOffset`).
    public static func locate(_ offset: Int) -> (module: String, location: SourceLocation) {
        let location = shared.location(of: offset)
        var firstLine = 1
        for (name, text) in modules {
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
            if location.line < firstLine + lineCount {
                return (name, SourceLocation(line: location.line - firstLine + 1, column: location.column))
            }
            firstLine += lineCount
        }
        return ("<stdlib>", location)
    }
}
