import OrderedCollections
import Rubric

/// OpenRLHF's remote reward protocol (`--remote_rm_url http://HOST:PORT/get_reward`).
///
/// The trainer posts `{"query": [...], "prompts": [...], "labels": [...]}` (parallel lists; a
/// query is the prompt followed by the response, decoded with special tokens; older versions
/// send only `query`, newer ones may add `metas`) and reads `rewards` (advantages), `scores`
/// (dynamic filtering) and `extra_logs` (logged per sample). Each element becomes a sample
///
///     {"query": q, "prompt": p, "completion": c, "label": l, "answer": l, "meta": m}
///
/// where the completion is the query after its prompt (see `completion(query:prompt:)`),
/// keys without a value are absent, and a rubric's inputs read their fields by name
/// (`input completion`, `input answer`) or through `--map` (`--map answer=label.gold`).
public enum OpenRLHFRequest {
    /// Reads a request body into samples, one per query, grouped by prompt by default.
    public static func parse(_ body: some Collection<UInt8>, program: Program,
                             configuration: ServerConfiguration) throws(ServerError) -> SampleBatch {
        let fields = try JSONBody.object(body, maxDepth: configuration.limits.maxValueDepth,
                                         expected: "with a 'query' list")
        let queries = try JSONBody.strings(JSONBody.list(fields, "query", required: true)!, field: "query")
        try JSONBody.checkCount(queries.count, limit: configuration.maxSamples)
        let promptList = try JSONBody.list(fields, "prompts", required: false)
        let labels = try JSONBody.list(fields, "labels", required: false)
        let metas = try JSONBody.list(fields, "metas", required: false)
        try JSONBody.checkLength(promptList, "prompts", count: queries.count, of: "query")
        try JSONBody.checkLength(labels, "labels", count: queries.count, of: "query")
        try JSONBody.checkLength(metas, "metas", count: queries.count, of: "query")
        let prompts = try promptList.map { list throws(ServerError) in try JSONBody.strings(list, field: "prompts") }

        var samples: [Value] = []
        samples.reserveCapacity(queries.count)
        for (index, query) in queries.enumerated() {
            var sample: OrderedDictionary<String, Value> = ["query": .string(query)]
            let prompt = prompts?[index]
            if let prompt { sample["prompt"] = .string(prompt) }
            sample["completion"] = .string(completion(query: query, prompt: prompt,
                                                      stripping: configuration.stripSuffixes))
            if let label = labels?[index] {
                sample["label"] = label
                sample["answer"] = label
            }
            if let meta = metas?[index] { sample["meta"] = meta }
            samples.append(.map(sample))
        }
        var batch = SampleBatch(samples: samples)
        if program.usesGroups, let keyPath = SampleBatch.groupKeyPath(
            program: program, configuration: configuration, requested: nil,
            endpointDefault: prompts == nil ? nil : [.key("prompt")]) {
            batch.groups = SampleBatch.groupNumbers(samples, keyPath: keyPath)
        }
        return batch
    }

    /// The response the trainer generated after its prompt: the query without the prompt
    /// when the query starts with it, else the text after the prompt's first occurrence (a
    /// decoded query may begin with a BOS token the prompt text lacks), else the whole query;
    /// then without any of `suffixes` at its end (EOS and padding tokens), as often as they occur.
    public static func completion(query: String, prompt: String?, stripping suffixes: [String]) -> String {
        var text = Substring(query)
        if let prompt, !prompt.isEmpty, let end = TextSearch.endOfFirstMatch(of: prompt, in: query) {
            text = query[end...]
        }
        var stripped = true
        while stripped {
            stripped = false
            for suffix in suffixes where !suffix.isEmpty && text.utf8.count >= suffix.utf8.count
                && text.utf8.reversed().starts(with: suffix.utf8.reversed()) {
                text = text.prefix(upTo: text.utf8.index(text.endIndex, offsetBy: -suffix.utf8.count))
                stripped = true
            }
        }
        return String(text)
    }

    /// Renders `{"rewards": [...], "scores": [...], "extra_logs": {...}}`: a number for every
    /// sample (`nullReward` where the reward is skip or the sample failed), `scores` from the
    /// score `--openrlhf-score` names (else the reward), and in `extra_logs` one list per
    /// rubric score plus `rubric_skipped` and `rubric_failed` (1 or 0 per sample).
    public static func response(_ results: [SampleResult], program: Program,
                                configuration: ServerConfiguration) -> String {
        let fill = configuration.nullReward
        func numbers(_ values: some Sequence<Double?>) -> String {
            "[" + values.map { JSON.serialize(.float($0 ?? fill)) }.joined(separator: ",") + "]"
        }
        let rewards = numbers(results.map(\.reward))
        var scores = rewards
        if let name = configuration.openRLHFScore, let slot = program.scoreNames.firstIndex(of: name) {
            scores = numbers(results.map { $0.scoreValues[slot] })
        }
        var logs: [String] = []
        for (slot, name) in program.scoreNames.enumerated() {
            logs.append(JSON.serialize(.string(name)) + ":" + numbers(results.map { $0.scoreValues[slot] }))
        }
        logs.append("\"rubric_skipped\":" + numbers(results.map { $0.isSkipped ? 1 : 0 }))
        logs.append("\"rubric_failed\":" + numbers(results.map { $0.error == nil ? 0 : 1 }))
        return "{\"rewards\":\(rewards),\"scores\":\(scores),\"extra_logs\":{\(logs.joined(separator: ","))}}"
    }
}
