import OrderedCollections
import Rubric
import RubricSyntax

/// The JSON texts the C interface returns about programs and their diagnostics.
enum ProgramInfo {
    /// Diagnostics as a JSON array of the objects `rubric check --format json` prints.
    static func diagnostics(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        "[" + diagnostics.map { DiagnosticRenderer.json($0, in: source) }.joined(separator: ",") + "]"
    }

    /// Diagnostics rendered as text with source lines and carets.
    static func text(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        diagnostics.map { DiagnosticRenderer.text($0, in: source) }.joined(separator: "\n")
    }

    /// A description of `program`: file and declared name, inputs, scores and how it groups samples.
    static func json(_ program: Program) -> String {
        let inputs: [Value] = program.inputs.map { input in
            .map(["name": .string(input.name), "path": .string(input.pathDescription),
                  "type": .string("\(input.type)"), "has_default": .bool(input.hasDefault)])
        }
        let object: OrderedDictionary<String, Value> = [
            "file": .string(program.source.name),
            "name": program.name.map(Value.string) ?? .null,
            "description": program.summary.map(Value.string) ?? .null,
            "inputs": .list(inputs),
            "scores": .list(program.scoreNames.map(Value.string)),
            "uses_groups": .bool(program.usesGroups),
            "uses_batch": .bool(program.usesBatch),
            "group_key": program.groupKeyPath.map { .string($0.map(\.description).joined(separator: ".")) } ?? .null,
            "fallback": program.fallback.map(Value.float) ?? .null,
        ]
        return JSON.serialize(.map(object))
    }
}
