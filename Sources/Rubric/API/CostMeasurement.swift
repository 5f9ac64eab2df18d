import RubricSemantics

/// Sizes of concrete values as the cost formulas count them (see `ArgumentMeasure`), and
/// the size variables of a program's cost bound measured on a sample: what turns `check`'s
/// formula into a number for one sample. Values are nested at most `Limits.maxValueDepth`
/// deep, which bounds the recursion here.
public enum CostMeasurement {
    /// One size of a value.
    public static func measure(_ value: Value, _ kind: ArgumentMeasure) -> Double {
        switch (kind, value) {
        case (.bytes, .string(let text)), (.length, .string(let text)), (.size, .string(let text)),
             (.stringBytes, .string(let text)):
            return Double(text.utf8.count)
        case (.bytes, .list(let items)): return items.reduce(0) { $0 + measure($1, .bytes) }
        case (.bytes, .map(let box)):
            return box.entries.reduce(0) { $0 + Double($1.key.utf8.count) + measure($1.value, .bytes) }
        case (.length, .list(let items)): return Double(items.count)
        case (.length, .map(let box)): return Double(box.entries.count)
        case (.magnitude, .int(let number)): return Double(number.magnitude)
        case (.size, .list(let items)): return items.reduce(Double(items.count)) { $0 + measure($1, .size) }
        case (.size, .map(let box)):
            return box.entries.reduce(Double(box.entries.count)) { $0 + Double($1.key.utf8.count) + measure($1.value, .size) }
        case (.keyBytes, .map(let box)): return Double(box.entries.keys.map(\.utf8.count).max() ?? 0)
        case (.text, _):
            return Double(max(displayString(value, maxBytes: .max).utf8.count, JSON.serialize(value).utf8.count))
        default: return 0
        }
    }

    /// The largest measure among the values `levels` levels down (list elements, map values).
    static func largest(_ value: Value, _ kind: ArgumentMeasure, levels: Int) -> Double {
        guard levels > 0 else { return measure(value, kind) }
        switch value {
        case .list(let items): return items.map { largest($0, kind, levels: levels - 1) }.max() ?? 0
        case .map(let box): return box.entries.values.map { largest($0, kind, levels: levels - 1) }.max() ?? 0
        default: return 0
        }
    }
}

extension Program {
    /// The variables of the cost bound (`analysis.cost`) measured on `sample`, a parsed JSON
    /// object, with the inputs read as an evaluation reads them; absent inputs measure 0.
    /// `groupSize` and `batchSize` give `group_size` and `batch_size`.
    public func costVariables(of sample: Value, groupSize: Int = 1, batchSize: Int = 1) -> [String: Double] {
        var values: [String: Double] = [:]
        for variable in analysis.cost.variables {
            switch variable.source {
            case .groupSize: values[variable.name] = Double(groupSize)
            case .batchSize: values[variable.name] = Double(batchSize)
            case .input(let name, let levels):
                guard let input = inputs.first(where: { $0.name == name }),
                      var found = InputBinding.lookup(sample, input.path) else { continue }
                if input.type.nonNull == .string, let text = InputBinding.conversationText(found) { found = text }
                values[variable.name] = CostMeasurement.largest(found, variable.measure, levels: levels)
            }
        }
        return values
    }
}
