import OrderedCollections
import RubricSyntax

/// Writes values into samples at an input's path (`usage.completion_tokens`, `messages.0`),
/// creating the maps and lists on the way, so a generated sample has the shape the rubric
/// reads. Paths are walked iteratively: a path is as long as its source text allows.
enum SamplePath {
    /// Returns `sample` with the value at `path` replaced by `value`, or removed when `value`
    /// is nil. Missing maps along the way are created; a list index past the end pads the
    /// list with nulls.
    static func setting(_ sample: Value, _ path: [PathSegment], to value: Value?) -> Value {
        guard !path.isEmpty else { return value ?? sample }
        // Walk down, remembering each container passed through.
        var containers: [Value] = []
        var current = sample
        for segment in path.dropLast() {
            containers.append(current)
            current = child(of: current, at: segment) ?? .null
        }
        var rebuilt = replacing(in: current, at: path[path.count - 1], with: value)
        // Rebuild upwards with the changed child.
        for (container, segment) in zip(containers, path.dropLast()).reversed() {
            rebuilt = replacing(in: container, at: segment, with: rebuilt)
        }
        return rebuilt
    }

    /// The child of `container` at `segment`, or nil when there is none.
    static func child(of container: Value, at segment: PathSegment) -> Value? {
        InputBinding.lookup(container, [segment])
    }

    /// `container` with its child at `segment` replaced (or removed when `child` is nil). A
    /// container of the wrong kind is replaced by a new one of the right kind.
    static func replacing(in container: Value, at segment: PathSegment, with child: Value?) -> Value {
        switch segment {
        case .key(let key):
            var entries: OrderedDictionary<String, Value> = [:]
            if case .map(let box) = container { entries = box.entries }
            entries[key] = child
            return .map(entries)
        case .index(let index):
            var items: [Value] = []
            if case .list(let existing) = container { items = existing }
            guard index >= 0 else { return .list(items) }
            if let child {
                while items.count <= index { items.append(.null) }
                items[index] = child
            } else if index < items.count {
                items.remove(at: index)
            }
            return .list(items)
        }
    }
}
