/// Edit distances between sequences of Unicode scalars (what Python's `str` indexes), computed
/// with bit-parallel algorithms: each step updates 64 cells of the dynamic-programming table
/// at once, so the work is about `n * ceil(m / 64)` word operations for texts of `n` and `m`
/// scalars. The common prefix and suffix are removed first; they never change the result.
enum EditDistance {
    /// The Levenshtein distance between `a` and `b`: the fewest single-scalar insertions,
    /// deletions and substitutions (each costing 1) that turn one into the other.
    static func levenshtein(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let (pattern, text) = trimmedPair(a, b)
        if pattern.isEmpty { return text.count }
        let table = PatternTable(pattern)
        let blocks = table.blocks
        let lastBit: UInt64 = 1 << UInt64((pattern.count - 1) & 63)
        var score = pattern.count
        var positive = [UInt64](repeating: ~0, count: blocks)
        var negative = [UInt64](repeating: 0, count: blocks)
        positive.withUnsafeMutableBufferPointer { positive in
            negative.withUnsafeMutableBufferPointer { negative in
                for scalar in text {
                    let row = table.row(of: scalar)
                    var entry = row.lowerBound
                    // The top row of the table is 0, 1, 2, …: each column adds 1 to it.
                    var horizontal = 1
                    for block in 0..<blocks {
                        var equal: UInt64 = 0
                        if entry < row.upperBound, table.entryBlock[entry] == block {
                            equal = table.entryMask[entry]
                            entry += 1
                        }
                        let high: UInt64 = block == blocks - 1 ? lastBit : 1 << 63
                        horizontal = advanceLevenshteinBlock(&positive[block], &negative[block], equal, horizontal, high)
                    }
                    score += horizontal
                }
            }
        }
        return score
    }

    /// Advances one 64-row block of Myers' (1999) bit-vector Levenshtein algorithm by one text
    /// scalar: `positive` and `negative` hold the block's vertical deltas (+1 and -1), `equal`
    /// marks the rows whose pattern scalar equals the text scalar, `horizontal` is the delta
    /// (-1, 0 or +1) entering the block's top row, and the delta leaving the row marked by
    /// `high` is returned.
    @inline(__always)
    private static func advanceLevenshteinBlock(_ positive: inout UInt64, _ negative: inout UInt64,
                                                _ equal: UInt64, _ horizontal: Int, _ high: UInt64) -> Int {
        let vertical = equal | negative
        let equalIn = horizontal < 0 ? equal | 1 : equal
        let diagonal = (((equalIn & positive) &+ positive) ^ positive) | equalIn
        var horizontalPositive = negative | ~(diagonal | positive)
        var horizontalNegative = positive & diagonal
        var out = 0
        if horizontalPositive & high != 0 { out = 1 }
        if horizontalNegative & high != 0 { out = -1 }
        horizontalPositive <<= 1
        horizontalNegative <<= 1
        if horizontal < 0 { horizontalNegative |= 1 } else if horizontal > 0 { horizontalPositive |= 1 }
        positive = horizontalNegative | ~(vertical | horizontalPositive)
        negative = horizontalPositive & vertical
        return out
    }

    /// The length of a longest common subsequence of `a` and `b`, by Hyyrö's bit-parallel
    /// algorithm with the carry of each 64-bit addition passed on to the next block.
    static func longestCommonSubsequence(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let affix = commonPrefixLength(a, b) + commonSuffixLength(a, b)
        let (pattern, text) = trimmedPair(a, b)
        if pattern.isEmpty { return affix }
        let table = PatternTable(pattern)
        let blocks = table.blocks
        var state = [UInt64](repeating: ~0, count: blocks)
        for scalar in text {
            let row = table.row(of: scalar)
            var entry = row.lowerBound
            var carry: UInt64 = 0
            for block in 0..<blocks {
                var equal: UInt64 = 0
                if entry < row.upperBound, table.entryBlock[entry] == block {
                    equal = table.entryMask[entry]
                    entry += 1
                }
                let current = state[block]
                let matched = current & equal
                let (partial, carryA) = current.addingReportingOverflow(matched)
                let (sum, carryB) = partial.addingReportingOverflow(carry)
                carry = carryA || carryB ? 1 : 0
                state[block] = sum | (current &- matched)
            }
        }
        // Each zero bit among the pattern's rows is one scalar of the common subsequence.
        var zeros = 0
        for block in 0..<blocks {
            let rows = min(64, pattern.count - block * 64)
            let mask: UInt64 = rows == 64 ? ~0 : (1 << UInt64(rows)) - 1
            zeros += (~state[block] & mask).nonzeroBitCount
        }
        return affix + zeros
    }

    /// The Indel distance between `a` and `b`: the fewest insertions and deletions (no
    /// substitutions), which is `len(a) + len(b) - 2 * lcs(a, b)`.
    static func indel(_ a: [UInt32], _ b: [UInt32]) -> Int {
        a.count + b.count - 2 * longestCommonSubsequence(a, b)
    }

