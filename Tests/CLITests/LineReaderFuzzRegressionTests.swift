// Replays every saved input of the `linereader` fuzz target (Fuzz/Crashes/linereader, Fuzz/Regressions/linereader)
// through the real binary: `encrypt --batch` reads the stdin lines with the fuzzed reader, and `decrypt --batch
// --hex` of its output must give back exactly the lines the batch contract defines, or the run must refuse a line
// over the 1 MiB limit. The input layout is XiaoaPropertyChecks' (LineReaderFuzzInvariants.decode); the binary
// reads 256 KiB at a time whatever the input's chunk size, which Tests/XiaoaCommandLineTests replays.

import Foundation
import Testing
import XiaoaPropertyChecks
import XiaoaTestSupport

@Suite("Fuzz regressions: linereader, through the binary")
struct LineReaderFuzzRegressionTests {
    static let maxLineLength = 1 << 20

    /// Inputs whose bug is known and not fixed yet: the test expects the failure, and fails once it is gone, so
    /// that whoever fixes the bug removes the entry.
    static let knownIssues: [String: String] = [:]

    @Test(
        "Saved input: encrypt --batch then decrypt --batch --hex gives back the lines",
        arguments: FuzzInputs.names("linereader"))
    func replay(_ name: String) throws {
        let data = LineReaderFuzzInvariants.decode(try FuzzInputs.bytes(name)).data
        if let issue = Self.knownIssues[name] {
            withKnownIssue(Comment(rawValue: issue)) { try check(name, data) }
        } else {
            try check(name, data)
        }
    }

    func check(_ name: String, _ data: [UInt8]) throws {
        let (lines, longest) = Self.lines(of: data)
        let encrypted = try XiaoaBinary.run(["encrypt", "--batch"], stdin: Data(data))
        let parallel = try XiaoaBinary.run(["encrypt", "--batch", "--jobs", "2"], stdin: Data(data))
        #expect(
            parallel.status == encrypted.status,
            "\(name): --jobs 2 exits \(parallel.status), --jobs 1 \(encrypted.status)")
        guard longest <= Self.maxLineLength else {
            #expect(
                encrypted.status == 65 && encrypted.stderr.contains("longer than"),
                "\(name): a line of \(longest) bytes was not refused: exit \(encrypted.status)")
            return
        }
        #expect(encrypted.status == 0, "\(name): \(encrypted)")
        #expect(parallel.stdoutBytes == encrypted.stdoutBytes, "\(name): --jobs 2 prints other bytes")
        // One base64 line per input line, of the length the line's ciphertext has.
        var ciphertexts = encrypted.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(ciphertexts.last == "", "\(name): output does not end with a newline")
        ciphertexts.removeLast()
        try #require(ciphertexts.count == lines.count, "\(name): \(ciphertexts.count) output lines for \(lines.count)")
        for (k, (ciphertext, line)) in zip(ciphertexts, lines).enumerated() {
            #expect(ciphertext.utf8.count == (((line.count / 16 + 1) * 16 + 2) / 3) * 4, "\(name): line \(k + 1)")
        }
        // Decrypted, they are the lines (base64 of a line over 768 KiB is itself over decrypt's 1 MiB line limit).
        let short = zip(ciphertexts, lines).filter { $0.0.utf8.count <= Self.maxLineLength }
        let decrypted = try XiaoaBinary.run(["decrypt", "--batch", "--hex"], stdin: short.map { $0.0 + "\n" }.joined())
        #expect(decrypted.status == 0, "\(name): \(decrypted.stderr)")
        let expected = short.map { Self.hex($0.1) + "\n" }.joined()
        #expect(decrypted.stdout == expected, "\(name): \(short.count) lines expected")
    }

    @Test func savedInputsExist() {
        #expect(FuzzInputs.names("linereader").count >= 5)
        for name in Self.knownIssues.keys {
            #expect(FuzzInputs.names("linereader").contains(name), "\(name) is gone; drop its entry")
        }
    }

    /// The lines by the batch contract (split at LF, one CR before it dropped, a last line without LF counts) and
    /// the longest line's length (without its line end, as the 1 MiB limit counts it).
    static func lines(of data: [UInt8]) -> (lines: [[UInt8]], longest: Int) {
        var lines: [[UInt8]] = []
        var longest = 0
        var start = 0
        while start < data.count {
            let newline = data[start...].firstIndex(of: 0x0a) ?? data.count
            var end = newline
            if end > start, data[end - 1] == 0x0d { end -= 1 }
            longest = max(longest, end - start)
            lines.append(Array(data[start..<end]))
            start = newline + 1
        }
        return (lines, longest)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes { out += [digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]] }
        return String(decoding: out, as: UTF8.self)
    }
}
