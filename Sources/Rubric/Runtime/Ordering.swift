import RubricSyntax
/// Ordering and display of values: the rules `sort`, `min`, `max` and the comparison
/// operators share, and the text `str(x)` and string interpolation produce. Both follow
/// Python where Python is well defined, so rubrics ported from Python behave the same.

/// Compares two values and returns -1, 0 or 1. Numbers compare numerically and exactly (an
/// int and a float are never rounded into each other), strings by their sequence of Unicode
/// scalar values, lists lexicographically, and bools with false before true. NaN cannot be
/// ordered and throws `notANumber`; any other pair of types throws `typeError`. Lists nested
/// more than `maxNestingWalked` levels deep throw `valueTooDeep` rather than exhaust the stack.
/// The work is charged to `context` as it is done (see `Equality`).
func compareValues(_ a: Value, _ b: Value, _ context: ExecutionContext?) throws(RuntimeError) -> Int {
    try compareValues(a, b, context, depth: 0)
}

/// How deep `compareValues`, `displayString` and the builtins' hashing follow nested lists
/// and maps. Inputs are limited to `Limits.maxValueDepth` (128 by default), but a script can
/// nest a list once per `let`, so the recursive walks need their own bound to stay well
/// inside a 512 KiB thread stack.
let maxNestingWalked = 512

/// `compareValues` at a nesting depth.
private func compareValues(_ a: Value, _ b: Value, _ context: ExecutionContext?, depth: Int) throws(RuntimeError) -> Int {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.float(let x), .float(let y)):
        if x.isNaN || y.isNaN { throw nanOrderingError() }
        return x < y ? -1 : (x == y ? 0 : 1)
    case (.int(let x), .float(let y)):
        if y.isNaN { throw nanOrderingError() }
        return compareIntToDouble(x, y)
    case (.float(let x), .int(let y)):
        if x.isNaN { throw nanOrderingError() }
        return -compareIntToDouble(y, x)
    case (.string(let x), .string(let y)):
        try context?.chargeWalk(bytes: min(x.utf8.count, y.utf8.count))
        return compareScalarOrder(x, y)
    case (.bool(let x), .bool(let y)):
        return x == y ? 0 : (x ? 1 : -1)
    case (.list(let x), .list(let y)):
        if depth >= maxNestingWalked {
            throw RuntimeError(.valueTooDeep, "cannot compare lists nested more than \(maxNestingWalked) levels deep")
        }
        if Equality.sameStorage(x, y) { return 0 }
        try context?.chargeWalk(elements: min(x.count, y.count))
        return try compareLists(x, y, context, depth: depth + 1)
    default:
        throw RuntimeError(.typeError, "cannot compare \(a.typeName) and \(b.typeName)")
    }
}

/// Compares two lists the way Python does: elements that are equal (by `==`) are skipped, and
/// the first pair that differs decides; if one list is a prefix of the other it comes first.
/// Skipping equal elements first lets lists holding nulls or maps be ordered by later fields.
private func compareLists(_ x: [Value], _ y: [Value], _ context: ExecutionContext?, depth: Int) throws(RuntimeError) -> Int {
    let shared = min(x.count, y.count)
    var index = 0
    while index < shared {
        let (left, right) = (x[index], y[index])
        if orderable(left, right) {
            let order = try compareValues(left, right, context, depth: depth)
            if order != 0 { return order }
        } else if !(try Equality.equal(left, right, context)) {
            // Not orderable and not equal: this pair decides, and it cannot be ordered.
            return try compareValues(left, right, context, depth: depth)
        }
        index += 1
    }
    return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
}

/// Returns true when `compareValues` can order the pair without a type error (NaN aside).
private func orderable(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int, .int), (.int, .float), (.float, .int), (.float, .float),
         (.string, .string), (.bool, .bool), (.list, .list):
        return true
    default:
        return false
    }
}

/// The error for an ordering that involves NaN.
private func nanOrderingError() -> RuntimeError {
    RuntimeError(.notANumber, "cannot order NaN: it is neither less than, equal to nor greater than a number")
}

/// Compares an int with a finite or infinite (non-NaN) double exactly, without rounding the
/// int to a double (which would make 2^53 + 1 equal to 2^53).
private func compareIntToDouble(_ x: Int, _ y: Double) -> Int {
    // 2^63 is exactly representable; every Int lies in [-2^63, 2^63).
    let twoTo63 = 9_223_372_036_854_775_808.0
    if y >= twoTo63 { return -1 }
    if y < -twoTo63 { return 1 }
    let whole = y.rounded(.towardZero)
    let truncated = Int(whole)  // exact: |whole| < 2^63
    if x != truncated { return x < truncated ? -1 : 1 }
    let fraction = y - whole
    return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
}

/// Orders two strings by their Unicode scalar values, as Python does. Byte order of UTF-8
/// is the same as scalar order, so comparing the bytes suffices.
func compareScalarOrder(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { x in
        b.withUTF8 { y in
            let shared = min(x.count, y.count)
            var index = 0
            while index < shared {
                let (p, q) = (x[index], y[index])
                if p != q { return p < q ? -1 : 1 }
                index += 1
            }
            return x.count < y.count ? -1 : (x.count == y.count ? 0 : 1)
        }
    }
}

