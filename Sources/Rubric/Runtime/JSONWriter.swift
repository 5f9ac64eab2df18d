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

    /// Appends a float (see `JSON.appendFloat`).
    private mutating func writeFloat(_ number: Double) {
        JSON.appendFloat(number, to: &output)
    }

    /// Appends a quoted, escaped string (see `JSON.appendString`).
    private mutating func writeString(_ text: String) {
        JSON.appendString(text, to: &output)
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
}

extension JSON {
    /// Appends a float in its shortest round-trip form, keeping ".0" on integral values so
    /// they read back as floats; JSON has no NaN or infinity, so those become null.
    static func appendFloat(_ number: Double, to output: inout [UInt8]) {
        guard number.isFinite else { return output.appendLiteral("null") }
        // Whole numbers below 10^15 (scores are often 0 or 1) are written as their digits and
        // ".0", which is what `description` gives them; -0.0 keeps its sign the long way.
        if number.rounded(.towardZero) == number, abs(number) < 1e15, !(number == 0 && number.sign == .minus) {
            appendDecimal(Int(number), to: &output)
            return output.appendLiteral(".0")
        }
        var text = number.description
        text.withUTF8 { bytes in
            output.append(contentsOf: bytes)
            if !bytes.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) {
                output.appendLiteral(".0")
            }
        }
    }

    /// Appends the decimal digits of `value`, with a minus sign when it is negative.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // 24 bytes: room for the 20 digits of any Int, written from the right.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            output.append(contentsOf: buffer[start...])
        }
    }

    /// Appends `text` as a quoted JSON string: `"`, `\` and the common control characters get
    /// short escapes, other control characters `\u00XX`, and everything else is copied.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.appendLiteral(#"\""#)
                case UInt8(ascii: "\\"): output.appendLiteral(#"\\"#)
                case 0x0A: output.appendLiteral(#"\n"#)
                case 0x0D: output.appendLiteral(#"\r"#)
                case 0x09: output.appendLiteral(#"\t"#)
                default:
                    output.appendLiteral(#"\u00"#)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Lower-case hexadecimal digits for `\u` escapes.
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of a literal in one copy.
    @inline(__always)
    mutating func appendLiteral(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }
}
