import OrderedCollections
import Rubric

/// Reading a request body: UTF-8 text holding one JSON object, whose fields are checked with
/// errors that name the field and what was expected.
enum JSONBody {
    /// Decodes `bytes` as UTF-8 and parses them as one JSON object. Invalid UTF-8 is `S4001`
    /// (never replaced silently), invalid JSON or nesting deeper than `maxDepth` is `S4000`,
    /// and any value other than an object is `S4002`.
    static func object(_ bytes: some Collection<UInt8>, maxDepth: Int,
                       expected: String) throws(ServerError) -> OrderedDictionary<String, Value> {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ServerError(.invalidUTF8, "the body is not valid UTF-8")
        }
        let value: Value
        do throws(RuntimeError) {
            value = try JSON.parse(text, maxDepth: maxDepth)
        } catch {
            throw ServerError(.invalidJSON, "the body is not valid JSON: \(error.message)")
        }
        guard case .map(let box) = value else {
            throw ServerError(.invalidField, "the body must be a JSON object \(expected), not \(value.typeName)")
        }
        return box.entries
    }

    /// The list in field `name`: required (`S4002` when absent, null or not a list), or nil
    /// when optional and absent or null.
    static func list(_ fields: OrderedDictionary<String, Value>, _ name: String,
                     required: Bool) throws(ServerError) -> [Value]? {
        switch fields[name] {
        case .list(let elements)?: return elements
        case nil, .null?:
            if required { throw ServerError(.invalidField, "the field '\(name)' is required: a list") }
            return nil
        case let other?:
            throw ServerError(.invalidField, "the field '\(name)' must be a list, not \(other.typeName)")
        }
    }

    /// The elements of `list` as strings, or `S4002` naming the first element that is not.
    static func strings(_ list: [Value], field name: String) throws(ServerError) -> [String] {
        var strings: [String] = []
        strings.reserveCapacity(list.count)
        for (index, element) in list.enumerated() {
            guard case .string(let text) = element else {
                throw ServerError(.invalidField, "\(name)[\(index)] must be a string, not \(element.typeName)")
            }
            strings.append(text)
        }
        return strings
    }

    /// Checks that an optional parallel list has one element per sample (`S4003`).
    static func checkLength(_ list: [Value]?, _ name: String, count: Int, of reference: String) throws(ServerError) {
        guard let list, list.count != count else { return }
        throw ServerError(.lengthMismatch, "'\(name)' has \(list.count) elements but '\(reference)' has \(count)")
    }

    /// Checks a request's sample count against the server's bound (`S4004`).
    static func checkCount(_ count: Int, limit: Int) throws(ServerError) {
        guard count > limit else { return }
        throw ServerError(.tooManySamples, "the request has \(count) samples; the server takes at most \(limit) per request")
    }
}
