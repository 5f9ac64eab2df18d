import Rubric

/// How the REPL shows values.
enum ReplFormat {
    /// A value as JSON: strings quoted, floats with a decimal point.
    static func value(_ value: Value) -> String {
        JSON.serialize(value)
    }

    /// A value as JSON cut to `limit` characters, for one line of a breakdown.
    static func short(_ value: Value, limit: Int = 120) -> String {
        let text = JSON.serialize(value)
        return text.count <= limit ? text : text.prefix(limit - 1) + "…"
    }

    /// A reported score or reward: a float, or `skip` for none.
    static func score(_ number: Double?) -> String {
        number.map { JSON.serialize(.float($0)) } ?? "skip"
    }
}
