import CYAML
import OrderedCollections

/// Conversion of YAML text to `Value`, using libyaml's event parser (which never recurses, so
/// no input can exhaust the stack) and the YAML 1.2 core schema:
/// - a stream must hold at most one document (none gives null); any syntax error, a second
///   document, a collection used as a mapping key, an alias to an unknown (or still open)
///   anchor, or a tag other than the standard `!!str`, `!!int`, `!!float`, `!!bool`,
///   `!!null`, `!!seq` and `!!map` (or the non-specific `!`) makes the text invalid;
/// - mappings become maps that keep their keys in order (a repeated key keeps its first
///   position and takes its last value); a key is the text of its scalar as written
///   (after unquoting), so `1: x` has the key "1" and `~: x` the key "~";
/// - plain scalars resolve as the core schema says: `null`, `Null`, `NULL`, `~` and the
///   empty scalar to null; `true`/`True`/`TRUE` and `false`/`False`/`FALSE` to bools;
///   decimal (`[-+]?[0-9]+`), octal (`0o…`) and hexadecimal (`0x…`) integers to ints (or
///   floats when they do not fit in 64 bits); decimal floats and `[-+]?.inf` (in three
///   spellings) to floats; and everything else, `.nan` included (a value is never NaN), to
///   strings. Quoted and block scalars are always strings;
/// - aliases are resolved: the anchored value is shared, but counts in full towards the
///   memory charged and the nesting depth, so an alias bomb fails on the memory limit; an
///   anchor may be redefined, and later aliases then refer to the new node.
///
/// Where PyYAML's `safe_load` (YAML 1.1) differs: it reads `yes`/`no`/`on`/`off` as bools,
/// `012` as octal, `0o17`, `1e3` and `-.5` as strings, `1:30` as sexagesimal, `_` inside
/// numbers, timestamps as dates and `.nan` as NaN; it merges `<<` keys, supports `!!binary`,
/// `!!set`, `!!omap`, `!!timestamp`; keeps non-string keys; builds recursive structures for
/// an alias inside its own anchor; rejects redefined anchors, tabs inside plain scalars and
/// keeps lone surrogates from `\ud800` escapes (libyaml rejects them).
enum YAML {
    /// A parsed document and what it costs under the metering rules of `CoreSupport`.
    struct Parsed {
        var value: Value
        /// Bytes to charge: 16 per list element or map entry plus the UTF-8 length of every
        /// string and key, counting aliased values in full each time they appear.
        var memory: Int
        /// List elements and map entries produced, aliased ones counted each time.
        var elements: Int
    }