/// Returns the text `str(x)` and string interpolation show for a value: strings as they are,
/// numbers as Python prints them, `true`/`false`/`null`, and lists and maps as JSON-like text
/// in which nested strings are quoted and escaped and map entries keep their insertion order.
/// Lists and maps nested deeper than `maxNestingWalked` levels are shown as `[...]` / `{...}`.
/// The walk is charged to `context`, and text longer than the memory the sample has left
/// fails with `memoryExceeded` as soon as it is written: a value that shares one list many
/// times can display as exponentially long text.
func displayString(_ value: Value, _ context: ExecutionContext) throws(RuntimeError) -> String {
    if case .string(let text) = value { return text }
    var writer = DisplayWriter(maxBytes: max(0, context.limits.memoryBytes - context.memoryUsed), context: context)
    try writer.append(value, depth: 0)
    if writer.isFull {
        throw RuntimeError(.memoryExceeded,
                           "memory limit exceeded: the sample allocated more than \(context.limits.memoryBytes) bytes")
    }
    return writer.output
}

/// The display text of `value` for a message, cut to about `maxBytes` bytes with "…".
func displayString(_ value: Value, maxBytes: Int) -> String {
    if case .string(let text) = value, text.utf8.count <= maxBytes { return text }
    var writer = DisplayWriter(maxBytes: maxBytes, context: nil)
    // Without a context to charge, writing cannot fail.
    try? writer.append(value, depth: 0)
    guard writer.isFull else { return writer.output }
    var kept = String.UnicodeScalarView()
    var bytes = 0
    for scalar in writer.output.unicodeScalars {
        bytes += UTF8.width(scalar)
        if bytes > maxBytes { break }
        kept.append(scalar)
    }
    return String(kept) + "…"
}

/// Builds display text up to a size: once `output` is longer than `maxBytes` it stops
/// walking, so the work is bounded by the size of the text wanted whatever the value.
private struct DisplayWriter {
    let maxBytes: Int
    /// Charged for every list and map visited and for long strings, when given.
    let context: ExecutionContext?
    var output = ""

    /// True once the text outgrew `maxBytes`.
    var isFull: Bool { output.utf8.count > maxBytes }

    init(maxBytes: Int, context: ExecutionContext?) {
        self.maxBytes = maxBytes
        self.context = context
    }

    /// Appends the display form of a value nested `depth` levels deep (strings quoted when
    /// nested in a list or map).
    mutating func append(_ value: Value, depth: Int) throws(RuntimeError) {
        if isFull { return }
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .float(let number): output += pythonFloatRepr(number)
        case .string(let text):
            if depth == 0 {
                output += text
            } else {
                try context?.chargeWalk(bytes: text.utf8.count)
                output += DiagnosticRenderer.quote(text)
            }
        case .list(let elements):
            if depth >= maxNestingWalked {
                output += "[...]"
                return
            }
            try context?.chargeWalk(elements: elements.count)
            output += "["
            for (index, element) in elements.enumerated() {
                if isFull { return }
                if index > 0 { output += ", " }
                try append(element, depth: depth + 1)
            }
            output += "]"
        case .map(let box):
            if depth >= maxNestingWalked {
                output += "{...}"
                return
            }
            try context?.chargeWalk(elements: box.entries.count)
            output += "{"
            var first = true
            for (key, element) in box.entries {
                if isFull { return }
                if !first { output += ", " }
                first = false
                output += DiagnosticRenderer.quote(key)
                output += ": "
                try append(element, depth: depth + 1)
            }
            output += "}"
        }
    }
}

/// Formats a double exactly as Python's `repr(float)` does: the shortest digit string that
/// reads back as the same double; positional notation with at least one digit after the point
/// when the decimal exponent is in [-4, 16), otherwise scientific notation with a signed,
/// at least two-digit exponent (`1e-05`, `1.5e+16`); and `inf`, `-inf`, `nan`.
func pythonFloatRepr(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let sign = x.sign == .minus ? "-" : ""
    if x == 0 { return sign + "0.0" }
    let (digits, exponent) = shortestDigits(x.magnitude)
    // `exponent` is the power of ten of the first digit: x = d.ddd × 10^exponent.
    if exponent < -4 || exponent >= 16 {
        var text = sign + String(digits.first!)
        if digits.count > 1 { text += "." + String(digits.dropFirst()) }
        let magnitude = String(abs(exponent))
        return text + (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
    }
    if exponent < 0 {
        return sign + "0." + String(repeating: "0", count: -exponent - 1) + String(digits)
    }
    let integerDigits = exponent + 1
    if digits.count <= integerDigits {
        return sign + String(digits) + String(repeating: "0", count: integerDigits - digits.count) + ".0"
    }
    return sign + String(digits.prefix(integerDigits)) + "." + String(digits.dropFirst(integerDigits))
}

/// Returns the shortest round-trip decimal digits of a positive finite double (no leading or
/// trailing zeros) and the decimal exponent of the first digit. Swift's `description` already
/// produces the shortest round-trip digits, closest to the exact value, as Python's repr does;
/// only its choice between positional and scientific layout differs, so the digits and the
/// exponent are read back out of it here and laid out again by the caller.
private func shortestDigits(_ x: Double) -> (digits: [Character], exponent: Int) {
    let text = x.description
    var mantissa = Substring(text)
    var exponent = 0
    if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        mantissa = text[..<marker]
        exponent = Int(text[text.index(after: marker)...])!
    }
    var digits: [Character] = []
    var pointPosition: Int?
    for character in mantissa {
        if character == "." {
            pointPosition = digits.count
        } else {
            digits.append(character)
        }
    }
    // With the point after `pointPosition` digits, the first digit has exponent position - 1.
    var firstExponent = (pointPosition ?? digits.count) - 1 + exponent
    while let first = digits.first, first == "0" {
        digits.removeFirst()
        firstExponent -= 1
    }
    while let last = digits.last, last == "0" {
        digits.removeLast()
    }
    return (digits, firstExponent)
}
