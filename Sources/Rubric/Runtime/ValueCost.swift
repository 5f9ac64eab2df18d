/// Sizes of values for metering, measured without recursion. Lists and maps share storage, so
/// a small value can stand for a huge one (a list holding the same long string many times);
/// the walks here follow the logical value and stop as soon as a bound is passed, so their own
/// work stays proportional to what the caller is then charged.
enum ValueCost {
    /// The memory a freshly built value costs under the rules of `CoreSupport` (16 bytes per
    /// list element or map entry plus the UTF-8 length of every string and key) and the
    /// number of its list elements and map entries.
    static func measure(_ value: Value) -> (memory: Int, elements: Int) {
        var memory = 0
        var elements = 0
        var pending: [Value] = [value]
        while let next = pending.popLast() {
            switch next {
            case .string(let text):
                memory &+= text.utf8.count
            case .list(let items):
                elements &+= items.count
                memory &+= items.count &* CoreSupport.bytesPerElement
                pending.append(contentsOf: items)
            case .map(let box):
                elements &+= box.entries.count
                memory &+= box.entries.count &* CoreSupport.bytesPerElement
                for (key, item) in box.entries {
                    memory &+= key.utf8.count
                    pending.append(item)
                }
            case .null, .bool, .int, .float:
                break
            }
        }
        return (memory, elements)
    }

    /// The exact length in UTF-8 bytes of `JSON.serialize(value)` and the number of list
    /// elements and map entries it writes, or nil when the length exceeds `limit`. A first
    /// walk adds up a lower bound without reading any string's bytes, so a value that shares
    /// long strings many times is refused after a few steps; the exact walk follows only when
    /// the bound fits. Every node adds at least one byte, so each walk visits at most
    /// `limit + 1` nodes.
    static func serializedLength(_ value: Value, limit: Int) -> (bytes: Int, elements: Int)? {
        guard lowerBound(value, limit: limit) else { return nil }
        var bytes = 0
        var elements = 0
        var pending: [Value] = [value]
        while let next = pending.popLast() {
            switch next {
            case .null: bytes += 4
            case .bool(let flag): bytes += flag ? 4 : 5
            case .int(let number): bytes += decimalLength(number)
            case .float(let number):
                if number.isFinite {
                    let text = number.description.utf8
                    bytes += text.count
                    if !text.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") }) { bytes += 2 }
                } else {
                    bytes += 4
                }
            case .string(let text):
                guard let length = quotedLength(text, limit: limit - bytes) else { return nil }
                bytes += length
            case .list(let items):
                // Brackets plus a comma between elements.
                bytes += 2 + max(items.count - 1, 0)
                elements += items.count
                if bytes > limit { return nil }
                pending.append(contentsOf: items)
            case .map(let box):
                // Braces, a comma between members and a colon in each.
                bytes += 2 + max(box.entries.count - 1, 0) + box.entries.count
                elements += box.entries.count
                if bytes > limit { return nil }
                for (key, item) in box.entries {
                    guard let length = quotedLength(key, limit: limit - bytes) else { return nil }
                    bytes += length
                    pending.append(item)
                }
            }
            if bytes > limit { return nil }
        }
        return (bytes, elements)
    }

    /// True when a lower bound of the serialized length — every string's UTF-8 length plus
    /// its quotes, one byte per scalar, brackets, commas and colons — stays within `limit`.
    private static func lowerBound(_ value: Value, limit: Int) -> Bool {
        var bytes = 0
        var pending: [Value] = [value]
        while let next = pending.popLast() {
            switch next {
            case .null, .bool, .int, .float: bytes += 1
            case .string(let text): bytes += text.utf8.count + 2
            case .list(let items):
                bytes += 2 + max(items.count - 1, 0)
                if bytes > limit { return false }
                pending.append(contentsOf: items)
            case .map(let box):
                bytes += 2 + max(box.entries.count - 1, 0) + box.entries.count
                if bytes > limit { return false }
                for (key, item) in box.entries {
                    bytes += key.utf8.count + 2
                    pending.append(item)
                }
            }
            if bytes > limit { return false }
        }
        return true
    }

    /// The number of characters of `number` in decimal, with its minus sign.
    private static func decimalLength(_ number: Int) -> Int {
        var length = number < 0 ? 2 : 1
        var rest = number.magnitude
        while rest >= 10 {
            rest /= 10
            length += 1
        }
        return length
    }

    /// The length of `text` as a JSON string literal written by `JSON.serialize` (two quotes,
    /// two bytes for `\"`, `\\`, `\n`, `\r` and `\t`, six for other control characters), or
    /// nil once it exceeds `limit`.
    private static func quotedLength(_ text: String, limit: Int) -> Int? {
        // Each byte writes at least one byte, so a string longer than the limit never fits.
        if text.utf8.count + 2 > limit { return nil }
        var length = 2
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09: length += 2
            case 0..<0x20: length += 6
            default: length += 1
            }
        }
        return length > limit ? nil : length
    }
}
