import RubricSemantics
import RubricSyntax

/// Reads a program's inputs from a sample, checking each value against its declared type.
/// JSON has one number type, so an int is accepted where a float is declared (and widened),
/// and an integral float where an int is declared; nothing else converts.
enum InputBinding {
    /// Finds the value at `path` in `sample`, or nil if any step is missing.
    static func lookup(_ sample: Value, _ path: [PathSegment]) -> Value? {
        var current = sample
        for segment in path {
            switch (segment, current) {
            case (.key(let key), .map(let box)):
                guard let next = box.entries[key] else { return nil }
                current = next
            case (.index(let index), .list(let items)):
                guard index >= 0 && index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    /// The text a string input reads from a conversation: a list of `{"role", "content"}`
    /// messages (the chat format trainers pass completions in) gives the content of its last
    /// assistant message, or of its last message when none is from the assistant. Nil when
    /// `value` is not such a list.
    static func conversationText(_ value: Value) -> Value? {
        guard case .list(let messages) = value, !messages.isEmpty else { return nil }
        var last: Value?
        var lastAssistant: Value?
        for message in messages {
            guard case .map(let box) = message, case .string? = box.entries["role"],
                  let content = box.entries["content"], case .string = content else { return nil }
            last = content
            if case .string("assistant")? = box.entries["role"] { lastAssistant = content }
        }
        return lastAssistant ?? last
    }

    /// Converts `value` to `type`, or explains why it cannot be.
    static func convert(_ value: Value, to type: RType, depth: Int = 0, limit: Int) -> Result<Value, ConversionProblem> {
        if depth > limit { return .failure(ConversionProblem("nested deeper than \(limit) levels")) }
        switch (type, value) {
        case (.any, _): return .success(value)
        case (.optional, .null): return .success(.null)
        case (.optional(let wrapped), _): return convert(value, to: wrapped, depth: depth, limit: limit)
        case (.null, .null), (.bool, .bool), (.int, .int), (.float, .float), (.string, .string),
             (.number, .int), (.number, .float):
            return .success(value)
        case (.float, .int(let number)): return .success(.float(Double(number)))
        case (.int, .float(let number)):
            if let exact = Int(exactly: number) { return .success(.int(exact)) }
            let why = number.rounded() == number ? "a float outside the 64-bit integer range" : "the non-integral float"
            return .failure(ConversionProblem("expected int, got \(why) \(number)"))
        case (.list(.float), .list(let items)) where items.allSatisfy({ if case .float = $0 { true } else { false } }):
            return .success(value)
        case (.list(.string), .list(let items)) where items.allSatisfy({ if case .string = $0 { true } else { false } }):
            return .success(value)
        case (.list(let element), .list(let items)):
            var converted: [Value]?
            for (index, item) in items.enumerated() {
                switch convert(item, to: element, depth: depth + 1, limit: limit) {
                case .failure(let why): return .failure(ConversionProblem("element \(index): \(why.reason)"))
                case .success(let value):
                    if converted == nil, !identical(value, item) { converted = Array(items[..<index]) }
                    converted?.append(value)
                }
            }
            return .success(converted.map(Value.list) ?? value)
        case (.map(let element), .map(let box)):
            var changed = false
            var entries = box.entries
            for (key, item) in box.entries {
                switch convert(item, to: element, depth: depth + 1, limit: limit) {
                case .failure(let why): return .failure(ConversionProblem("key '\(key)': \(why.reason)"))
                case .success(let value):
                    if !identical(value, item) { entries[key] = value; changed = true }
                }
            }
            return .success(changed ? .map(entries) : value)
        default:
            return .failure(ConversionProblem("expected \(type), got \(value.typeName)"))
        }
    }

    /// True when conversion left the value as it was (only numbers ever change).
    private static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.float, .int), (.int, .float): return false
        default: return true
        }
    }
}

/// Why a value could not be converted to an input's declared type.
struct ConversionProblem: Error {
    var reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
