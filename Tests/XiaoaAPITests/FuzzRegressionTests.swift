// Replays every saved input of the `verifier` fuzz target (Fuzz/Crashes/verifier, Fuzz/Regressions/verifier) through the
// same invariant checks the fuzzer runs (VerifierFuzzInvariants.swift). scripts/fuzz saves new crashes there.

import Foundation
import Testing

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
        for name in Self.knownIssues.keys { #expect(FuzzInputs.names("verifier").contains(name), "\(name) is gone; drop its entry") }
    }
}

// MARK: - Saved fuzz inputs

/// The saved inputs of one fuzz target: `Fuzz/Crashes/<target>` (found by scripts/fuzz, or inputs that break an
/// invariant until a bug is fixed) and `Fuzz/Regressions/<target>` (hand-made tricky cases), found from this file.
private enum FuzzInputs {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // the test target
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fuzz")

    /// `Crashes/<target>/<file>` and `Regressions/<target>/<file>`, sorted; called while building test arguments.
    static func names(_ target: String) -> [String] {
        ["Crashes", "Regressions"].flatMap { folder in
            let directory = root.appendingPathComponent(folder).appendingPathComponent(target)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return files.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\(target)/\($0)" }
        }
    }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }
}