    /// Parses `text` as a single YAML document. Returns nil when the text is not valid by the
    /// rules above. Throws `valueTooDeep` as soon as lists and maps nest more than `maxDepth`
    /// levels (aliases included), and `memoryExceeded` as soon as the value would cost more
    /// than `memoryAllowance` bytes (the error names `memoryLimit`, the sample's whole budget).
    static func parse(_ text: String, maxDepth: Int, memoryAllowance: Int,
                      memoryLimit: Int) throws(RuntimeError) -> Parsed? {
        if text.utf8.isEmpty { return Parsed(value: .null, memory: 0, elements: 0) }
        var text = text
        return try text.withUTF8 { bytes in
            Result { () throws(RuntimeError) -> Parsed? in
                var parser = yaml_parser_t()
                guard yaml_parser_initialize(&parser) != 0 else { return nil }
                defer { yaml_parser_delete(&parser) }
                yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
                var builder = YAMLBuilder(maxDepth: maxDepth, memoryAllowance: memoryAllowance,
                                          memoryLimit: memoryLimit)
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) != 0 else { return nil }
                    defer { yaml_event_delete(&event) }
                    switch try builder.handle(event) {
                    case .more: continue
                    case .invalid: return nil
                    case .finished:
                        return Parsed(value: builder.root ?? .null, memory: builder.memory, elements: builder.elements)
                    }
                }
            }
        }.get()
    }

    /// The value of a plain (unquoted, untagged) scalar under the YAML 1.2 core schema.
    static func resolvePlain(_ text: String) -> Value {
        if isNull(text) { return .null }
        if let flag = bool(text) { return .bool(flag) }
        if let number = integer(text) ?? float(text) { return number }
        return .string(text)
    }

    /// The value of a scalar with the explicit tag `tag`, or nil when the tag is not one of
    /// the core schema's or the text does not match it.
    static func resolveTagged(_ tag: String, _ text: String) -> Value? {
        switch tag {
        case "!", "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return isNull(text) ? .null : nil
        case "tag:yaml.org,2002:bool": return bool(text).map { .bool($0) }
        case "tag:yaml.org,2002:int": return integer(text)
        case "tag:yaml.org,2002:float":
            switch float(text) {
            case .int(let whole)?: return .float(Double(whole))
            case let other: return other
            }
        default: return nil
        }
    }

    /// True for the core schema's spellings of null, including the empty scalar.
    private static func isNull(_ text: String) -> Bool {
        text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The core schema's booleans.
    private static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// An integer of the core schema: `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`; a value
    /// that does not fit in 64 bits becomes the nearest float.
    private static func integer(_ text: String) -> Value? {
        let bytes = Array(text.utf8)
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "o") || bytes[1] == UInt8(ascii: "x") {
            let radix = bytes[1] == UInt8(ascii: "o") ? 8 : 16
            var exact: Int? = 0
            var approximate = 0.0
            for byte in bytes[2...] {
                guard let digit = digitValue(byte), digit < radix else { return nil }
                approximate = approximate * Double(radix) + Double(digit)
                if let current = exact {
                    let (shifted, overflowA) = current.multipliedReportingOverflow(by: radix)
                    let (next, overflowB) = shifted.addingReportingOverflow(digit)
                    exact = overflowA || overflowB ? nil : next
                }
            }
            return exact.map { .int($0) } ?? .float(approximate)
        }
        let digits = bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0 &- UInt8(ascii: "0") < 10 }) else { return nil }
        if let exact = Int(text) { return .int(exact) }
        return Double(text).map { .float($0) }
    }

    /// A float of the core schema: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?` or
    /// an infinity (`[-+]?` then `.inf`, `.Inf` or `.INF`). NaN is not accepted.
    private static func float(_ text: String) -> Value? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        default: break
        }
        let bytes = Array(text.utf8)
        var index = 0
        func digitRun() -> Int {
            let start = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let integerDigits = digitRun()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionDigits = digitRun()
            if integerDigits == 0 && fractionDigits == 0 { return nil }
        } else if integerDigits == 0 {
            return nil
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if digitRun() == 0 { return nil }
        }
        guard index == bytes.count, let number = Double(text), !number.isNaN else { return nil }
        return .float(number)
    }

    /// The value of a hexadecimal digit, or nil.
    private static func digitValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

/// Builds a value from libyaml's events. Open collections live on an explicit stack; the
/// memory and element counts grow as nodes are produced, so a document that is too large
/// fails as soon as it crosses the allowance rather than after it has been built.
private struct YAMLBuilder {
    /// A sequence or mapping whose end event has not come yet.
    struct Frame {
        var isMapping: Bool
        var anchor: String?
        var elements: [Value] = []
        var members: OrderedDictionary<String, Value> = [:]
        /// The key whose value comes next, for a mapping.
        var pendingKey: String?
        /// The height of the tallest child (0 when every child is a scalar).
        var childHeight = 0
        /// `memory` and `elements` of the builder when the collection opened.
        var memoryAtStart: Int
        var elementsAtStart: Int
    }

    /// A completed anchored node, for the aliases that refer to it.
    struct Anchor {
        var value: Value
        var memory: Int
        var elements: Int
        /// Levels of lists and maps in the value (0 for a scalar).
        var height: Int
        /// The scalar's text, when the node is a scalar (used when an alias is a key).
        var keyText: String?
    }

    /// What the caller does after an event.
    enum Step { case more, invalid, finished }

    let maxDepth: Int
    let memoryAllowance: Int
    let memoryLimit: Int
    var frames: [Frame] = []
    var anchors: [String: Anchor] = [:]
    var root: Value?
    var documents = 0
    var memory = 0
    var elements = 0

    init(maxDepth: Int, memoryAllowance: Int, memoryLimit: Int) {
        self.maxDepth = maxDepth
        self.memoryAllowance = memoryAllowance
        self.memoryLimit = memoryLimit
    }

