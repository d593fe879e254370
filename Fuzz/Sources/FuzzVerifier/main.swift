// libFuzzer entry point of the `verifier` target: a captured request body checked for every endpoint.
// The properties are XiaoaPropertyChecks' VerifierFuzzInvariants (replayed by the regression tests).

import XiaoaPropertyChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVerifier(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let failure = VerifierFuzzInvariants.check(bytes) {
        fatalError("verifier invariant broken: \(failure)")
    }
    return 0
}
