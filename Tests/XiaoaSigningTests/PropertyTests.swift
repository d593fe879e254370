// Properties of the sign over seeded random timestamps and domain keys: verification accepts exactly the right
// value and rejects every single-character change, upper-casing, truncation and extension of it.

import Testing
import XiaoaSigning
import XiaoaTestSupport

// MARK: - Random inputs

/// The generators of this file, on the shared seeded generator.
private typealias SeededRandom = SplitMix64

extension SplitMix64 {
    /// A timestamp as clients send them: 10 digits mostly, sometimes milliseconds, short, empty or not digits.
    mutating func timestamp() -> String {
        switch int(0...5) {
        case 0: return String(int(0...999_999_999_999))
        case 1: return ""
        case 2: return String((0..<int(1...20)).map { _ in Character(Unicode.Scalar(UInt8(int(0x20...0x7e)))) })
        default: return String(int(1_000_000_000...2_000_000_000))
        }
    }

    /// A domain key: ASCII, CJK, astral characters, quotes and controls.
    mutating func domainKey() -> String {
        let pool: [Unicode.Scalar] = [
            "a", "z", "K", "0", "-", "_", " ", "'", "\"", "\\", "\t", "\n", "\u{0}", "é", "第", "二", "个",
            "🔑", "😀", "\u{10FFFF}", "\u{FEFF}", "\u{301}",
        ]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(0...24) { scalars.append(pool[int(0...pool.count - 1)]) }
        return String(scalars)
    }
}

// MARK: - Properties

@Suite("Sign properties (seeded random inputs)")
struct SignPropertyTests {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
    static let casesPerSeed = 100
    /// Replacements tried at every position: the other hex digits, upper-case hex, and characters that are not hex.
    static let replacements: [Character] = Array("0123456789abcdefABCDEFgz -\u{0}é")

    @Test(
        "verify accepts the sign, in the String and the byte form, and it is 10 lowercase hex digits", arguments: seeds)
    func acceptsTheRightSign(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let timestamp = random.timestamp()
            let key = random.domainKey()
            let sign = XiaoaSign.sign(timestamp: timestamp, domainKey: key)
            #expect(
                sign.utf8.count == 10
                    && sign.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) },
                "seed \(seed) case \(k): \(sign)")
            #expect(XiaoaSign.isValid(sign, timestamp: timestamp, domainKey: key), "seed \(seed) case \(k)")
            #expect(
                XiaoaSign.isValid(Array(sign.utf8), timestamp: Array(timestamp.utf8), domainKey: Array(key.utf8)),
                "seed \(seed) case \(k)")
            let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: key)
            #expect(
                steps.sign == sign && Array(steps.md5Second.utf8)[8..<18].elementsEqual(sign.utf8),
                "seed \(seed) case \(k)")
        }
    }

    @Test("verify rejects every single-character change, upper-casing, truncation and extension", arguments: seeds)
    func rejectsEveryNearMiss(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let timestamp = random.timestamp()
            let key = random.domainKey()
            let sign = Array(XiaoaSign.sign(timestamp: timestamp, domainKey: key))
            var nearMisses: [String] = []
            for position in sign.indices {
                for replacement in Self.replacements where replacement != sign[position] {
                    var changed = sign
                    changed[position] = replacement
                    nearMisses.append(String(changed))
                }
                nearMisses.append(String(sign[..<position]))  // truncated
                nearMisses.append(String(sign[..<position] + sign[(position + 1)...]))  // one character dropped
            }
            let text = String(sign)
            if text.uppercased() != text { nearMisses.append(text.uppercased()) }
            nearMisses += [text + "0", " " + text, text + " ", text + "\n", text + "\u{0}"]
            for candidate in nearMisses {
                #expect(
                    !XiaoaSign.isValid(candidate, timestamp: timestamp, domainKey: key),
                    "seed \(seed) case \(k): \(String(reflecting: candidate)) accepted for \(text)")
                #expect(
                    !XiaoaSign.isValid(
                        Array(candidate.utf8), timestamp: Array(timestamp.utf8), domainKey: Array(key.utf8)),
                    "seed \(seed) case \(k): \(String(reflecting: candidate)) accepted (bytes) for \(text)")
            }
        }
    }

    @Test("The sign of other inputs does not verify (neighbouring timestamp, key or concatenation)", arguments: seeds)
    func rejectsOtherInputs(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        for k in 0..<Self.casesPerSeed {
            let timestamp = random.timestamp()
            let key = random.domainKey()
            let sign = XiaoaSign.sign(timestamp: timestamp, domainKey: key)
            #expect(!XiaoaSign.isValid(sign, timestamp: timestamp + "1", domainKey: key), "seed \(seed) case \(k)")
            #expect(!XiaoaSign.isValid(sign, timestamp: timestamp, domainKey: key + "x"), "seed \(seed) case \(k)")
            let swappedIsSame = Array(key.utf8) + Array(timestamp.utf8) == Array(timestamp.utf8) + Array(key.utf8)
            #expect(
                swappedIsSame || !XiaoaSign.isValid(sign, timestamp: key, domainKey: timestamp),
                "seed \(seed) case \(k)")
            // Only the concatenation counts: moving the boundary keeps the sign (PHP's `timestamp . domain_key`).
            if let first = key.first {
                #expect(
                    XiaoaSign.isValid(sign, timestamp: timestamp + String(first), domainKey: String(key.dropFirst())),
                    "seed \(seed) case \(k)")
            }
        }
    }
}