    /// Handles one event.
    mutating func handle(_ event: yaml_event_t) throws(RuntimeError) -> Step {
        switch event.type {
        case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
            return .more
        case YAML_STREAM_END_EVENT:
            return .finished
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            return documents > 1 ? .invalid : .more
        case YAML_ALIAS_EVENT:
            guard let name = YAMLBuilder.text(event.data.alias.anchor), let anchor = anchors[name] else { return .invalid }
            if frames.count + anchor.height > maxDepth { throw ValueDepth.error(maxDepth) }
            return try add(anchor.value, height: anchor.height, cost: anchor.memory, elements: anchor.elements,
                           keyText: anchor.keyText) ? .more : .invalid
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let value: Value
            if let tag = YAMLBuilder.text(scalar.tag) {
                guard let resolved = YAML.resolveTagged(tag, text) else { return .invalid }
                value = resolved
            } else if scalar.style == YAML_PLAIN_SCALAR_STYLE {
                value = YAML.resolvePlain(text)
            } else {
                value = .string(text)
            }
            var cost = 0
            if case .string(let string) = value { cost = string.utf8.count }
            if let name = YAMLBuilder.text(scalar.anchor) {
                anchors[name] = Anchor(value: value, memory: cost, elements: 0, height: 0, keyText: text)
            }
            return try add(value, height: 0, cost: cost, elements: 0, keyText: text) ? .more : .invalid
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return try open(isMapping: false, tag: YAMLBuilder.text(start.tag), anchor: YAMLBuilder.text(start.anchor))
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return try open(isMapping: true, tag: YAMLBuilder.text(start.tag), anchor: YAMLBuilder.text(start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = frames.popLast() else { return .invalid }
            let value: Value = frame.isMapping ? .map(MapBox(frame.members)) : .list(frame.elements)
            let height = frame.childHeight + 1
            let cost = memory - frame.memoryAtStart
            let count = elements - frame.elementsAtStart
            if let name = frame.anchor {
                anchors[name] = Anchor(value: value, memory: cost, elements: count, height: height, keyText: nil)
            }
            // The collection's contents are already counted; only its slot in the parent is new.
            return try add(value, height: height, cost: 0, elements: 0, keyText: nil) ? .more : .invalid
        default:
            return .invalid
        }
    }

    /// Opens a sequence or mapping, checking its tag and the depth.
    private mutating func open(isMapping: Bool, tag: String?, anchor: String?) throws(RuntimeError) -> Step {
        if let tag, tag != "!", tag != (isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq") {
            return .invalid
        }
        // A collection as a mapping key is refused as soon as it opens.
        if let top = frames.last, top.isMapping, top.pendingKey == nil { return .invalid }
        if frames.count + 1 > maxDepth { throw ValueDepth.error(maxDepth) }
        frames.append(Frame(isMapping: isMapping, anchor: anchor, memoryAtStart: memory, elementsAtStart: elements))
        return .more
    }

    /// Adds a completed node to the innermost open collection (or makes it the document),
    /// counting `cost` bytes and `elements` elements it brings beyond what is already counted.
    /// Returns false when the node cannot be a mapping key but is in a key's position.
    private mutating func add(_ value: Value, height: Int, cost: Int, elements added: Int,
                              keyText: String?) throws(RuntimeError) -> Bool {
        guard !frames.isEmpty else {
            root = value
            try count(bytes: cost, elements: added)
            return true
        }
        let top = frames.count - 1
        if frames[top].isMapping {
            if let key = frames[top].pendingKey {
                frames[top].members[key] = value
                frames[top].pendingKey = nil
                try count(bytes: cost, elements: added)
            } else {
                guard let keyText else { return false }
                frames[top].pendingKey = keyText
                try count(bytes: CoreSupport.bytesPerElement + keyText.utf8.count, elements: 1)
                return true
            }
        } else {
            frames[top].elements.append(value)
            try count(bytes: CoreSupport.bytesPerElement, elements: 1)
            try count(bytes: cost, elements: added)
        }
        frames[top].childHeight = max(frames[top].childHeight, height)
        return true
    }

    /// Adds to the running memory and element counts, failing past the memory allowance.
    private mutating func count(bytes: Int, elements added: Int) throws(RuntimeError) {
        let (total, overflow) = memory.addingReportingOverflow(bytes)
        if overflow || total > memoryAllowance {
            throw RuntimeError(.memoryExceeded,
                               "memory limit exceeded: the sample allocated more than \(memoryLimit) bytes")
        }
        memory = total
        elements = elements &+ added
    }

    /// A C string from libyaml (anchors and tags) as a Swift string, or nil for NULL.
    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }
}
