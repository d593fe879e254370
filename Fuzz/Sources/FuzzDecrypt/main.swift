// libFuzzer entry point of the `decrypt` target: strict base64, decryption and the encrypt/decrypt round trip.
// The properties are XiaoaPropertyChecks' DecryptFuzzInvariants (replayed by the regression tests).

import XiaoaPropertyChecks

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecrypt(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: start, count: count))
    if let failure = DecryptFuzzInvariants.check(bytes) {
        fatalError("decrypt invariant broken: \(failure)")
    }
    return 0
}
