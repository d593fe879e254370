// Replays every saved input of the `decrypt` fuzz target (Fuzz/Crashes/decrypt, Fuzz/Regressions/decrypt) through the
// same property checks the fuzzer runs (XiaoaPropertyChecks: DecryptFuzzInvariants). scripts/fuzz saves new crashes
// there.

import Foundation
import Testing
import XiaoaPropertyChecks
import XiaoaTestSupport

@Suite("Fuzz regressions: decrypt")
struct DecryptFuzzRegressionTests {
    /// Inputs whose bug is known and not fixed yet: the test expects the failure, and fails once it is gone, so
    /// that whoever fixes the bug removes the entry.
    static let knownIssues: [String: String] = [:]

    @Test("Saved input keeps every property", arguments: FuzzInputs.names("decrypt"))
    func replay(_ name: String) throws {
        let failure = DecryptFuzzInvariants.check(try FuzzInputs.bytes(name))
        if let issue = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: issue)) { #expect(failure == nil, "\(name): \(failure ?? "")") }
        } else {
            #expect(failure == nil, "\(name): \(failure ?? "")")
        }
    }

    @Test func savedInputsExist() {
        #expect(FuzzInputs.names("decrypt").count >= 5)
        for name in Self.knownIssues.keys {
            #expect(FuzzInputs.names("decrypt").contains(name), "\(name) is gone; drop its entry")
        }
    }
}
