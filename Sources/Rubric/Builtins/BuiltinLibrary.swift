import RubricSemantics

/// The registry of native builtins. Each family of builtins lives in its own file as an
/// extension adding a static list; `all` gathers them in a fixed order, which fixes the
/// index the compiler gives each builtin.
public enum BuiltinLibrary {
    /// Every builtin, in registration order, each with its entry of the cost table.
    public static let all: [Builtin] = families.flatMap(\.builtins)

    /// The builtins by family, with a title for each (used by the language card), each with
    /// its entry of the cost table.
    public static let families: [(title: String, builtins: [Builtin])] = [
        ("Core: numbers, lists, maps, conversions", core),
        ("Text", strings),
        ("Math", math),
        ("Regular expressions (PCRE2)", regex),
        ("Tool calls", toolCalls),
        ("Overlap metrics", overlapMetrics),
        ("JSON, YAML and tags", dataFormats),
        ("Translation metrics", translationMetrics),
        ("Math answers", mathAnswers),
    ].map { family in
        (family.0, family.1.map { builtin in
            var costed = builtin
            costed.signature.cost = BuiltinCosts.table[builtin.name]
            return costed
        })
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
