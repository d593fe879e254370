// Replays every saved input of the `linereader` fuzz target (Fuzz/Crashes/linereader, Fuzz/Regressions/linereader)
// through the very reader the batch modes use (XiaoaCommandLine's ChunkReader, Lines and LineReader), with the chunk
// size the input names, as the fuzzer ran it: the finding in Fuzz/Crashes/linereader depended on where reads end
// (chunk size 39), which a run of the binary (reading 256 KiB at a time) cannot reproduce. Tests/CLITests replays
// the same inputs through the binary too.

import Testing
import XiaoaCommandLine
import XiaoaPropertyChecks
import XiaoaTestSupport

@Suite("Fuzz regressions: linereader, with each input's chunk size")
struct LineReaderFuzzRegressionTests {
    /// Inputs whose bug is known and not fixed yet: the test expects the failure, and fails once it is gone, so
    /// that whoever fixes the bug removes the entry.
    static let knownIssues: [String: String] = [:]

    @Test("Saved input: the reader hands out exactly its lines", arguments: FuzzInputs.names("linereader"))
    func replay(_ name: String) throws {
        let input = try FuzzInputs.bytes(name)
        let failure = LineReaderFuzzInvariants.check(input, in: InputFile())
        let chunkSize = LineReaderFuzzInvariants.decode(input).chunkSize
        if let issue = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: issue)) { #expect(failure == nil, "\(name): \(failure ?? "")") }
        } else {
            #expect(failure == nil, "\(name) (chunk size \(chunkSize)): \(failure ?? "")")
        }
    }

    @Test func savedInputsExist() {
        #expect(FuzzInputs.names("linereader").count >= 5)
        for name in Self.knownIssues.keys {
            #expect(FuzzInputs.names("linereader").contains(name), "\(name) is gone; drop its entry")
        }
    }

    /// The finding itself: a line of 1 MiB + `\r` was judged by two rules depending on where a read ended.
    @Test func findingNeedsItsChunkSize() throws {
        let name = "Crashes/linereader/line-of-1MiB-plus-CR-judged-by-two-rules"
        try #require(FuzzInputs.names("linereader").contains(name))
        #expect(LineReaderFuzzInvariants.decode(try FuzzInputs.bytes(name)).chunkSize == 39)
    }
}
