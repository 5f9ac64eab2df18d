import OrderedCollections
import RubricSemantics

/// Mutations of a real sample: each changes one input's value into a nearby value of the
/// same type (emptied, truncated, doubled, tags removed, negated, …) or leaves out an input
/// that may be absent. Real records reach the paths of a rubric that generated values miss;
/// their mutations probe the edges next to them.
enum SampleMutator {
    /// Every mutation of `sample` for `program`'s inputs, each with a description.
    static func mutations(of sample: Value, program: Program) -> [(sample: Value, note: String)] {
        var result: [(Value, String)] = []
        for input in program.inputs {
            guard var value = InputBinding.lookup(sample, input.path) else { continue }
            if input.type.nonNull == .string, let text = InputBinding.conversationText(value) { value = text }
            for (variant, what) in variants(of: value, type: input.type) where fits(variant, input.type) {
                result.append((SamplePath.setting(sample, input.path, to: variant), "\(input.name) \(what)"))
            }
            if input.hasDefault || input.type.admitsNull {
                result.append((SamplePath.setting(sample, input.path, to: nil), "\(input.name) removed"))
            }
        }
        return result
    }

    /// True when a sample may give `value` for an input of `type`.
    static func fits(_ value: Value, _ type: RType) -> Bool {
        if case .success = InputBinding.convert(value, to: type, limit: 128) { return true }
        return false
    }

    /// Values near `value` that still have the declared `type`.
    static func variants(of value: Value, type: RType) -> [(Value, String)] {
        switch value {
        case .string(let text):
            let characters = Array(text)
            let middle = characters.count / 2
            var stripped = text
            for tag in ["<think>", "</think>", "<answer>", "</answer>"] {
                stripped = stripped.replacingAll(tag, with: "")
            }
            return [(.string(""), "emptied"),
                    (.string(String(characters[..<middle])), "truncated to half"),
                    (.string(text + text), "doubled"),
                    (.string(stripped), "with its tags removed"),
                    (.string(text.uppercased()), "upper-cased"),
                    (.string(text + "\n\\boxed{0}"), "with a second boxed answer"),
                    (.string(String(characters[..<middle]) + "🎉\u{301}" + String(characters[middle...])), "with an emoji inserted")]
        case .int(let number):
            return [(.int(0), "set to 0"), (.int(number == Int.min ? Int.max : -number), "negated"),
                    (.int(number == Int.max ? Int.min : number + 1), "plus one"), (.int(Int.max), "set to the largest int")]
        case .float(let number):
            return [(.float(0), "set to 0"), (.float(-number), "negated"),
                    (.float(number * 1e6), "times a million"), (.float(1e-300), "set to 1e-300")]
        case .bool(let flag):
            return [(.bool(!flag), "flipped")]
        case .list(let items):
            guard !items.isEmpty else { return [] }
            return [(.list([]), "emptied"), (.list([items[0]]), "cut to its first element"),
                    (.list(items.reversed()), "reversed"), (.list(items + items), "doubled")]
        case .map(let box):
            guard !box.entries.isEmpty else { return [] }
            var rest = box.entries
            rest.removeFirst()
            return [(.map([:]), "emptied"), (.map(rest), "without its first key")]
        case .null:
            return []
        }
    }
}

extension String {
    /// The string with every occurrence of `target` replaced by `replacement`.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
