@testable import Rubric

/// The deterministic generator of property checks and fuzzing: the library's SplitMix64, so
/// tests and `rubric verify` draw from one implementation.
typealias SeededGenerator = SplitMix64
