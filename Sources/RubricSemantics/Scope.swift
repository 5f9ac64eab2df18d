import RubricSyntax

/// What a name refers to at the top level.
enum TopLevelSymbol {
    case global(slot: Int)
    case function(index: Int)
    /// A declared host function: index into the program's host functions.
    case host(index: Int)
}

/// The local variables of one frame (a function body, the main program's comprehensions or
/// an expectation). Scopes nest for comprehensions; slots are never reused within a frame,
/// so the frame's size is simply the number of variables ever declared in it.
struct LocalFrame {
    private var scopes: [[String: (slot: Int, type: RType)]] = [[:]]
    private(set) var slotCount = 0

    /// Declares `name` in the innermost scope and returns its slot.
    mutating func declare(_ name: String, type: RType) -> Int {
        let slot = slotCount
        slotCount += 1
        scopes[scopes.count - 1][name] = (slot, type)
        return slot
    }

    /// Finds the innermost variable called `name`.
    func lookup(_ name: String) -> (slot: Int, type: RType)? {
        for scope in scopes.reversed() {
            if let found = scope[name] { return found }
        }
        return nil
    }

    mutating func push() { scopes.append([:]) }
    mutating func pop() { scopes.removeLast() }

    /// Every name visible in the frame, for "did you mean" suggestions.
    var visibleNames: [String] { scopes.flatMap(\.keys) }
}

/// Returns the candidate closest to `name` by edit distance, if it is close enough to be a
/// plausible typo.
func suggestion(for name: String, among candidates: [String]) -> String? {
    var best: (String, Int)?
    for candidate in candidates where candidate != name {
        let distance = editDistance(Array(name.utf8), Array(candidate.utf8))
        if distance <= max(1, name.utf8.count / 3), distance < (best?.1 ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// Levenshtein distance between two byte strings.
func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1,
                             previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
