import OrderedCollections

/// What a property check runs and how hard it looks.
public struct VerificationOptions: Sendable {
    /// Cases generated from the declared input types (batches for group rubrics).
    public var cases = 200
    /// Seed of the generator: the same seed gives the same cases.
    public var seed: UInt64 = 0
    /// Real samples (a data file's records); each is a case, and so are its mutations.
    public var data: [Value] = []
    /// Mutations tried per data record (or per group of records), chosen with the seed.
    public var mutationsPerRecord = 8
    /// The range the reward must stay in; nil: the range the rubric declares, if any.
    public var range: ClosedRange<Double>?
    /// Evaluations spent shrinking one finding's input, and how many findings are shrunk.
    public var minimiseBudget = 200
    public var maxMinimised = 16

    public init() {}
}

/// Checks a compiled rubric's properties on generated and real inputs: no sample fails,
/// every number is finite, the reward stays in its declared range, and evaluation is
/// deterministic (each case is evaluated twice by one evaluator and once by a fresh one, and
/// the three records must be identical bit for bit). A failure is a finding with the input
/// that shows it. Evaluation uses the program's limits; a sample that exceeds its wall-clock
/// deadline (E1203) is a finding, but is left out of the determinism comparison, since
/// timing is the one thing that may differ between runs.
///
/// A generated or mutated sample the rubric rejects on purpose, with a `fail("…")` (E1110) of
/// its own or of a standard-library function whose documented precondition the input breaks
/// (lists of different lengths, a malformed decoder), is outside the rubric's stated domain,
/// as an `assume` is in property-based testing: it is a rejection, counted and shown, not a
/// finding. A rejected real record is still a finding (real samples must be accepted), and
/// so is a run in which every sample was rejected (no property was checked on any accepted
/// input). Other errors stay findings, whatever the origin of the input.
public struct PropertyVerifier {
    public let program: Program
    public let options: VerificationOptions

    public init(program: Program, options: VerificationOptions = VerificationOptions()) {
        self.program = program
        self.options = options
    }

    /// The reward range that is checked: the caller's, else the one the rubric declares.
    public var range: ClosedRange<Double>? { options.range ?? Self.declaredRange(of: program) }

    /// The reward range `program` declares in its source (`reward in [lo, hi] = …`), which
    /// `check` has proved; verifying it on real runs also tests the proof.
    static func declaredRange(of program: Program) -> ClosedRange<Double>? {
        program.declaredRange
    }

    /// Runs every case and returns the findings, one per distinct failure.
    public func run() -> VerificationReport {
        var generator = CaseGenerator(program: program, seed: options.seed)
        let generated = generator.cases(count: options.cases)
        let (records, mutations) = DataCases.make(options.data, program: program, seed: options.seed,
                                                  mutationsPerRecord: options.mutationsPerRecord)
        var report = VerificationReport(generated: generated.count, dataCases: records.count,
                                        mutations: mutations.count, range: range)
        var findings: OrderedDictionary<String, VerificationFinding> = [:]
        var rejections: OrderedDictionary<String, VerificationFinding> = [:]
        var accepted = 0
        var minimised = 0
        let shared = Evaluator(program: program)
        for verificationCase in generated + records + mutations {
            let first = shared.evaluate(batch: verificationCase.samples, groups: verificationCase.groups)
            let again = shared.evaluate(batch: verificationCase.samples, groups: verificationCase.groups)
            let fresh = Evaluator(program: program).evaluate(batch: verificationCase.samples, groups: verificationCase.groups)
            report.samples += first.count
            // Real records must pass the rubric's own checks: only other inputs may be rejected.
            let mayReject = verificationCase.origin != .data
            for (member, result) in first.enumerated() {
                if result.error == nil { accepted += 1 }
                if mayReject, let error = result.error, Self.isRejection(error) {
                    let rejection = VerificationFinding(property: .noErrors, code: error.code, message: error.message,
                                                        subject: "rejected", line: error.line, column: error.column,
                                                        input: verificationCase.input, groups: verificationCase.groups,
                                                        member: member, origin: verificationCase.origin, note: verificationCase.note)
                    if rejections[rejection.key] != nil {
                        rejections[rejection.key]!.occurrences += 1
                    } else {
                        rejections[rejection.key] = rejection
                    }
                }
                for var finding in check(result, again: again[member], fresh: fresh[member], mayReject: mayReject) {
                    if findings[finding.key] != nil {
                        findings[finding.key]!.occurrences += 1
                        continue
                    }
                    finding.input = verificationCase.input
                    finding.groups = verificationCase.groups
                    finding.member = member
                    finding.origin = verificationCase.origin
                    finding.note = verificationCase.note
                    if finding.property != .deterministic && minimised < options.maxMinimised {
                        minimised += 1
                        minimise(&finding, from: verificationCase)
                    }
                    findings[finding.key] = finding
                }
            }
        }
        report.rejections = Array(rejections.values)
        if accepted == 0, let first = rejections.values.first {
            findings["rejected"] = Self.everySampleRejected(first, samples: report.samples)
        }
        report.findings = Array(findings.values)
        return report
    }

