import CSupport
import OrderedCollections

/// Conversion between JSON text and `Value`. Parsing is strict RFC 8259 with a nesting bound and
/// never recurses, so no input can exhaust the stack; serialization is deterministic: map keys
/// in insertion order, floats in their shortest round-trip form.
public enum JSON {
    /// Parses `text` as one JSON value. Objects become maps that keep their keys in order (a
    /// repeated key keeps its first position and takes its last value, as in Python); numbers
    /// without a fraction or exponent that fit an `Int` become ints, all others floats.
    /// Throws `valueTooDeep` when lists and objects nest more than `maxDepth` levels, and
    /// `invalidSample` with the byte offset for any syntax error.
    public static func parse(_ text: String, maxDepth: Int) throws(RuntimeError) -> Value {
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(RuntimeError) -> Value in
                var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
                defer { parser.scratch.deallocate() }
                return try parser.parseDocument()
            }
        }.get()
    }
}

/// The bytes of a string being decoded: raw memory that grows geometrically, so runs of
/// plain text are added with one memcpy each and the buffer is reused for every string of a
/// document.
private struct DecodeBuffer {
    private var base: UnsafeMutablePointer<UInt8>?
    private var capacity = 0
    private var count = 0

    /// Forgets the bytes, keeping the memory.
    mutating func removeAll() { count = 0 }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        reserve(1)
        base![count] = byte
        count += 1
    }

    /// Appends a run of bytes.
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base! + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The bytes as a string (invalid UTF-8 repaired, as everywhere).
    func string() -> String {
        guard let base else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    /// Makes room at once for a string of up to `expected` bytes (at most 1 MiB ahead; later
    /// growth doubles), so decoding a string rarely reallocates.
    mutating func prepare(expected: Int) {
        let wanted = min(expected, 1 << 20)
        if capacity < wanted { grow(to: wanted) }
    }

    /// Reallocates to hold at least `needed` bytes.
    private mutating func grow(to needed: Int) {
        let newCapacity = max(256, 2 * capacity, needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        if let base {
            grown.update(from: base, count: count)
            base.deallocate()
        }
        base = grown
        capacity = newCapacity
    }

    /// Frees the memory; the buffer must not be used afterwards.
    func deallocate() { base?.deallocate() }
}

/// A list or object the parser has opened and not yet closed.
private struct OpenContainer {
    /// True for an object, false for a list.
    var isObject: Bool
    /// The elements read so far, for a list; the member values, for an object.
    var elements: [Value] = []
    /// The member keys read so far, in order, for an object (repeats included).
    var keys: [String] = []
    /// The key whose value is being read, for an object.
    var pendingKey: String = ""

    /// Opens a list or an object, with room for a few elements or members so that small
    /// containers never regrow.
    init(isObject: Bool) {
        self.isObject = isObject
        elements.reserveCapacity(8)
        if isObject { keys.reserveCapacity(8) }
    }

    /// The closed object as a map. Keys are collected in arrays and the map is built once:
    /// when they are all different (the usual case) without hashing them one at a time;
    /// otherwise member by member, so a repeated key keeps its first position and takes its
    /// last value.
    func objectValue() -> Value {
        if Self.areDistinct(keys) { return .map(OrderedDictionary(uncheckedUniqueKeys: keys, values: elements)) }
        var members: OrderedDictionary<String, Value> = [:]
        for (key, value) in zip(keys, elements) { members[key] = value }
        return .map(members)
    }

    /// True when no key repeats: compared pairwise for the few keys most objects have,
    /// through a set for more.
    static func areDistinct(_ keys: [String]) -> Bool {
        guard keys.count > 8 else {
            for index in keys.indices.dropFirst() where keys[..<index].contains(keys[index]) { return false }
            return true
        }
        return Set(keys).count == keys.count
    }
}

/// An iterative JSON parser over UTF-8 bytes. Open containers live on an explicit stack, so
/// the depth of the input only costs heap, and it is bounded by `maxDepth` anyway.
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    /// Offset of the next byte to read.
    var position = 0
    /// Reused buffer for strings that contain escapes; the caller deallocates it.
    var scratch = DecodeBuffer()

    /// Creates a parser positioned at the start of `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses the whole input as one value followed only by whitespace.
    mutating func parseDocument() throws(RuntimeError) -> Value {
        var open: [OpenContainer] = []
        open.reserveCapacity(4)
        var value: Value
        readingValues: while true {
            skipWhitespace()
            guard position < bytes.count else { throw syntaxError("unexpected end of input, expected a value") }
            switch bytes[position] {
            case UInt8(ascii: "["):
                try checkDepth(open.count)
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    value = .list([])
                } else {
                    open.append(OpenContainer(isObject: false))
                    continue readingValues
                }
            case UInt8(ascii: "{"):
                try checkDepth(open.count)
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                    position += 1
                    value = .map([:])
                } else {
                    var object = OpenContainer(isObject: true)
                    object.pendingKey = try parseKey()
                    open.append(object)
                    continue readingValues
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw syntaxError("unexpected \(describeCharacter(at: position)), expected a value")
            }
            // The value is complete: store it in the innermost container, closing every
            // container that ends right after it.
            while let innermost = open.indices.last {
                skipWhitespace()
                let next: UInt8? = position < bytes.count ? bytes[position] : nil
                if open[innermost].isObject {
                    open[innermost].keys.append(open[innermost].pendingKey)
                    open[innermost].elements.append(value)
                    switch next {
                    case UInt8(ascii: ","):
                        position += 1
                        open[innermost].pendingKey = try parseKey()
                        continue readingValues
                    case UInt8(ascii: "}"):
                        position += 1
                        value = open.removeLast().objectValue()
                    default:
                        throw syntaxError("expected ',' or '}' after an object member, found \(describeCharacter(at: position))")
                    }
                } else {
                    open[innermost].elements.append(value)
                    switch next {
                    case UInt8(ascii: ","):
                        position += 1
                        continue readingValues
                    case UInt8(ascii: "]"):
                        position += 1
                        value = .list(open.removeLast().elements)
                    default:
                        throw syntaxError("expected ',' or ']' after a list element, found \(describeCharacter(at: position))")
                    }
                }
            }
            break readingValues
        }
        skipWhitespace()
        guard position == bytes.count else {
            throw syntaxError("unexpected \(describeCharacter(at: position)) after the JSON value")
        }
        return value
    }

    /// Fails with `valueTooDeep` if opening one more container inside `openCount` would exceed
    /// the nesting bound.
    private func checkDepth(_ openCount: Int) throws(RuntimeError) {
        guard openCount < maxDepth else {
            throw RuntimeError(.valueTooDeep,
                               "JSON nests lists and objects more than \(maxDepth) levels deep (at byte \(position))")
        }
    }

    /// Reads an object key and the colon after it, leaving the position at the member's value.
    private mutating func parseKey() throws(RuntimeError) -> String {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw syntaxError("expected a string key, found \(describeCharacter(at: position))")
        }
        let key = try parseString()
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw syntaxError("expected ':' after an object key, found \(describeCharacter(at: position))")
        }
        position += 1
        return key
    }

    /// Reads a string starting at its opening quote, decoding escapes. Runs of plain bytes
    /// are found eight at a time (`plainRunEnd`); a string without escapes is built from the
    /// input bytes in one piece, one with escapes from `scratch`.
    private mutating func parseString() throws(RuntimeError) -> String {
        let openingQuote = position
        position += 1
        var runStart = position
        var hasEscapes = false
        while true {
            position = plainRunEnd(from: position)
            guard position < bytes.count else { break }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<position])
                position += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                scratch.append(run)
                return scratch.string()
            }
            guard byte == UInt8(ascii: "\\") else { throw controlCharacterError(byte) }
            if !hasEscapes {
                hasEscapes = true
                scratch.removeAll()
                // The rest of the document bounds the decoded length of the string.
                scratch.prepare(expected: bytes.count - runStart)
            }
            scratch.append(UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            try parseEscape()
            runStart = position
        }
        position = openingQuote
        throw syntaxError("unterminated string")
    }

    /// The offset of the first byte at or after `start` that ends a run of plain string
    /// content (a quote, a backslash or a control byte), or the end of the input.
    @inline(__always)
    private func plainRunEnd(from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return start }
        return rubric_json_plain_run_end(base, start, bytes.count)
    }

    /// Decodes the escape sequence at the position (a backslash) into `scratch`. A `\u` escape
    /// of a UTF-16 surrogate pair becomes one scalar; an unpaired surrogate, which no Swift
    /// string can hold, becomes U+FFFD.
    private mutating func parseEscape() throws(RuntimeError) {
        let escapeStart = position
        position += 1
        guard position < bytes.count else {
            throw syntaxError("unterminated string")
        }
        let letter = bytes[position]
        position += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: position) else {
                position = escapeStart
                throw syntaxError("invalid \\u escape: expected four hexadecimal digits")
            }
            position += 4
            var scalarValue = unit
            if (0xD800...0xDBFF).contains(unit) {
                if position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                   bytes[position + 1] == UInt8(ascii: "u"), let low = hexQuad(at: position + 2),
                   (0xDC00...0xDFFF).contains(low) {
                    position += 6
                    scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    scalarValue = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalarValue = 0xFFFD
            }
            let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
            UTF8.encode(scalar) { scratch.append($0) }
        default:
            position = escapeStart
            throw syntaxError("invalid escape \\\(describeCharacter(at: escapeStart + 1, quoted: false)) in a string")
        }
    }

    /// The value of the four hexadecimal digits at `offset`, or nil if there are not four.
    private func hexQuad(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var result: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            result = result << 4 | UInt32(digit)
        }
        return result
    }

    /// Reads a number. Integers are accumulated directly; anything with a fraction or exponent,
    /// or too large for an `Int`, is converted by the standard library's correctly rounded parser.
    private mutating func parseNumber() throws(RuntimeError) -> Value {
        let start = position
        let isNegative = bytes[position] == UInt8(ascii: "-")
        if isNegative { position += 1 }
        guard position < bytes.count, isDigit(bytes[position]) else {
            throw syntaxError("expected a digit after '-'")
        }
        var integer = 0
        var fitsInt = true
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) {
                throw syntaxError("numbers must not have leading zeros")
            }
        } else {
            while position < bytes.count, isDigit(bytes[position]) {
                let digit = Int(bytes[position] - UInt8(ascii: "0"))
                let (shifted, overflowA) = integer.multipliedReportingOverflow(by: 10)
                let (next, overflowB) = isNegative ? shifted.subtractingReportingOverflow(digit)
                                                   : shifted.addingReportingOverflow(digit)
                if overflowA || overflowB { fitsInt = false }
                integer = next
                position += 1
            }
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard skipDigits() else { throw syntaxError("expected a digit after '.'") }
            isInteger = false
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard skipDigits() else { throw syntaxError("expected a digit in the exponent") }
            isInteger = false
        }
        if isInteger, fitsInt { return .int(integer) }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(literal) else {
            position = start
            throw syntaxError("invalid number \(literal)")
        }
        return .float(double)
    }

    /// Skips a run of decimal digits, returning whether there was at least one.
    private mutating func skipDigits() -> Bool {
        let start = position
        while position < bytes.count, isDigit(bytes[position]) { position += 1 }
        return position > start
    }

    /// Whether `byte` is an ASCII decimal digit.
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    /// Consumes `literal` (true, false or null) or fails.
    private mutating func expectLiteral(_ literal: StaticString) throws(RuntimeError) {
        let length = literal.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: literal.utf8Start, count: length)
        guard position + length <= bytes.count,
              bytes[position..<position + length].elementsEqual(expected) else {
            throw syntaxError("unexpected \(describeCharacter(at: position)), expected a value")
        }
        position += length
    }

    /// Skips the four whitespace characters JSON allows.
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// A syntax error at the current position.
    private func syntaxError(_ message: String) -> RuntimeError {
        RuntimeError(.invalidSample, "invalid JSON at byte \(position): \(message)")
    }

    /// The error for an unescaped control character inside a string.
    private func controlCharacterError(_ byte: UInt8) -> RuntimeError {
        syntaxError("control character U+\(hex4(UInt32(byte))) must be escaped in a string")
    }

    /// Names the character at `offset` for a message: quoted if printable ASCII, as U+XXXX
    /// otherwise, or "end of input".
    private func describeCharacter(at offset: Int, quoted: Bool = true) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if byte >= 0x20, byte < 0x7F {
            let character = String(UnicodeScalar(byte))
            return quoted ? "'\(character)'" : character
        }
        let end = min(bytes.count, offset + max(1, utf8SequenceLength(leadByte: byte)))
        let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[offset..<end]), as: UTF8.self)
            .unicodeScalars.first?.value ?? UInt32(byte)
        return "U+\(hex4(scalar))"
    }

    /// `value` in upper-case hexadecimal with at least four digits.
    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
