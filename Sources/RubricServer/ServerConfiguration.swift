import Rubric
import RubricSyntax

/// Everything `rubric serve` can be told: where to listen, how much work to take on, and how
/// requests map to the rubric's inputs. Every bound has a reason and a test.
public struct ServerConfiguration: Sendable {
    /// Address to bind; 127.0.0.1 by default, so a server is not exposed by accident.
    public var host = "127.0.0.1"
    /// Port to bind; 0 lets the system pick a free one (the bound address is printed).
    public var port = 8000
    /// Worker threads that evaluate samples, one per core by default. Evaluation never runs on
    /// the event loop, so slow rubrics do not stall other connections.
    public var jobs = 1
    /// Scoring requests admitted at once (being read, evaluated or waiting for a worker). One
    /// beyond this is refused at once with 503 (`S5030`) instead of queueing without bound, so a
    /// trainer sees back-pressure and memory stays bounded by `queue × maxBodyBytes`. 64 keeps
    /// every worker busy with room for bursts from dozens of trainer processes.
    public var queue = 64
    /// Largest request body accepted, in bytes (413, `S4130`, beyond). 64 MiB holds a rollout
    /// batch of 16k samples of 4 KB, well above what one trainer request carries, and bounds
    /// the memory one request can take.
    public var maxBodyBytes = 64 << 20
    /// Most samples in one request (400, `S4004`, beyond): bounds the records a response
    /// carries and the time one request holds the workers.
    public var maxSamples = 65_536
    /// Wall-clock budget of one request's evaluation, in milliseconds, from when its samples
    /// are queued for the workers; samples still unfinished then get an `S1201` error record
    /// (the fallback reward), so a trainer always gets an answer in time (OpenRLHF's client
    /// gives up after 180 s). The VM's per-sample deadline (`Limits`) still applies. 0: none.
    public var requestTimeoutMilliseconds = 60_000
    /// Limits of the VM for every sample.
    public var limits = Limits()
    /// Input name → the path it is read from instead of its own (`--map`).
    public var pathOverrides: [String: [PathSegment]] = [:]
    /// Where the group key is read when the rubric declares no `group = …` (`--group-by`).
    public var groupBy: [PathSegment]?
    /// OpenRLHF endpoint: texts removed from the end of a completion, as often as they occur
    /// (end-of-sequence and padding tokens that the trainer's decoded query keeps).
    public var stripSuffixes: [String] = []
    /// OpenRLHF endpoint: the number sent for a sample whose reward is skip or failed, since
    /// the trainer needs a number for every sample (the records say which were which).
    public var nullReward = 0.0
    /// OpenRLHF endpoint: the score sent as `scores` (used by dynamic filtering); the reward
    /// when nil.
    public var openRLHFScore: String?

    public init() {}
}
