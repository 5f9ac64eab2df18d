import OrderedCollections

/// Shrinks the input of a failing case while it still fails the same way, so a finding shows
/// the smallest input that was cheap to find: fields the rubric does not read are dropped,
/// then batch members, then each input value is replaced greedily by a simpler one (empty,
/// halved, zero, one element or key fewer, absent). Every attempt is one evaluation, and the
/// number of attempts is bounded by `budget`.
struct FindingMinimiser {
    let program: Program
    /// Decides whether a candidate still shows the failure.
    let stillFails: (VerificationCase) -> Bool
    let budget: Int
    private(set) var attempts = 0

    init(program: Program, budget: Int, stillFails: @escaping (VerificationCase) -> Bool) {
        self.program = program
        self.budget = budget
        self.stillFails = stillFails
    }

    /// The smallest case found that still fails.
    mutating func minimise(_ original: VerificationCase) -> VerificationCase {
        var current = original
        var onlyInputs = current
        onlyInputs.samples = current.samples.map(keepingInputs)
        _ = accept(onlyInputs, into: &current)
        var member = current.samples.count - 1
        while member >= 0 && current.samples.count > 1 {
            var fewer = current
            fewer.samples.remove(at: member)
            fewer.groups?.remove(at: member)
            _ = accept(fewer, into: &current)
            member -= 1
        }
        var progress = true
        while progress && attempts < budget {
            progress = false
            for member in current.samples.indices {
                for input in program.inputs {
                    guard let value = InputBinding.lookup(current.samples[member], input.path) else { continue }
                    var options: [Value?] = Self.simpler(value)
                    if input.hasDefault || input.type.admitsNull { options.insert(nil, at: 0) }
                    for option in options where option.map({ SampleMutator.fits($0, input.type) }) ?? true {
                        var candidate = current
                        candidate.samples[member] = SamplePath.setting(candidate.samples[member], input.path, to: option)
                        if accept(candidate, into: &current) {
                            progress = true
                            break
                        }
                    }
                }
            }
        }
        return current
    }

    /// Replaces `current` by `candidate` when the budget allows a try and it still fails.
    mutating func accept(_ candidate: VerificationCase, into current: inout VerificationCase) -> Bool {
        guard attempts < budget else { return false }
        attempts += 1
        guard stillFails(candidate) else { return false }
        current = candidate
        return true
    }

    /// A sample holding only the fields the rubric's inputs read.
    func keepingInputs(_ sample: Value) -> Value {
        var kept = Value.map([:])
        for input in program.inputs {
            if let value = InputBinding.lookup(sample, input.path) { kept = SamplePath.setting(kept, input.path, to: value) }
        }
        return kept
    }

    /// Values simpler than `value`, simplest first; never `value` itself, so every accepted
    /// step makes the input strictly smaller and the search ends.
    static func simpler(_ value: Value) -> [Value] {
        switch value {
        case .null, .bool(false):
            return []
        case .bool(true):
            return [.bool(false)]
        case .int(let number):
            return [0, 1, number / 2].filter { $0.magnitude < number.magnitude }.map(Value.int)
        case .float(let number):
            let whole = number.rounded(.towardZero)
            return [0.0, 1.0, whole].filter { $0.magnitude < number.magnitude }.map(Value.float)
        case .string(let text):
            guard !text.isEmpty else { return [] }
            let characters = Array(text)
            let middle = characters.count / 2
            var options: [Value] = [.string("")]
            if middle > 0 {
                options.append(.string(String(characters[..<middle])))
                options.append(.string(String(characters[middle...])))
            }
            return options
        case .list(let items):
            guard !items.isEmpty else { return [] }
            var options: [Value] = [.list([])]
            if items.count > 1 {
                options.append(.list(Array(items[..<(items.count / 2)])))
                options.append(.list(Array(items[(items.count / 2)...])))
            }
            for index in items.indices.prefix(8) {
                var fewer = items
                fewer.remove(at: index)
                if items.count > 1 { options.append(.list(fewer)) }
                if let smaller = simplest(items[index]) {
                    var changed = items
                    changed[index] = smaller
                    options.append(.list(changed))
                }
            }
            return options
        case .map(let box):
            guard !box.entries.isEmpty else { return [] }
            var options: [Value] = [.map([:])]
            for (key, element) in box.entries.prefix(8) {
                var fewer = box.entries
                fewer.removeValue(forKey: key)
                if box.entries.count > 1 { options.append(.map(fewer)) }
                if let smaller = simplest(element) {
                    var changed = box.entries
                    changed[key] = smaller
                    options.append(.map(changed))
                }
            }
            return options
        }
    }

    /// The simplest value of the same kind as `value` ("", 0, [], {}, false), or nil when
    /// `value` is already that simple; used inside collections, without walking deeper.
    static func simplest(_ value: Value) -> Value? {
        let empty: Value
        switch value {
        case .null: return nil
        case .bool: empty = .bool(false)
        case .int: empty = .int(0)
        case .float: empty = .float(0)
        case .string: empty = .string("")
        case .list(let items): return items.isEmpty ? nil : .list([])
        case .map(let box): return box.entries.isEmpty ? nil : .map([:])
        }
        return JSON.serialize(empty) == JSON.serialize(value) ? nil : empty
    }
}
