import Foundation

/// Bounds the requests the server works on at once. A request that finds every slot taken
/// is refused at once (503) rather than queued without bound: the trainer sees back-pressure
/// and retries or goes to another replica, and memory stays bounded.
final class AdmissionGate: @unchecked Sendable {
    let capacity: Int
    private let lock = NSLock()
    private var taken = 0

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Takes a slot; false when all are taken.
    func tryEnter() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard taken < capacity else { return false }
        taken += 1
        return true
    }

    /// Gives a slot back.
    func leave() {
        lock.lock()
        taken -= 1
        lock.unlock()
    }

    /// Slots taken now.
    var inUse: Int {
        lock.lock()
        defer { lock.unlock() }
        return taken
    }
}
