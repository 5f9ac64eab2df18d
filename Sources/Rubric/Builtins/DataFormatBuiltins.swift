import RubricSemantics

/// The builtins for JSON and YAML parsing of strings and tag extraction.
///
/// Parsing never fails on bad text: invalid JSON or YAML gives null. It fails only on a
/// limit, because the text was valid but too big to accept: lists and maps nested deeper than
/// `Limits.maxValueDepth` (`valueTooDeep`), or a result over the memory budget
/// (`memoryExceeded`). Metering follows `CoreSupport`: one unit of fuel per 64 bytes of text
/// read (charged first) and one per 8 elements produced, and memory for the parsed value (16
/// bytes per list element or map entry plus the UTF-8 length of every string and key).
extension BuiltinLibrary {
    /// Every builtin of this family, in registration order.
    static var dataFormats: [Builtin] {
        [
            // parse_json(text) parses strict RFC 8259 JSON, or gives null.
            Builtin(BuiltinSignature(
                "parse_json", [BuiltinParameter("text", .string)], returns: .any,
                summary: "Parses the string as one JSON value (objects become maps in key order) and returns it, or null when the text is not valid JSON (as for the JSON text null; use is_json to tell them apart).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "parse_json")
                guard let value = try parseJSON(text, "parse_json", context) else { return .null }
                let cost = ValueCost.measure(value)
                try CoreSupport.chargeElements(context, cost.elements)
                try CoreSupport.allocate(context, count: cost.memory, size: 1)
                return value
            },

            // is_json(text) tells whether parse_json would parse the text.
            Builtin(BuiltinSignature(
                "is_json", [BuiltinParameter("text", .string)], returns: .bool,
                summary: "Returns true if the string is exactly one valid JSON value, surrounding whitespace allowed.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "is_json")
                return .bool(try parseJSON(text, "is_json", context) != nil)
            },

            // parse_yaml(text) parses one YAML document with the core schema, or gives null.
            Builtin(BuiltinSignature(
                "parse_yaml", [BuiltinParameter("text", .string)], returns: .any,
                summary: "Parses the string as a single YAML document with the YAML 1.2 core schema (mappings become maps with string keys, aliases are expanded) and returns it, or null when it is not valid YAML.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let text = try CoreSupport.string(arguments[0], "parse_yaml")
                try CoreSupport.chargeBytes(context, text.utf8.count)
                guard let parsed = try YAML.parse(text, maxDepth: context.limits.maxValueDepth,
                                                  memoryAllowance: context.limits.memoryBytes - context.memoryUsed,
                                                  memoryLimit: context.limits.memoryBytes) else { return .null }
                try CoreSupport.chargeElements(context, parsed.elements)
                try CoreSupport.allocate(context, count: parsed.memory, size: 1)
                return parsed.value
            },

            // to_json(value) writes compact JSON.
            Builtin(BuiltinSignature(
                "to_json", [BuiltinParameter("value", .any)], returns: .string,
                summary: "Returns the value as compact JSON: no spaces, map keys in order, floats in shortest round-trip form (NaN and infinities as null), non-ASCII characters unescaped.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let allowance = context.limits.memoryBytes - context.memoryUsed
                guard let size = ValueCost.serializedLength(arguments[0], limit: max(allowance, 0)) else {
                    throw RuntimeError(.memoryExceeded,
                                       "memory limit exceeded: the sample allocated more than \(context.limits.memoryBytes) bytes")
                }
                try CoreSupport.chargeElements(context, size.elements)
                // Writing JSON escapes and formats as it goes.
                try CoreSupport.chargeBytes(context, BuiltinCosts.jsonWritingPasses * size.bytes)
                try CoreSupport.allocate(context, count: size.bytes, size: 1)
                return .string(JSON.serialize(arguments[0]))
            },

            // extract_tag(text, tag) is the first <tag>…</tag>, non-greedy.
            Builtin(BuiltinSignature(
                "extract_tag", tagParameters, returns: .optional(.string),
                summary: "Returns the text between the first <tag> and the next </tag> after it (newlines included), or null when there is no such pair.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let found = try tagContents(arguments, "extract_tag", limit: 1, context)
                return found.first.map { .string($0) } ?? .null
            },

            // extract_tags(text, tag) is every non-overlapping <tag>…</tag>.
            Builtin(BuiltinSignature(
                "extract_tags", tagParameters, returns: .list(.string),
                summary: "Returns the text inside every non-overlapping <tag>…</tag> pair, left to right, each ending at the first </tag> after its <tag> (re.findall with a non-greedy, dot-all pattern).")
            ) { arguments, context throws(RuntimeError) -> Value in
                let found = try tagContents(arguments, "extract_tags", limit: .max, context)
                try CoreSupport.allocateList(context, found.count)
                try CoreSupport.chargeElements(context, found.count)
                return .list(found.map { .string($0) })
            },

            // last_tag(text, tag) is the last of extract_tags(text, tag).
            Builtin(BuiltinSignature(
                "last_tag", tagParameters, returns: .optional(.string),
                summary: "Returns the text inside the last of the pairs extract_tags finds, or null when there is none.")
            ) { arguments, context throws(RuntimeError) -> Value in
                let found = try tagContents(arguments, "last_tag", limit: .max, context, keepLastOnly: true)
                return found.last.map { .string($0) } ?? .null
            },
        ]
    }

    /// The parameters of the tag builtins.
    private static var tagParameters: [BuiltinParameter] {
        [BuiltinParameter("text", .string), BuiltinParameter("tag", .string)]
    }

    /// Parses JSON text for `parse_json` and `is_json` after charging fuel for its bytes: nil
    /// for a syntax error; nesting past the value-depth limit is rethrown as a limit error.
    private static func parseJSON(_ text: String, _ name: String,
                                  _ context: ExecutionContext) throws(RuntimeError) -> Value? {
        try CoreSupport.chargeBytes(context, text.utf8.count)
        do throws(RuntimeError) {
            return try JSON.parse(text, maxDepth: context.limits.maxValueDepth)
        } catch where error.code == .invalidSample {
            return nil
        }
    }

    /// Checks the arguments of a tag builtin, charges fuel for the text and memory for the
    /// strings returned (only the last one when `keepLastOnly`), and returns the contents found.
    private static func tagContents(_ arguments: UnsafeBufferPointer<Value>, _ name: String, limit: Int,
                                    _ context: ExecutionContext, keepLastOnly: Bool = false) throws(RuntimeError) -> [String] {
        let text = try CoreSupport.string(arguments[0], name, "a string for text")
        let tag = try CoreSupport.string(arguments[1], name, "a string for tag")
        guard TagSupport.isValidName(tag) else {
            throw RuntimeError(.invalidArgument,
                               "\(name): the tag name \(CoreSupport.preview(tag)) must be letters, digits, '_', '-' or ':'")
        }
        try CoreSupport.chargeBytes(context, text.utf8.count)
        var found = TagSupport.contents(of: tag, in: text, limit: limit)
        if keepLastOnly, let last = found.last { found = [last] }
        try CoreSupport.allocate(context, count: found.reduce(0) { $0 + $1.utf8.count }, size: 1)
        return found
    }
}
