import Foundation
import Rubric
import RubricSyntax

/// libFuzzer's entry point: one input is the text of a rubric, whose `# sample:` comments
/// give the samples to evaluate (as in the golden scripts, so they seed the corpus as they
/// are). Any crash, trap, sanitizer report or timeout is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzCase(text: String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)).run()
    return 0
}

/// Called once before fuzzing. With `-rubric_dict=PATH` it writes a libFuzzer dictionary of
/// the language's keywords, symbols, builtins and library functions to PATH and exits, so
/// `run.sh` derives the dictionary from the registry instead of keeping a copy.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    for index in 0..<Int(argc.pointee) {
        guard let pointer = argv.pointee?[index] else { continue }
        let argument = String(cString: pointer)
        guard argument.hasPrefix("-rubric_dict=") else { continue }
        let path = String(argument.dropFirst("-rubric_dict=".count))
        _ = FileManager.default.createFile(atPath: path, contents: Data(FuzzDictionary.text.utf8))
        exit(0)
    }
    return 0
}

/// libFuzzer's driver, for programs that bring their own main.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// The executable's entry point. SwiftPM links an executable target's `main` to
/// `<module>_main`, so the program starts here and hands over to libFuzzer's driver.
@_cdecl("RubricFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}