    /// The number of 64-cell steps the bit-parallel algorithms take on `a` and `b` once their
    /// common prefix and suffix are removed: `ceil(shorter / 64) * longer`, saturating at
    /// `Int.max`. Builtins charge fuel for it before running either algorithm.
    static func steps(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let (pattern, text) = trimmedPair(a, b)
        let (product, overflow) = ((pattern.count + 63) / 64).multipliedReportingOverflow(by: text.count)
        return overflow ? .max : product
    }

    /// The two sequences without their common prefix and suffix, the shorter one first (it
    /// becomes the pattern, so the fewest 64-row blocks are needed).
    static func trimmedPair(_ a: [UInt32], _ b: [UInt32]) -> (ArraySlice<UInt32>, ArraySlice<UInt32>) {
        let prefix = commonPrefixLength(a, b)
        let suffix = min(commonSuffixLength(a, b), min(a.count, b.count) - prefix)
        let x = a[prefix..<(a.count - suffix)]
        let y = b[prefix..<(b.count - suffix)]
        return x.count <= y.count ? (x, y) : (y, x)
    }

    /// The number of leading scalars `a` and `b` share.
    private static func commonPrefixLength(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let limit = min(a.count, b.count)
        var length = 0
        while length < limit, a[length] == b[length] { length += 1 }
        return length
    }

    /// The number of trailing scalars `a` and `b` share, not overlapping their common prefix.
    private static func commonSuffixLength(_ a: [UInt32], _ b: [UInt32]) -> Int {
        let limit = min(a.count, b.count) - commonPrefixLength(a, b)
        var length = 0
        while length < limit, a[a.count - 1 - length] == b[b.count - 1 - length] { length += 1 }
        return length
    }
}

/// The match masks of a pattern for the bit-parallel algorithms, stored sparsely so that a
/// long pattern over a large alphabet still takes memory proportional to its length: for each
/// distinct scalar, the blocks of 64 pattern positions where it occurs, in increasing order,
/// each with the mask of the positions inside that block.
private struct PatternTable {
    /// The number of 64-position blocks the pattern spans.
    let blocks: Int
    /// Dense ids of the pattern's distinct scalars.
    private var ids: [UInt32: Int] = [:]
    /// Ids of the ASCII scalars (-1 when absent), looked up without hashing.
    private var asciiIds = [Int](repeating: -1, count: 128)
    /// `rowStart[id]..<rowStart[id + 1]` are the entries of the scalar with that id.
    private var rowStart: [Int] = []
    /// The block of each entry.
    private(set) var entryBlock: [Int] = []
    /// The positions inside that block where the scalar occurs, as bits.
    private(set) var entryMask: [UInt64] = []

    /// Builds the table of `pattern`.
    init(_ pattern: ArraySlice<UInt32>) {
        blocks = (pattern.count + 63) / 64
        var patternIds: [Int] = []
        patternIds.reserveCapacity(pattern.count)
        var counts: [Int] = []
        var lastBlock: [Int] = []
        for (offset, scalar) in pattern.enumerated() {
            let id = lookupOrInsert(scalar, &counts, &lastBlock)
            patternIds.append(id)
            let block = offset >> 6
            if lastBlock[id] != block {
                lastBlock[id] = block
                counts[id] += 1
            }
        }
        rowStart = [Int](repeating: 0, count: counts.count + 1)
        for id in 0..<counts.count { rowStart[id + 1] = rowStart[id] + counts[id] }
        entryBlock = [Int](repeating: -1, count: rowStart[counts.count])
        entryMask = [UInt64](repeating: 0, count: rowStart[counts.count])
        var next = Array(rowStart.dropLast())
        for (offset, id) in patternIds.enumerated() {
            let block = offset >> 6
            if next[id] == rowStart[id] || entryBlock[next[id] - 1] != block {
                entryBlock[next[id]] = block
                next[id] += 1
            }
            entryMask[next[id] - 1] |= 1 << UInt64(offset & 63)
        }
    }

    /// The id of `scalar`, adding it to the table when it is new.
    private mutating func lookupOrInsert(_ scalar: UInt32, _ counts: inout [Int], _ lastBlock: inout [Int]) -> Int {
        if scalar < 128, asciiIds[Int(scalar)] >= 0 { return asciiIds[Int(scalar)] }
        if scalar >= 128, let id = ids[scalar] { return id }
        let id = counts.count
        counts.append(0)
        lastBlock.append(-1)
        if scalar < 128 { asciiIds[Int(scalar)] = id } else { ids[scalar] = id }
        return id
    }

    /// The range of entries for `scalar`; empty when it does not occur in the pattern.
    @inline(__always)
    func row(of scalar: UInt32) -> Range<Int> {
        let id: Int
        if scalar < 128 {
            id = asciiIds[Int(scalar)]
        } else {
            id = ids[scalar] ?? -1
        }
        return id < 0 ? 0..<0 : rowStart[id]..<rowStart[id + 1]
    }
}
