/// A small deterministic random generator (SplitMix64): the same seed gives the same values
/// on every machine and run, so `rubric verify --seed S` reproduces its cases exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    /// Starts the sequence at `state` (the seed).
    public init(state: UInt64) {
        self.state = state
    }

    /// Returns the next pseudo-random 64-bit value.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
