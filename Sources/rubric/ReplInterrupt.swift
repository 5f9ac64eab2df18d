import Rubric

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while the REPL evaluates: a SIGINT handler raises the cancellation flag that every
/// evaluator of the session checks, so the evaluation fails with E1207 and the prompt comes
/// back. While a line is edited, Ctrl-C is a key instead (see `LineEditor`).
enum ReplInterrupt {
    /// The flag every evaluation of the session is given; cleared before each one.
    static let flag = CancellationFlag()

    /// The flag's word, for the handler: a plain store through it is all a signal handler
    /// may safely do.
    nonisolated(unsafe) private static var word: UnsafeMutablePointer<Int32>?

    /// Installs the handler, and unblocks SIGINT in case the parent process started this one
    /// with it blocked.
    static func install() {
        word = flag.word
        signal(SIGINT) { _ in ReplInterrupt.word?.pointee = 1 }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigprocmask(SIG_UNBLOCK, &signals, nil)
    }
}
