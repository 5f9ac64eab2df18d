/// Dense integer identities for words and for n-grams, so the n-gram metrics count in arrays
/// instead of hashing tuples of strings the way the Python implementations do.
///
/// A `SymbolTable` numbers distinct words (compared code point by code point, as Python
/// compares `str`). An `NGramIndex` numbers n-grams of symbols: the unigram of symbol `s` is
/// the key `(none, s)` and the n-gram extending the (n-1)-gram `p` by symbol `s` is the key
/// `(p, s)`. Ids come from one counter, so n-grams of different orders never share an id, and
/// `insertAll` inserts order by order, so the ids of each order form a contiguous range.
struct SymbolTable {
    /// The distinct words one after the other; word i is `storage[starts[i]..<starts[i + 1]]`.
    private var storage: [UInt32] = []
    private var starts: [Int] = [0]
    /// The hash of each word, by id.
    private var hashes: [UInt64] = []
    /// The open-addressing table: the id in each slot, -1 for an empty slot.
    private var slots = [Int32](repeating: -1, count: 16)

    /// The per-process seed of the hash, so inputs cannot be crafted to collide.
    private static let seed = UInt64.random(in: .min ... .max)

    /// The number of distinct symbols seen so far.
    var count: Int { starts.count - 1 }

    /// Returns the seeded hash of `word`: a multiply-xorshift step per code point, then the
    /// 64-bit finaliser of MurmurHash3.
    @inline(__always)
    private static func hash(_ word: ArraySlice<UInt32>) -> UInt64 {
        var hash = seed ^ UInt64(truncatingIfNeeded: word.count)
        for value in word {
            hash = (hash ^ UInt64(value)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }
        hash = (hash ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }

    /// Returns the id of `word`, giving it the next id if it is new.
    mutating func id(of word: ArraySlice<UInt32>) -> Int {
        let hash = SymbolTable.hash(word)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = Int(slots[slot])
            if id < 0 { break }
            if hashes[id] == hash && storage[starts[id]..<starts[id + 1]].elementsEqual(word) { return id }
            slot = (slot + 1) & mask
        }
        let new = count
        storage.append(contentsOf: word)
        starts.append(storage.count)
        hashes.append(hash)
        slots[slot] = Int32(truncatingIfNeeded: new)
        if count * 2 > slots.count { grow() }
        return new
    }

    /// Returns the ids of the words of `text` found at `ranges`, numbering new words.
    mutating func ids(of text: [UInt32], _ ranges: [Range<Int>]) -> [Int] {
        ranges.map { id(of: text[$0]) }
    }

    /// Returns the word with id `id`.
    func word(_ id: Int) -> ArraySlice<UInt32> {
        storage[starts[id]..<starts[id + 1]]
    }

    /// Doubles the table and reinserts every id, keeping the table at most half full.
    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(truncatingIfNeeded: id)
        }
    }
}

/// See `SymbolTable`: the ids of the n-grams of symbol sequences. The keys live in an
/// open-addressing hash table with linear probing: one multiply-xorshift mix of the 64-bit key
/// per probe sequence instead of a SipHash round through `Dictionary` makes counting several
/// times faster. The mix is keyed with a random seed drawn once per process, so inputs cannot
/// be crafted to collide; ids never depend on the seed (they follow insertion order).
struct NGramIndex {
    /// The keys of the occupied slots (meaningless where `slotIDs` is -1).
    private var slotKeys: [UInt64]
    /// The id stored in each slot, -1 for an empty slot.
    private var slotIDs: [Int32]
    /// The number of distinct n-grams numbered so far.
    private(set) var count = 0
    /// For each order n (at index n - 1), the range of ids `insertAll` gave n-grams of that order.
    private(set) var orderRanges: [Range<Int>] = []

    /// The per-process seed of the hash mix.
    private static let seed = UInt64.random(in: .min ... .max)
    /// `seed`, copied so the hot loops do not check the static's initialisation.
    private let seed = NGramIndex.seed

    /// Makes an empty index.
    init() {
        slotKeys = [UInt64](repeating: 0, count: 16)
        slotIDs = [Int32](repeating: -1, count: 16)
    }

    /// Grows the table so that `total` n-grams (at most 2^26 of them; beyond that the table
    /// grows as it fills) fit without further growth.
    private mutating func reserve(_ total: Int) {
        let wanted = min(total, 1 << 26)
        var size = slotIDs.count
        while size < wanted * 2 { size *= 2 }
        if size > slotIDs.count { resize(size) }
    }