    /// The finding of a run in which the rubric rejected every sample, so that no property
    /// was checked on an accepted input; it shows the first rejected input.
    static func everySampleRejected(_ first: VerificationFinding, samples: Int) -> VerificationFinding {
        var finding = first
        finding.message = "every sample (\(samples)) was rejected by fail(…), so no property was checked on an accepted input; the first: \(first.message)"
        finding.subject = "every sample rejected"
        finding.occurrences = 1
        return finding
    }

    /// True when `error` is a deliberate rejection: a `fail("…")` of the script or of the
    /// standard library.
    static func isRejection(_ error: SampleError) -> Bool {
        error.code == RuntimeErrorCode.scriptFailure.rawValue
    }

    /// The properties `result` violates (at most one finding per property); `again` and
    /// `fresh` are the same input's records from a second run and from a fresh evaluator.
    /// When `mayReject` is true a deliberate `fail("…")` is a rejection, not an error finding.
    func check(_ result: SampleResult, again: SampleResult, fresh: SampleResult, mayReject: Bool = false) -> [VerificationFinding] {
        var found: [VerificationFinding] = []
        func add(_ property: VerificationProperty, _ subject: String, _ message: String, error: SampleError? = nil) {
            found.append(VerificationFinding(property: property, code: error?.code, message: message, subject: subject,
                                             line: error?.line, column: error?.column, input: .null, member: 0,
                                             origin: .generated, note: ""))
        }
        if let error = result.error, !(mayReject && Self.isRejection(error)) {
            let property: VerificationProperty = error.code == RuntimeErrorCode.notANumber.rawValue ? .finite : .noErrors
            add(property, "error", error.message, error: error)
        }
        if let violation = RecordProperties.nonFinite(result) { add(.finite, violation.subject, violation.message) }
        if let violation = RecordProperties.rangeViolation(result, range: range) {
            add(.range, violation.subject, violation.message)
        }
        let timedOut = [result, again, fresh].contains { $0.error?.code == RuntimeErrorCode.deadlineExceeded.rawValue }
        if !timedOut {
            if let violation = RecordProperties.difference(result, again) {
                add(.deterministic, violation.subject, "evaluated twice: \(violation.message)")
            } else if let violation = RecordProperties.difference(result, fresh) {
                add(.deterministic, violation.subject, "in a fresh evaluator: \(violation.message)")
            }
        }
        return found
    }

    /// Shrinks the input of `finding` while the case still fails the same way: the same error
    /// code at the same position, or a reward outside the range.
    func minimise(_ finding: inout VerificationFinding, from original: VerificationCase) {
        let evaluator = Evaluator(program: program)
        let failure = finding
        var minimiser = FindingMinimiser(program: program, budget: options.minimiseBudget) { candidate in
            evaluator.evaluate(batch: candidate.samples, groups: candidate.groups).contains { self.repeats(failure, in: $0) != nil }
        }
        let smaller = minimiser.minimise(original)
        guard JSON.serialize(smaller.input) != JSON.serialize(original.input) else { return }
        // Report the smaller case's own member and message (values in it may have changed).
        for (member, result) in evaluator.evaluate(batch: smaller.samples, groups: smaller.groups).enumerated() {
            guard let message = repeats(failure, in: result) else { continue }
            finding.minimised = true
            finding.input = smaller.input
            finding.groups = smaller.groups
            finding.member = member
            finding.message = message
            return
        }
    }

    /// The message of `result` when it fails the way `finding` did, else nil.
    func repeats(_ finding: VerificationFinding, in result: SampleResult) -> String? {
        if finding.property == .range { return RecordProperties.rangeViolation(result, range: range)?.message }
        guard let error = result.error, error.code == finding.code, error.line == finding.line,
              error.column == finding.column else { return nil }
        return error.message
    }
}
