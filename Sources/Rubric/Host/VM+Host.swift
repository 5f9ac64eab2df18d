extension VM {
    /// Calls declared host function `index` with `arguments` (already of the declared
    /// parameter types): charges its cost, answers from the cache for a pure function that
    /// saw these arguments before, and checks the result against the declared type. Errors
    /// carry no position; the VM puts them at the call.
    func callHost(_ index: Int, _ arguments: [Value]) throws(RuntimeError) -> Value {
        let declared = program.hostDeclarations[index]
        guard let function = program.hostFunctions[index] else {
            throw RuntimeError(.hostUnavailable,
                               "host function '\(declared.name)' is not available: the rubric was compiled without a host that registers it")
        }
        try context.charge(function.cost)
        // Every call hashes its arguments (a metered walk), pure or not, so the fuel charged
        // never tells a cached answer from a fresh one.
        let hashed = try HostCallKey(function: index, arguments: arguments, context: context)
        let key = function.pure ? hashed : nil
        if let key, let cached = context.hostResults.result(for: key) { return cached }
        let raw: Value
        do {
            raw = try function.body(arguments)
        } catch let error as RuntimeError {
            throw error
        } catch {
            throw RuntimeError(.hostFailed, "host function '\(declared.name)' failed: \(error)")
        }
        let result: Value
        switch InputBinding.convert(raw, to: declared.returns, limit: context.limits.maxValueDepth) {
        case .success(let converted): result = converted
        case .failure(let problem):
            throw RuntimeError(.hostResult,
                               "host function '\(declared.name)' must return \(declared.returns): \(problem.reason)")
        }
        try context.allocate(ValueCost.measure(result).memory)
        if let key { context.hostResults.store(result, for: key) }
        return result
    }
}
