import RubricSyntax

/// Helpers for hosts that read samples themselves (the `rubric eval` command, servers).
extension Evaluator {
    /// The value at `path` in `sample` (map keys and list indexes), or nil when absent.
    public static func lookup(_ sample: Value, _ path: [PathSegment]) -> Value? {
        InputBinding.lookup(sample, path)
    }

    /// Parses a dotted path such as `usage.completion_tokens` or `messages.0.content`: a part
    /// that is a non-negative integer is a list index, any other part a map key.
    public static func parsePath(_ text: String) -> [PathSegment] {
        text.split(separator: ".", omittingEmptySubsequences: false).map { part in
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

extension Program {
    /// Where the group key of a sample is read: the rubric's `group = input`, following a
    /// field mapping of that input (`--map`) when there is one; nil when the rubric names no key.
    public func groupKeyPath(mappedBy overrides: [String: [PathSegment]]) -> [PathSegment]? {
        groupKeyPath.map { path in
            inputs.first { $0.path == path }.flatMap { overrides[$0.name] } ?? path
        }
    }
}
