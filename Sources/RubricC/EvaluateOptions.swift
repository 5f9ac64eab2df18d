import Foundation
import Rubric
import RubricSyntax

/// The options of `rubric_evaluate`: field mapping, grouping, threads and output shape.
struct EvaluateOptions {
    /// Where inputs are read from instead of their declared paths, by input name.
    var pathOverrides: [String: [PathSegment]] = [:]
    /// The path whose values group the samples.
    var groupBy: [PathSegment]?
    /// A group id per sample.
    var groups: [Int]?
    /// Threads for the batch.
    var jobs = 1
    /// True to write the records as one JSON array instead of one per line.
    var outputArray = false

    /// The most threads one call may ask for.
    static let maxJobs = 1024

    /// Reads the options of `text` for `program`.
    init(_ text: String?, program: Program) throws(Failure) {
        let options = try Options(text, known: ["map", "group_by", "groups", "jobs", "output"], what: "evaluate options")
        if let map = options["map"] {
            guard case .map(let box) = map else { throw Failure(.invalidOption, "option 'map' must be an object of input: path") }
            for (input, path) in box.entries {
                guard program.inputs.contains(where: { $0.name == input }) else {
                    throw Failure(.invalidOption, "option 'map': the rubric has no input named '\(input)' (inputs: "
                                  + program.inputs.map(\.name).joined(separator: ", ") + ")")
                }
                guard case .string(let dotted) = path, !dotted.isEmpty else {
                    throw Failure(.invalidOption, "option 'map': the path of '\(input)' must be a non-empty string")
                }
                pathOverrides[input] = Evaluator.parsePath(dotted)
            }
        }
        groupBy = try options.string("group_by").map(Evaluator.parsePath)
        if let list = options["groups"] {
            guard case .list(let ids) = list else { throw Failure(.invalidOption, "option 'groups' must be a list of whole numbers") }
            groups = try ids.map { id throws(Failure) in
                guard case .int(let number) = id else { throw Failure(.invalidOption, "option 'groups' must be a list of whole numbers") }
                return number
            }
        }
        if groupBy != nil && groups != nil { throw Failure(.invalidOption, "give either 'group_by' or 'groups', not both") }
        if let jobs = try options.integer("jobs", in: 0...Self.maxJobs) {
            self.jobs = jobs == 0 ? ProcessInfo.processInfo.activeProcessorCount : jobs
        }
        switch try options.string("output") {
        case nil, "jsonl": outputArray = false
        case "json": outputArray = true
        case let other?: throw Failure(.invalidOption, "option 'output' must be \"jsonl\" or \"json\", not \"\(other)\"")
        }
    }
}