    /// Returns the dictionary key of the n-gram that extends the n-gram `prefix` (or nothing,
    /// when `prefix` is -1) by `symbol`.
    @inline(__always)
    private static func key(_ prefix: Int32, _ symbol: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: prefix &+ 1)) << 32 | UInt64(UInt32(truncatingIfNeeded: symbol))
    }

    /// Returns the first slot to probe for `key`: the seeded key through the 64-bit
    /// finaliser of MurmurHash3, reduced to the table size (a power of two).
    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        var mixed = key ^ seed
        mixed = (mixed ^ (mixed >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        mixed = (mixed ^ (mixed >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        mixed ^= mixed >> 33
        return Int(truncatingIfNeeded: mixed) & (slotIDs.count - 1)
    }

    /// Returns the id of `key`, or -1 when it was never inserted.
    @inline(__always)
    private func find(_ key: UInt64) -> Int32 {
        let mask = slotIDs.count - 1
        var slot = home(key)
        while true {
            let id = slotIDs[slot]
            if id < 0 || slotKeys[slot] == key { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Returns the id of `key`, giving it the next id if it is new.
    @inline(__always)
    private mutating func insert(_ key: UInt64) -> Int32 {
        if (count + 1) * 2 > slotIDs.count { grow() }
        let mask = slotIDs.count - 1
        var slot = home(key)
        while true {
            let id = slotIDs[slot]
            if id < 0 {
                let new = Int32(truncatingIfNeeded: count)
                slotIDs[slot] = new
                slotKeys[slot] = key
                count += 1
                return new
            }
            if slotKeys[slot] == key { return id }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the table, keeping it at most half full.
    private mutating func grow() {
        resize(slotIDs.count * 2)
    }

    /// Moves every key into a table of `size` slots (a power of two).
    private mutating func resize(_ size: Int) {
        let oldKeys = slotKeys, oldIDs = slotIDs
        slotKeys = [UInt64](repeating: 0, count: size)
        slotIDs = [Int32](repeating: -1, count: size)
        let mask = slotIDs.count - 1
        for index in oldIDs.indices where oldIDs[index] >= 0 {
            var slot = home(oldKeys[index])
            while slotIDs[slot] >= 0 { slot = (slot + 1) & mask }
            slotIDs[slot] = oldIDs[index]
            slotKeys[slot] = oldKeys[index]
        }
    }

    /// Numbers every n-gram of `symbols` of orders 1 through `maxOrder` and returns, for each
    /// order n at index n - 1, the id of the n-gram starting at each position. It may be called
    /// once, before any `lookupAll`, so that each order's ids are contiguous.
    mutating func insertAll(_ symbols: [Int], maxOrder: Int) -> [[Int32]] {
        var result: [[Int32]] = []
        var previous: [Int32] = []
        let top = min(maxOrder, symbols.count)
        guard top >= 1 else { return [] }
        reserve(count &+ min(NGramIndex.ngramCount(length: symbols.count, maxOrder: top), 1 << 40))
        for order in 1...top {
            let start = count
            var current = [Int32](repeating: 0, count: symbols.count - order + 1)
            for position in current.indices {
                let prefix: Int32 = order == 1 ? -1 : previous[position]
                current[position] = insert(NGramIndex.key(prefix, symbols[position + order - 1]))
            }
            orderRanges.append(start..<count)
            result.append(current)
            previous = current
        }
        return result
    }

    /// Returns, for each order n from 1 through `maxOrder` at index n - 1, the id of the n-gram
    /// of `symbols` starting at each position, or -1 where that n-gram was never numbered.
    func lookupAll(_ symbols: [Int], maxOrder: Int) -> [[Int32]] {
        var result: [[Int32]] = []
        var previous: [Int32] = []
        let top = min(maxOrder, symbols.count)
        guard top >= 1 else { return [] }
        for order in 1...top {
            var current = [Int32](repeating: -1, count: symbols.count - order + 1)
            for position in current.indices {
                if order > 1 && previous[position] < 0 { continue }
                let prefix: Int32 = order == 1 ? -1 : previous[position]
                current[position] = find(NGramIndex.key(prefix, symbols[position + order - 1]))
            }
            result.append(current)
            previous = current
        }
        return result
    }

    /// Returns the number of n-grams of orders 1 through `maxOrder` in a sequence of `length`
    /// symbols, saturating at `Int.max`; builtins charge fuel and memory for it before counting.
    static func ngramCount(length: Int, maxOrder: Int) -> Int {
        let orders = max(0, min(maxOrder, length))
        // The sum over n = 1...orders of (length - n + 1) is orders * (2 * length - orders + 1) / 2.
        let (double, overflowA) = length.multipliedReportingOverflow(by: 2)
        let (twice, overflowB) = orders.multipliedReportingOverflow(by: double &- orders &+ 1)
        return overflowA || overflowB ? .max : twice / 2
    }
}
