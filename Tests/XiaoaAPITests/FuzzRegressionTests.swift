// Replays every saved input of the `verifier` fuzz target (Fuzz/Crashes/verifier, Fuzz/Regressions/verifier) through the
// same property checks the fuzzer runs (XiaoaPropertyChecks: VerifierFuzzInvariants). scripts/fuzz saves new crashes
// there.

import Foundation
import Testing
import XiaoaPropertyChecks
import XiaoaTestSupport

@Suite("Fuzz regressions: verifier")
struct VerifierFuzzRegressionTests {
    /// Inputs whose bug is known and not fixed yet: the test expects the failure, and fails once it is gone, so
    /// that whoever fixes the bug removes the entry.
    static let knownIssues: [String: String] = [:]

    @Test("Saved input keeps every property", arguments: FuzzInputs.names("verifier"))
    func replay(_ name: String) throws {
        let failure = VerifierFuzzInvariants.check(try FuzzInputs.bytes(name))
        if let issue = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: issue)) { #expect(failure == nil, "\(name): \(failure ?? "")") }
        } else {
            #expect(failure == nil, "\(name): \(failure ?? "")")
        }
    }

    @Test func savedInputsExist() {
        #expect(FuzzInputs.names("verifier").count >= 5)
        for name in Self.knownIssues.keys {
            #expect(FuzzInputs.names("verifier").contains(name), "\(name) is gone; drop its entry")
        }
    }
}
