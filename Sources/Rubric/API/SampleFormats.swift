import RubricSyntax

/// Helpers for hosts that read samples themselves (the `rubric eval` command, servers).
extension Evaluator {
    /// The value at `path` in `sample` (map keys and list indexes), or nil when absent.
    public static func lookup(_ sample: Value, _ path: [PathSegment]) -> Value? {
        InputBinding.lookup(sample, path)
    }

    /// Parses a dotted path such as `usage.completion_tokens` or `messages.0.content`: parts
    /// that are non-negative integers index lists, the others are map keys.
    public static func path(_ dotted: String) -> [PathSegment] {
        dotted.split(separator: ".", omittingEmptySubsequences: false).map { part in
            if let index = Int(part), index >= 0 { return .index(index) }
            return .key(String(part))
        }
    }

    /// Parses one YAML document (YAML 1.2 core schema, see `parse_yaml`) into a value; nil
    /// when the text is not valid YAML. Nesting deeper than `maxDepth` is an error, and a
    /// document may expand (through aliases) to at most `memoryBytes`.
    public static func parseYAML(_ text: String, maxDepth: Int, memoryBytes: Int = 1 << 30) throws(RuntimeError) -> Value? {
        try YAML.parse(text, maxDepth: maxDepth, memoryAllowance: memoryBytes, memoryLimit: memoryBytes)?.value
    }
}
