import Foundation
import Testing

/// The start-up fast path must behave exactly like the full parser: same stdout, stderr and exit status.
@Suite("Start-up fast path equals the full parser")
struct FastPathTests {
    static let cases: [([String], String?)] = [
        (["sign", "--domain-key", "abc", "--timestamp", "1700000000"], nil),
        (["sign", "--timestamp", "1700000000", "--domain-key", "abc"], nil),
        (["sign", "--domain-key=abc", "--timestamp=1700000000"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", "1700000000", "--format", "text"], nil),
        (["sign", "--domain-key", "", "--timestamp", "1700000000"], nil),
        (["sign", "--domain-key", "密钥 with spaces", "--timestamp", "1700000000"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", ""], nil),
        (["sign", "--domain-key", "abc", "--timestamp", "17e8"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", " 1700000000"], nil),
        (["sign", "--domain-key", "abc", "--domain-key", "abd", "--timestamp", "1"], nil),
        (["sign", "--domain-key", "-abc", "--timestamp", "1"], nil),
        (["sign", "--domain-key", "abc", "--timestamp"], nil),
        (["sign", "--timestamp", "1700000000"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", "1", "--format", "json"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", "1", "--format", "xml"], nil),
        (["sign", "--domain-key", "abc", "--timestamp", "1", "extra"], nil),
        (["sign", "--help"], nil),
        (["encrypt", "123456"], nil),
        (["encrypt"], "123456\n"),
        (["encrypt"], ""),
        (["encrypt"], "\n"),
        (["encrypt", "-x"], nil),
        (["encrypt", "a", "b"], nil),
        (["decrypt", "HHAEEXzBXY4FmXo0mOQ8Hw=="], nil),
        (["decrypt"], "HHAEEXzBXY4FmXo0mOQ8Hw==\r\n"),
        (["decrypt", "HHAEEXzBXY4F Xo0mOQ8Hw=="], nil),
        (["decrypt", "AAAAAAAAAAAAAAAAAAAAAA=="], nil),
        (["decrypt", "//79/w=="], nil),
        (["decrypt"], ""),
    ]

    @Test(arguments: cases)
    func sameAsFullParser(_ arguments: [String], _ stdin: String?) throws {
        let fast = try XiaoaBinary.run(arguments, stdin: Data((stdin ?? "").utf8))
        let full = try XiaoaBinary.run(
            arguments, stdin: Data((stdin ?? "").utf8), environment: ["XIAOA_NO_FAST_PATH": "1"])
        #expect(fast.status == full.status, "\(arguments)\nfast: \(fast)\nfull: \(full)")
        #expect(fast.stdout == full.stdout, "\(arguments)")
        #expect(fast.stderr == full.stderr, "\(arguments)")
    }
}
