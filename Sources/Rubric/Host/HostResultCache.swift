import OrderedCollections

/// Results of pure host functions by their arguments, for one evaluator (one thread). An LLM
/// judge asked about the same answer twice in a batch is then called once. Fuel is charged
/// for every call, cached or not, so a cache hit is never observable by a script.
final class HostResultCache {
    /// Entries kept before the cache starts over: it holds whole argument lists, which may be
    /// long completions, so an unbounded cache would grow with every distinct sample. 4096
    /// covers the repeats within any realistic batch (they are what it is for).
    static let capacity = 4096

    private var results: [HostCallKey: Value] = [:]

    /// The cached result of a call, if there is one.
    func result(for key: HostCallKey) -> Value? {
        results[key]
    }

    /// Remembers a call's result, first emptying the cache when it is full.
    func store(_ result: Value, for key: HostCallKey) {
        if results.count >= Self.capacity { results.removeAll(keepingCapacity: true) }
        results[key] = result
    }

    /// The number of cached results (for tests).
    var count: Int { results.count }
}

/// A host call by function and arguments. Arguments are equal only when identical: the same
/// kinds throughout (an int is never equal to a float here, unlike `==` in a script) and the
/// same map order, since a host function may tell them apart.
struct HostCallKey: Hashable {
    var function: Int
    var arguments: [Value]
    /// The arguments' hash, computed once by a walk charged to the sample: lists share
    /// storage, so arguments built cheaply may stand for an exponentially larger value.
    var argumentHash: Int

    /// Creates the key of a call, charging the walk that hashes its arguments to `context`.
    init(function: Int, arguments: [Value], context: ExecutionContext) throws(RuntimeError) {
        self.function = function
        self.arguments = arguments
        self.argumentHash = try CoreSupport.hashValue(.list(arguments), context)
    }

    static func == (lhs: HostCallKey, rhs: HostCallKey) -> Bool {
        lhs.function == rhs.function && lhs.argumentHash == rhs.argumentHash && lhs.arguments.count == rhs.arguments.count
            && zip(lhs.arguments, rhs.arguments).allSatisfy { identical($0, $1) }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(function)
        hasher.combine(argumentHash)
    }

    /// True when `a` and `b` are the same value, kind for kind, compared without recursion.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        var pending: [(Value, Value)] = [(a, b)]
        while let (x, y) = pending.popLast() {
            switch (x, y) {
            case (.null, .null): continue
            case (.bool(let p), .bool(let q)) where p == q: continue
            case (.int(let p), .int(let q)) where p == q: continue
            case (.float(let p), .float(let q)) where p.bitPattern == q.bitPattern: continue
            case (.string(let p), .string(let q)) where p == q: continue
            case (.list(let p), .list(let q)) where p.count == q.count:
                pending.append(contentsOf: zip(p, q))
            case (.map(let p), .map(let q)) where p.entries.keys == q.entries.keys:
                pending.append(contentsOf: zip(p.entries.values, q.entries.values))
            default:
                return false
            }
        }
        return true
    }
}
