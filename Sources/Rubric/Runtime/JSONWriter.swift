extension JSON {
    /// Serializes `value` as compact JSON with no whitespace: map keys in insertion order,
    /// floats in their shortest round-trip form with ".0" kept on integral values, NaN and
    /// infinities as null, and strings escaped per RFC 8259 with non-ASCII left as UTF-8.
    public static func serialize(_ value: Value) -> String {
        var writer = JSONWriter(indentWidth: nil)
        writer.write(value, level: 0)
        return writer.result
    }

    /// Serializes `value` like `serialize`, but with each list element and map member on its
    /// own line, indented by `indent` spaces per level, and ": " between keys and values.
    public static func serializePretty(_ value: Value, indent: Int = 2) -> String {
        var writer = JSONWriter(indentWidth: max(0, indent))
        writer.write(value, level: 0)
        return writer.result
    }
}

/// Accumulates the UTF-8 bytes of a JSON document.
private struct JSONWriter {
    /// Spaces per nesting level, or nil for compact output on one line.
    let indentWidth: Int?
    /// The bytes written so far.
    private var output: [UInt8] = []

    /// Creates a writer for compact (`indentWidth` nil) or indented output.
    init(indentWidth: Int?) {
        self.indentWidth = indentWidth
    }

    /// The document written so far.
    var result: String { String(decoding: output, as: UTF8.self) }

    /// Appends `value`, which sits `level` containers deep (used for indentation). Depth is
    /// bounded by the values the runtime accepts, so recursion here is bounded too.
    mutating func write(_ value: Value, level: Int) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag):
            append(flag ? "true" : "false")
        case .int(let integer):
            append(String(integer))
        case .float(let number):
            writeFloat(number)
        case .string(let text):
            writeString(text)
        case .list(let elements):
            guard !elements.isEmpty else { return append("[]") }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeLineBreak(level: level + 1)
                write(element, level: level + 1)
            }
            writeLineBreak(level: level)
            output.append(UInt8(ascii: "]"))
        case .map(let box):
            guard !box.entries.isEmpty else { return append("{}") }
            output.append(UInt8(ascii: "{"))
            for (index, (key, member)) in box.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeLineBreak(level: level + 1)
                writeString(key)
                append(indentWidth == nil ? ":" : ": ")
                write(member, level: level + 1)
            }
            writeLineBreak(level: level)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a float in its shortest round-trip form, keeping ".0" on integral values so
    /// they read back as floats; JSON has no NaN or infinity, so those become null.
    private mutating func writeFloat(_ number: Double) {
        guard number.isFinite else { return append("null") }
        let text = number.description
        append(text)
        if !text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) {
            append(".0")
        }
    }

    /// Appends `text` as a quoted JSON string: `"`, `\` and the common control characters get
    /// short escapes, other control characters `\u00XX`, and everything else is copied.
    private mutating func writeString(_ text: String) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x0A: append("\\n")
            case 0x0D: append("\\r")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                output.append(JSONWriter.hexDigits[Int(byte >> 4)])
                output.append(JSONWriter.hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Starts a new line indented to `level` in pretty output; does nothing in compact output.
    private mutating func writeLineBreak(level: Int) {
        guard let indentWidth else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indentWidth * level))
    }

    /// Appends the UTF-8 of `text`.
    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    /// Lower-case hexadecimal digits for `\u` escapes.
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
