import RubricSemantics

/// The registry of native builtins. Each family of builtins lives in its own file as an
/// extension adding a static list; `all` gathers them in a fixed order, which fixes the
/// index the compiler gives each builtin.
public enum BuiltinLibrary {
    /// Every builtin, in registration order.
    public static let all: [Builtin] = core + strings + math + regex + toolCalls
        + overlapMetrics + dataFormats + translationMetrics + mathAnswers

    /// Index of each builtin in `all`, by name.
    public static let indexByName: [String: Int] = {
        var table: [String: Int] = [:]
        for (index, builtin) in all.enumerated() {
            precondition(table[builtin.name] == nil, "builtin \(builtin.name) registered twice")
            table[builtin.name] = index
        }
        return table
    }()
}
