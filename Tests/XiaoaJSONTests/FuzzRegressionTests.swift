// Replays every saved input of the `json` fuzz target (Fuzz/Crashes/json, Fuzz/Regressions/json) through the
// same property checks the fuzzer runs (XiaoaPropertyChecks: JSONFuzzInvariants). scripts/fuzz saves new crashes
// there.

import Foundation
import Testing
import XiaoaPropertyChecks
import XiaoaTestSupport

@Suite("Fuzz regressions: json")
struct JSONFuzzRegressionTests {
    /// Inputs whose bug is known and not fixed yet: the test expects the failure, and fails once it is gone, so
    /// that whoever fixes the bug removes the entry.
    static let knownIssues: [String: String] = [:]

    @Test("Saved input keeps every property", arguments: FuzzInputs.names("json"))
    func replay(_ name: String) throws {
        let failure = JSONFuzzInvariants.check(try FuzzInputs.bytes(name))
        if let issue = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: issue)) { #expect(failure == nil, "\(name): \(failure ?? "")") }
        } else {
            #expect(failure == nil, "\(name): \(failure ?? "")")
        }
    }

    @Test func savedInputsExist() {
        #expect(FuzzInputs.names("json").count >= 5)
        for name in Self.knownIssues.keys {
            #expect(FuzzInputs.names("json").contains(name), "\(name) is gone; drop its entry")
        }
    }
}
