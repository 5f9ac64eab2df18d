import RubricSemantics

/// The registry of native builtins. Each family of builtins lives in its own file as an
/// extension adding a static list; `all` gathers them in a fixed order, which fixes the
/// index the compiler gives each builtin.
public enum BuiltinLibrary {
    /// Every builtin, in registration order, each with its entry of the cost table.
    public static let all: [Builtin] = (core + strings + math + regex + toolCalls
        + overlapMetrics + dataFormats + translationMetrics + mathAnswers).map { builtin in
            var costed = builtin
            costed.signature.cost = BuiltinCosts.table[builtin.name]
            return costed
        }

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
