import Foundation
import Rubric

// The functions declared in include/rubric.h. Each one checks its arguments, runs in `call`,
// which turns a failure into a status and a message, and never lets a Swift error or trap
// reachable from its input escape to C.

/// A `char **` output parameter.
public typealias TextOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// Clears `error`, runs `body` and returns its status; on failure, stores the message.
private func call(_ outError: TextOut?, _ body: () throws(Failure) -> Status) -> Int32 {
    outError?.pointee = nil
    do throws(Failure) {
        return try body().rawValue
    } catch {
        CText.store(error.message, in: outError)
        return error.status.rawValue
    }
}

/// The library's version (a static string).
@_cdecl("rubric_version")
public func rubric_version() -> UnsafePointer<CChar> {
    UnsafeRawPointer(RubricVersion.text.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// The version of the C interface.
@_cdecl("rubric_abi_version")
public func rubric_abi_version() -> Int32 {
    RubricVersion.abi
}

/// A static name for a status.
@_cdecl("rubric_status_name")
public func rubric_status_name(_ status: Int32) -> UnsafePointer<CChar> {
    let name: StaticString = Status(rawValue: status)?.name ?? "unknown_status"
    return UnsafeRawPointer(name.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// Compiles a rubric into a program handle.
@_cdecl("rubric_compile")
public func rubric_compile(_ source: UnsafePointer<CChar>?, _ sourceLength: UInt, _ name: UnsafePointer<CChar>?,
                           _ options: UnsafePointer<CChar>?, _ outProgram: UnsafeMutablePointer<UnsafeMutableRawPointer?>?,
                           _ outDiagnostics: TextOut?, _ outError: TextOut?) -> Int32 {
    outProgram?.pointee = nil
    outDiagnostics?.pointee = nil
    return call(outError) { () throws(Failure) -> Status in
        guard let outProgram else { throw Failure(.nullArgument, "out_program is NULL") }
        let request = try CompileRequest(source, sourceLength, name, options)
        do throws(CompileFailure) {
            let program = try Program.compile(source: request.text, name: request.name, limits: request.limits)
            CText.store(ProgramInfo.diagnostics(program.warnings, in: program.source), in: outDiagnostics)
            outProgram.pointee = ProgramHandle(program: program).retainedPointer()
            return .ok
        } catch {
            CText.store(ProgramInfo.diagnostics(error.diagnostics, in: error.source), in: outDiagnostics)
            throw Failure(.compileError, ProgramInfo.text(error.diagnostics, in: error.source))
        }
    }
}

/// Checks a rubric and returns its diagnostics.
@_cdecl("rubric_check")
public func rubric_check(_ source: UnsafePointer<CChar>?, _ sourceLength: UInt, _ name: UnsafePointer<CChar>?,
                         _ options: UnsafePointer<CChar>?, _ outDiagnostics: TextOut?, _ outError: TextOut?) -> Int32 {
    outDiagnostics?.pointee = nil
    return call(outError) { () throws(Failure) -> Status in
        let request = try CompileRequest(source, sourceLength, name, options)
        let (file, diagnostics) = Program.diagnose(source: request.text, name: request.name, limits: request.limits)
        CText.store(ProgramInfo.diagnostics(diagnostics, in: file), in: outDiagnostics)
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw Failure(.compileError, ProgramInfo.text(diagnostics.filter { $0.severity == .error }, in: file))
        }
        return .ok
    }
}

/// Releases a program handle.
@_cdecl("rubric_program_free")
public func rubric_program_free(_ program: UnsafeMutableRawPointer?) {
    if let program { ProgramHandle.release(program) }
}

/// Describes a program as JSON.
@_cdecl("rubric_program_info")
public func rubric_program_info(_ program: UnsafeRawPointer?, _ outInfo: TextOut?, _ outError: TextOut?) -> Int32 {
    outInfo?.pointee = nil
    return call(outError) { () throws(Failure) -> Status in
        let handle = try ProgramHandle.from(program)
        guard let outInfo else { throw Failure(.nullArgument, "out_info is NULL") }
        CText.store(ProgramInfo.json(handle.program), in: outInfo)
        return .ok
    }
}

/// Evaluates a batch of samples and returns one record per sample.
@_cdecl("rubric_evaluate")
public func rubric_evaluate(_ program: UnsafeMutableRawPointer?, _ samples: UnsafePointer<CChar>?, _ samplesLength: UInt,
                            _ options: UnsafePointer<CChar>?, _ outResults: TextOut?,
                            _ outLength: UnsafeMutablePointer<UInt>?, _ outError: TextOut?) -> Int32 {
    outResults?.pointee = nil
    outLength?.pointee = 0
    return call(outError) { () throws(Failure) -> Status in
        let handle = try ProgramHandle.from(program)
        guard let outResults else { throw Failure(.nullArgument, "out_results is NULL") }
        let bytes = try CText.bytes(samples, count: samplesLength, what: "the samples")
        let settings = try EvaluateOptions(try CText.optionalString(options, what: "the evaluate options"),
                                           program: handle.program)
        let items = try BatchInput.items(bytes, maxDepth: handle.pool.limits.maxValueDepth)
        let output = CText.allocate(try BatchEvaluation.run(items, handle: handle, options: settings))
        outResults.pointee = output.pointer
        outLength?.pointee = UInt(output.count)
        return .ok
    }
}

/// The limits of a program (or the defaults) as JSON.
@_cdecl("rubric_limits_get")
public func rubric_limits_get(_ program: UnsafeRawPointer?, _ outLimits: TextOut?, _ outError: TextOut?) -> Int32 {
    outLimits?.pointee = nil
    return call(outError) { () throws(Failure) -> Status in
        guard let outLimits else { throw Failure(.nullArgument, "out_limits is NULL") }
        let limits = try program.map { pointer throws(Failure) in try ProgramHandle.from(pointer).pool.limits } ?? Limits()
        CText.store(LimitsJSON.json(limits), in: outLimits)
        return .ok
    }
}

/// Changes the evaluation limits of a program.
@_cdecl("rubric_limits_set")
public func rubric_limits_set(_ program: UnsafeMutableRawPointer?, _ limits: UnsafePointer<CChar>?, _ outError: TextOut?) -> Int32 {
    call(outError) { () throws(Failure) -> Status in
        let handle = try ProgramHandle.from(program)
        guard let text = try CText.optionalString(limits, what: "the limits") else {
            throw Failure(.nullArgument, "the limits are NULL")
        }
        let object = try parseObject(text, what: "the limits")
        handle.setLimits(try LimitsJSON.apply(object, to: handle.pool.limits, compiling: false))
        return .ok
    }
}

/// Releases a string returned by the library.
@_cdecl("rubric_string_free")
public func rubric_string_free(_ text: UnsafeMutablePointer<CChar>?) {
    free(text)
}

/// Parses JSON text that must be an object.
func parseObject(_ text: String, what: String) throws(Failure) -> Value {
    let value: Value
    do throws(RuntimeError) {
        value = try JSON.parse(text, maxDepth: 64)
    } catch {
        throw Failure(.invalidJSON, "\(what) are not valid JSON: \(error.message)")
    }
    guard case .map = value else { throw Failure(.invalidJSON, "\(what) must be a JSON object") }
    return value
}
