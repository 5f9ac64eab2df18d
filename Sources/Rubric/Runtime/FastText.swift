#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level string primitives for the hot path. Swift's generic collection algorithms on
/// `String` are correct but slow (generic metadata lookups per call); these work directly on
/// the UTF-8 storage, which is always valid UTF-8, so byte-wise results are scalar-correct.
enum FastText {
    /// The number of Unicode scalars in `text` (what `len` reports): the UTF-8 bytes that are
    /// not continuation bytes.
    @inline(__always)
    static func scalarCount(_ text: String) -> Int {
        var copy = text
        return copy.withUTF8 { bytes in
            var continuation = 0
            for byte in bytes where byte & 0xC0 == 0x80 { continuation += 1 }
            return bytes.count - continuation
        }
    }

    /// True when `needle` occurs in `haystack`.
    @inline(__always)
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        firstByteOffset(of: needle, in: haystack) != nil
    }

    /// The byte offset of the first occurrence of `needle` in `haystack`, or nil.
    static func firstByteOffset(of needle: String, in haystack: String, from start: Int = 0) -> Int? {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { pin -> Int? in
                if pin.isEmpty { return start <= hay.count ? start : nil }
                guard start <= hay.count, pin.count <= hay.count - start, let base = hay.baseAddress,
                      let pinBase = pin.baseAddress else { return nil }
                // Find each candidate first byte with memchr, then compare the rest.
                let first = Int32(pin[0])
                let last = hay.count - pin.count
                var position = start
                while position <= last {
                    guard let hit = memchr(base + position, first, last - position + 1) else { return nil }
                    let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if pin.count == 1 || memcmp(base + offset + 1, pinBase + 1, pin.count - 1) == 0 { return offset }
                    position = offset + 1
                }
                return nil
            }
        }
    }

    /// True when `text` begins with `prefix`, compared byte by byte.
    @inline(__always)
    static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        var text = text
        var prefix = prefix
        return text.withUTF8 { bytes in
            prefix.withUTF8 { start in
                start.count <= bytes.count && (start.isEmpty || memcmp(bytes.baseAddress!, start.baseAddress!, start.count) == 0)
            }
        }
    }

    /// True when `text` ends with `suffix`, compared byte by byte.
    @inline(__always)
    static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        var text = text
        var suffix = suffix
        return text.withUTF8 { bytes in
            suffix.withUTF8 { end in
                end.count <= bytes.count
                    && (end.isEmpty || memcmp(bytes.baseAddress! + bytes.count - end.count, end.baseAddress!, end.count) == 0)
            }
        }
    }

    /// Byte-wise equality of two strings (Rubric compares strings by code points, not by
    /// Unicode canonical equivalence, so "é" and "e\u{301}" differ, as in Python).
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }
}
