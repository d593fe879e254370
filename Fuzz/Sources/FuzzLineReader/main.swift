// libFuzzer entry point of the `linereader` target: the batch modes' stdin reader (XiaoaCommandLine) on any bytes
// and any chunk size. The input layout and the properties are XiaoaPropertyChecks' LineReaderFuzzInvariants,
// which the regression tests replay with each saved input's chunk size.

import XiaoaPropertyChecks

/// One temporary file for the whole run: the readers read each input from it.
nonisolated(unsafe) let inputFile = InputFile()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineReader(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let failure = LineReaderFuzzInvariants.check(bytes, in: inputFile) {
        fatalError("linereader invariant broken: \(failure)")
    }
    return 0
}
