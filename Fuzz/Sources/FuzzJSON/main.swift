// libFuzzer entry point of the `json` target: the strict parser, RFC 8785 and the PHP style on any bytes.
// The properties are XiaoaPropertyChecks' JSONFuzzInvariants, which the regression tests replay on every saved
// input; a broken property stops the fuzzer with its description.

import XiaoaPropertyChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let failure = JSONFuzzInvariants.check(bytes) {
        fatalError("json invariant broken: \(failure)")
    }
    return 0
}
