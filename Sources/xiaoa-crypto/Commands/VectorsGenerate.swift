import ArgumentParser
import XiaoaCipher
import XiaoaJSON
import XiaoaPrimitives
import XiaoaSigning
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `xiaoa-crypto vectors generate`: a deterministic vector file for checking other implementations.
///
/// The expected values come from this tool's own libraries, so a generated file is *not* independent
/// evidence (that is what `Vectors/` is for); it is a large, reproducible workload on which other languages
/// must agree with us byte for byte (`scripts/crosscheck`).
struct VectorsGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a deterministic vector file of N cases for other implementations.",
        discussion: """
            The same --count, --seed and kind give a byte-identical file on every machine. The file has the \
            schema of Vectors/sign.json (xiaoa_sign_v1) or Vectors/password.json (xiaoa_password_v1) and is \
            written as it is generated, in constant memory, so N can be in the millions. Its expected values \
            come from xiaoa-crypto itself (source.expected says so): it is for cross-language checks, not \
            independent evidence.

            One kind goes to stdout. Several kinds need --out-dir DIR, which gets one file per kind \
            (DIR/sign.json, DIR/password.json; each file has one schema), each with N cases. A kind's file \
            does not depend on which other kinds are asked for.

            Examples:
              xiaoa-crypto vectors generate --count 10000 > sign-10k.json
              xiaoa-crypto vectors generate --count 10000 --kinds password --seed 42 > password-10k.json
              xiaoa-crypto vectors generate --count 10000 --kinds sign,password --out-dir /tmp/vec
              xiaoa-crypto vectors check /tmp/vec/sign.json /tmp/vec/password.json
            """)

    /// The seed when none is given (the same fixed seed as scripts/generate-vectors).
    static let defaultSeed: UInt64 = 1_700_000_000

    @Option(help: "Number of test cases per kind (0 or more).")
    var count: Int

    @Option(help: "PRNG seed, 0 to 2^64-1; the same seed gives the same bytes.")
    var seed: UInt64 = defaultSeed

    @Option(help: ArgumentHelp("Comma-separated kinds: sign, password (request: not yet).", valueName: "kinds"))
    var kinds: String = "sign"

    @Option(
        name: .customLong("out-dir"),
        help: ArgumentHelp("Write <kind>.json files into this folder instead of stdout.", valueName: "dir"))
    var outDir: String?

    /// The kinds that can be generated.
    enum Kind: String, CaseIterable {
        case sign, password
    }

    func validate() throws {
        guard count >= 0 else { throw ValidationError("--count must be 0 or more, got \(count)") }
        let parsed = try parsedKinds()
        if parsed.count > 1 && outDir == nil {
            throw ValidationError("several kinds need --out-dir DIR: each file has one schema, so each kind gets its own file")
        }
    }

    func parsedKinds() throws -> [Kind] {
        var result: [Kind] = []
        for part in kinds.split(separator: ",", omittingEmptySubsequences: false) {
            let name = String(part)
            if name == "request" {
                throw ValidationError("kind 'request' is not available yet: there is no request vector schema (kinds: sign, password)")
            }
            guard let kind = Kind(rawValue: name) else {
                throw ValidationError("unknown kind '\(name)' in --kinds (kinds: sign, password)")
            }
            if !result.contains(kind) { result.append(kind) }
        }
        return result
    }

    func run() throws {
        let kinds = try parsedKinds()
        guard let outDir else {
            let out = OutputBuffer()
            write(kinds[0], to: out)
            try out.flush()
            return
        }
        if mkdir(outDir, 0o755) != 0 && errno != EEXIST {
            throw Failure(.noInput, "cannot create \(outDir): \(String(cString: strerror(errno)))")
        }
        let summary = OutputBuffer()
        for kind in kinds {
            let path = outDir + "/" + kind.rawValue + ".json"
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw Failure(.noInput, "cannot write \(path): \(String(cString: strerror(errno)))") }
            let out = OutputBuffer(fd: fd, name: path)
            write(kind, to: out)
            try out.flush()  // a failed write ends the run with exit 74, naming the file
            close(fd)
            summary.writeLine("\(path): \(count) tests")
        }
        try summary.flush()
    }

    /// Writes the file of `kind`.
    func write(_ kind: Kind, to out: OutputBuffer) {
        var rng = Xoshiro256StarStar(seed: seed, stream: kind == .sign ? 1 : 2)
        let command = "xiaoa-crypto vectors generate --kinds \(kind.rawValue) --count \(count) --seed \(seed)"
        switch kind {
        case .sign: SignVectorWriter(count: count, command: command).write(to: out, rng: &rng)
        case .password: PasswordVectorWriter(count: count, command: command).write(to: out, rng: &rng)
        }
    }
}

// MARK: - Deterministic PRNG

/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64.
///
/// Hand-written rather than Swift's generators on purpose: `SystemRandomNumberGenerator` cannot be seeded,
/// and the algorithms behind `Int.random(in:using:)`, `shuffled(using:)` and `randomElement(using:)` are not
/// promised to stay the same across Swift versions or platforms. Every number here comes from this exact
/// code (bounded values by Lemire's multiply-and-reject), so a seed gives the same file everywhere, forever.
/// It deliberately does not conform to `RandomNumberGenerator`, so no stdlib sampling can sneak in.
struct Xoshiro256StarStar {
    private var s0, s1, s2, s3: UInt64

    /// A generator for `seed`; different `stream`s of one seed are unrelated sequences.
    init(seed: UInt64, stream: UInt64 = 0) {
        var splitMix = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = nextSplitMix()
        s1 = nextSplitMix()
        s2 = nextSplitMix()
        s3 = nextSplitMix()
    }

    mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A uniform integer in `0..<bound` (Lemire's nearly divisionless method).
    mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        let n = UInt64(bound)
        var m = next().multipliedFullWidth(by: n)
        if m.low < n {
            let threshold = (0 &- n) % n
            while m.low < threshold { m = next().multipliedFullWidth(by: n) }
        }
        return Int(m.high)
    }

    /// A uniform integer in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An index chosen with the given weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var roll = below(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            if roll < weight { return index }
            roll -= weight
        }
        return weights.count - 1
    }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(count + 8)
        while out.count < count {
            var word = next()
            for _ in 0..<8 where out.count < count {
                out.append(UInt8(truncatingIfNeeded: word))
                word >>= 8
            }
        }
        return out
    }
}

// MARK: - Text that stresses implementations

/// Building blocks for inputs: the characters that real implementations get wrong.
enum TextPieces {
    static let alphanumeric = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".utf8)
    static let printable = (0x20...0x7e).map { UInt8($0) }
    /// Non-ASCII text: 2-, 3- and 4-byte UTF-8, combining marks (NFD), ZWJ sequences, flags, BOM, zero-width
    /// and line-separator characters, right-to-left scripts, the replacement character and U+10FFFF.
    static let unicode: [[UInt8]] = [
        "中", "文", "小", "爱", "密", "码", "签", "名", "日本語", "한국어", "é", "e\u{301}", "ñ", "ß", "Ω", "Ж", "ة", "ש",
        "ह", "ไ", "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "𝄞", "\u{FEFF}", "\u{200B}", "\u{00A0}", "\u{2028}", "\u{FFFD}", "\u{10FFFF}",
    ].map { Array($0.utf8) }
    /// Characters that break quoting, trimming, form encoding or C strings.
    static let special: [[UInt8]] = [
        "\"", "'", "\\", " ", "\t", "\r", "\n", "\r\n", "\0", "\u{7F}", "%", "+", "&", "=", "/", "?", "#", "<", ">",
        "{", "}", "$", "`", ";", ",", "|", "\\u0000", "%2B", "  ",
    ].map { Array($0.utf8) }
    /// Multi-byte characters of 2, 3 and 4 bytes, for placing a character across a boundary.
    static let multibyte: [[UInt8]] = ["é", "ß", "中", "码", "😀", "𝄞"].map { Array($0.utf8) }

    static func ascii(_ rng: inout Xoshiro256StarStar, _ count: Int, from alphabet: [UInt8] = alphanumeric) -> [UInt8] {
        (0..<count).map { _ in rng.pick(alphabet) }
    }

    static func digits(_ rng: inout Xoshiro256StarStar, _ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(ascii: "0") + UInt8(rng.below(10)) }
    }

    /// Roughly `target` bytes (never fewer, except for 0) mixing ASCII with pieces from `pieces`.
    static func mixed(_ rng: inout Xoshiro256StarStar, atLeast target: Int, pieces: [[UInt8]], percent: Int = 50) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(target + 16)
        while out.count < target {
            if rng.below(100) < percent {
                out.append(contentsOf: rng.pick(pieces))
            } else {
                out.append(rng.pick(printable))
            }
        }
        return out
    }

    /// Exactly `count` bytes of ASCII, except that a multi-byte character ends exactly at `count` when `straddle`.
    static func exact(_ rng: inout Xoshiro256StarStar, _ count: Int, endingInMultibyte straddle: Bool) -> [UInt8] {
        let tail = straddle ? rng.pick(multibyte.filter { $0.count <= count }) : []
        return ascii(&rng, count - tail.count, from: printable) + tail
    }

    static func isUTF8(_ bytes: [UInt8]) -> Bool { String(validating: bytes, as: UTF8.self) != nil }
}

// MARK: - JSON writing

/// Small JSON helpers: strings go through RFC 8785 escaping, hex is written as it is (it never needs escaping).
enum JSONText {
    static func string(_ s: String) -> String {
        // Cannot fail: a string has no number and no duplicate key.
        (try? JCS.canonicalString(.string(s))) ?? "\"\""
    }

    static func stringArray(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ", ") + "]" }

    /// The part of a file before the tests: every common key of Vectors/README.md, in its order.
    static func preamble(
        algorithm: String, schema: String, command: String, reference: String, count: Int, header: [String],
        notes: [(flag: String, bugType: String, description: String)]
    ) -> String {
        var s = "{\n"
        s += "  \"algorithm\": \(string(algorithm)),\n"
        s += "  \"schema\": \(string(schema)),\n"
        s += "  \"source\": {\n"
        s += "    \"expected\": \(string("xiaoa-crypto \(XiaoaCrypto.configuration.version) (generated, not independent)")),\n"
        s += "    \"crossChecked\": [],\n"
        s += "    \"generator\": \(string(command)),\n"
        s += "    \"reference\": \(string(reference))\n"
        s += "  },\n"
        s += "  \"numberOfTests\": \(count),\n"
        s += "  \"header\": [\n" + header.map { "    " + string($0) }.joined(separator: ",\n") + "\n  ],\n"
        s += "  \"notes\": {\n"
        s += notes.map { "    \(string($0.flag)): {\"bugType\": \(string($0.bugType)), \"description\": \(string($0.description))}" }
            .joined(separator: ",\n")
        s += "\n  },\n"
        s += "  \"testGroups\": ["
        return s
    }

    static let generatedHeader = [
        "GENERATED by xiaoa-crypto from a seeded PRNG: the expected values come from xiaoa-crypto itself, so this file",
        "is a workload for cross-language checks (scripts/crosscheck), not independent evidence like Vectors/.",
        "The generator field is the command that writes this file again, byte for byte.",
    ]
}

// MARK: - sign

/// Streams an `xiaoa_sign_v1` file of `count` generated cases.
struct SignVectorWriter {
    let count: Int
    let command: String

    static let notes: [(flag: String, bugType: String, description: String)] = [
        ("EmptyTimestamp", "EDGE_CASE", "The timestamp is the empty string; the md5 input is the domain key alone."),
        ("EmptyDomainKey", "EDGE_CASE", "The domain key is the empty string; the md5 input is the timestamp alone."),
        ("MillisecondTimestamp", "EDGE_CASE", "A 13-digit (millisecond) timestamp. The sign is defined on whatever string is sent; nothing is parsed."),
        ("ShortTimestamp", "EDGE_CASE", "A timestamp of 1 to 9 digits, possibly with leading zeros or just \"0\"; it is hashed as sent, never parsed as a number."),
        ("NonAsciiDomainKey", "EDGE_CASE", "The domain key contains non-ASCII characters (CJK, emoji, combining marks, BOM, U+2028, RTL scripts); md5 is taken over the UTF-8 bytes, without normalization."),
        ("SpecialCharacters", "EDGE_CASE", "Quotes, backslashes, spaces, tabs, CR, LF, NUL, DEL or URL/form characters in the domain key; hashed as they are (no escaping, no trimming)."),
        ("Md5BlockEdge", "EDGE_CASE", "timestamp . domain_key is 55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128 or 129 bytes: around md5's 64-byte block and its 56-byte padding limit."),
        ("LongDomainKey", "EDGE_CASE", "A domain key of 200 to 1000 bytes (many md5 blocks)."),
        ("UpperCaseSign", "WRONG_RESULT", "The candidate is the correct sign in upper case; the sign is lowercase hex compared exactly, so it must be rejected."),
        ("WrongOffset", "WRONG_RESULT", "The candidate is 10 characters of md5Second taken at offset 7 or 9 instead of 8 (an off-by-one in substr)."),
        ("WrongLength", "WRONG_RESULT", "The candidate starts at offset 8 but has 9 or 11 characters, or is the whole 32-character md5Second."),
        ("SingleMd5", "WRONG_RESULT", "The candidate is substr(md5(timestamp . domain_key), 8, 10): md5 applied once instead of twice."),
        ("SwappedConcat", "WRONG_RESULT", "The candidate is substr(md5(md5(domain_key . timestamp)), 8, 10): concatenation in the wrong order."),
        ("EmptySign", "WRONG_RESULT", "The candidate is the empty string."),
        ("WhitespaceSign", "WRONG_RESULT", "The candidate is the correct sign with a space, tab or newline before or after it; a verifier that trims accepts it wrongly."),
    ]

    func write(to out: OutputBuffer, rng: inout Xoshiro256StarStar) {
        let header = [
            "Request signature of the Xiao A developer API: sign = substr(md5(md5(timestamp . domain_key)), 8, 10) in PHP.",
            "timestamp and domainKey are hex of the exact bytes; md5First, md5Second and sign are plain strings.",
            "valid: computing the sign gives exactly 'sign' (and md5First, md5Second), and verifying it accepts.",
            "invalid: 'sign' is a wrong candidate that verification must reject; md5First/md5Second are still the true values.",
        ] + JSONText.generatedHeader
        out.write(JSONText.preamble(
            algorithm: "XIAOA-SIGN", schema: "xiaoa_sign_v1", command: command,
            reference: "Xiao A developer API doc, public parameters (seed API.md)", count: count, header: header,
            notes: Self.notes))
        if count > 0 {
            out.write("\n    {\"type\": \"SignTest\", \"tests\": [\n")
            for tcId in 1...count {
                out.write(Self.makeCase(tcId: tcId, rng: &rng))
                out.write(tcId < count ? ",\n" : "\n")
            }
            out.write("    ]}\n  ")
        }
        out.write("]\n}\n")
    }

    static func makeCase(tcId: Int, rng: inout Xoshiro256StarStar) -> String {
        var flags: [String] = []
        var timestamp: [UInt8]
        var domainKey: [UInt8]
        var comment: String
        func tenDigits(_ rng: inout Xoshiro256StarStar) -> [UInt8] { Array(String(rng.int(in: 1_000_000_000...9_999_999_999)).utf8) }
        func thirteenDigits(_ rng: inout Xoshiro256StarStar) -> [UInt8] {
            Array(String(rng.int(in: 1_000_000_000_000...9_999_999_999_999)).utf8)
        }
        let invalid = rng.below(100) < 8
        // typical, ms, short ts, empty ts, empty key, both empty, unicode, special, block edge, long
        let category = rng.weighted([26, 11, 3, 3, 4, 1, 20, 10, 16, 6])
        switch category {
        case 1:
            timestamp = thirteenDigits(&rng)
            domainKey = rng.below(2) == 0
                ? TextPieces.ascii(&rng, rng.int(in: 1...40))
                : TextPieces.mixed(&rng, atLeast: rng.int(in: 1...30), pieces: TextPieces.unicode)
            flags.append("MillisecondTimestamp")
            if !domainKey.allSatisfy({ $0 < 0x80 }) { flags.append("NonAsciiDomainKey") }
            comment = "13-digit timestamp"
        case 2:
            timestamp = rng.below(8) == 0 ? Array("0".utf8) : TextPieces.digits(&rng, rng.int(in: 1...9))
            domainKey = TextPieces.ascii(&rng, rng.int(in: 1...32))
            flags.append("ShortTimestamp")
            comment = "\(timestamp.count)-digit timestamp"
        case 3:
            timestamp = []
            domainKey = TextPieces.ascii(&rng, rng.int(in: 1...40))
            flags.append("EmptyTimestamp")
            comment = "empty timestamp"
        case 4:
            timestamp = rng.below(2) == 0 ? tenDigits(&rng) : thirteenDigits(&rng)
            domainKey = []
            flags.append("EmptyDomainKey")
            if timestamp.count == 13 { flags.append("MillisecondTimestamp") }
            comment = "empty domain key"
        case 5:
            timestamp = []
            domainKey = []
            flags += ["EmptyTimestamp", "EmptyDomainKey"]
            comment = "empty timestamp and empty domain key: md5 of nothing"
        case 6:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...48), pieces: TextPieces.unicode, percent: 60)
            flags.append("NonAsciiDomainKey")
            comment = "non-ASCII domain key"
        case 7:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.special, percent: 40)
            flags.append("SpecialCharacters")
            comment = "special characters in the domain key"
        case 8:
            timestamp = rng.below(3) == 0 ? thirteenDigits(&rng) : tenDigits(&rng)
            let total = rng.pick([55, 56, 57, 63, 64, 65, 119, 120, 121, 127, 128, 129])
            let straddle = rng.below(3) == 0
            domainKey = TextPieces.exact(&rng, total - timestamp.count, endingInMultibyte: straddle)
            flags.append("Md5BlockEdge")
            if timestamp.count == 13 { flags.append("MillisecondTimestamp") }
            if straddle { flags.append("NonAsciiDomainKey") }
            comment = "md5 input of \(total) bytes"
        case 9:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.mixed(
                &rng, atLeast: rng.int(in: 200...1000), pieces: TextPieces.unicode + TextPieces.special, percent: 30)
            flags.append("LongDomainKey")
            comment = "domain key of \(domainKey.count) bytes"
        default:
            timestamp = tenDigits(&rng)
            domainKey = TextPieces.ascii(&rng, rng.int(in: 8...40))
            comment = "10-digit timestamp, ASCII domain key"
        }
        let steps = XiaoaSign.steps(timestamp: timestamp, domainKey: domainKey)
        var candidate = steps.sign
        if invalid {
            let second = Array(steps.md5Second.utf8)
            func cut(_ bytes: [UInt8], _ from: Int, _ length: Int) -> String {
                String(decoding: bytes[from..<(from + length)], as: UTF8.self)
            }
            let kinds = ["UpperCaseSign", "WrongOffset", "WrongLength", "SingleMd5", "SwappedConcat", "EmptySign", "WhitespaceSign"]
            var kind = rng.pick(kinds)
            var detail: String
            switch kind {
            case "UpperCaseSign":
                candidate = steps.sign.uppercased()
                detail = "the sign in upper case"
            case "WrongOffset":
                let offset = rng.pick([7, 9])
                candidate = cut(second, offset, 10)
                detail = "10 characters at offset \(offset)"
            case "WrongLength":
                let length = rng.pick([9, 11, 32])
                candidate = length == 32 ? steps.md5Second : cut(second, 8, length)
                detail = length == 32 ? "the whole md5Second" : "\(length) characters at offset 8"
            case "SingleMd5":
                candidate = cut(Array(steps.md5First.utf8), 8, 10)
                detail = "md5 applied once"
            case "SwappedConcat":
                candidate = XiaoaSign.sign(timestamp: domainKey, domainKey: timestamp)
                detail = "domain_key . timestamp"
            case "WhitespaceSign":
                let space = rng.pick([" ", "\t", "\n", "\r\n"])
                candidate = rng.below(2) == 0 ? steps.sign + space : space + steps.sign
                detail = "the sign with whitespace around it"
            default:
                candidate = ""
                detail = "an empty sign"
            }
            // A mutation that happens to give the right sign (no hex letters to upper-case, empty parts to
            // swap) would be a false "invalid" case: fall back to the empty sign, which is never right.
            if candidate == steps.sign {
                kind = "EmptySign"
                candidate = ""
                detail = "an empty sign"
            }
            flags.append(kind)
            comment += "; invalid: \(detail)"
        }
        var line = "      {\"tcId\": \(tcId), \"comment\": \(JSONText.string(comment)), \"flags\": \(JSONText.stringArray(flags)), "
        line += "\"timestamp\": \"\(Hex.encode(timestamp))\", \"domainKey\": \"\(Hex.encode(domainKey))\", "
        line += "\"md5First\": \"\(steps.md5First)\", \"md5Second\": \"\(steps.md5Second)\", "
        line += "\"sign\": \(JSONText.string(candidate)), \"result\": \"\(invalid ? "invalid" : "valid")\"}"
        return line
    }
}

// MARK: - password

/// Streams an `xiaoa_password_v1` file of `count` generated cases.
///
/// The first group has the vendor's key and IV and holds every invalid case; about a fifth of the cases
/// go to groups of up to 100 with other key texts, raw keys and IVs.
struct PasswordVectorWriter {
    let count: Int
    let command: String

    static let notes: [(flag: String, bugType: String, description: String)] = [
        ("EmptyPlaintext", "EDGE_CASE", "The empty plaintext encrypts to one full block of padding (16 x 0x10)."),
        ("FullPaddingBlock", "EDGE_CASE", "The plaintext length is a multiple of 16, so PKCS#7 appends a whole block of 0x10."),
        ("BlockEdge", "EDGE_CASE", "The plaintext length is one byte below or above a multiple of 16 (pad byte 0x01 or 0x0f)."),
        ("CharacterAcrossBlocks", "EDGE_CASE", "A multi-byte UTF-8 character is split between two 16-byte blocks; padding and chunking work on bytes, not characters."),
        ("NonAsciiPlaintext", "EDGE_CASE", "Non-ASCII text (CJK, emoji, combining marks, BOM, U+2028); the cipher works on the UTF-8 bytes."),
        ("SpecialCharacters", "EDGE_CASE", "Quotes, backslashes, spaces, tabs, NUL, DEL or URL/form characters; encrypted as they are."),
        ("LongPlaintext", "EDGE_CASE", "A plaintext of 100 to 1000 bytes (many blocks)."),
        ("PaddingLikePlaintext", "EDGE_CASE", "The plaintext itself ends in bytes that look like PKCS#7 padding; only the appended padding may be removed."),
        ("EmbeddedNewline", "EDGE_CASE", "The plaintext contains CR or LF; a line-oriented tool cannot carry it, a library API must."),
        ("NonUtf8Plaintext", "EDGE_CASE", "The plaintext is not valid UTF-8 (it contains 0xff); encryption and decryption work at byte level, a text-printing tool must refuse or print hex."),
        ("ShortKeyText", "EDGE_CASE", "A text key of 1 to 15 bytes; PHP pads it with NUL bytes to 16."),
        ("EmptyKeyText", "EDGE_CASE", "The empty text key; PHP pads it to 16 NUL bytes."),
        ("NonAsciiKeyText", "EDGE_CASE", "A text key with non-ASCII characters; its UTF-8 bytes are padded or cut, not its characters."),
        ("ExactKeyLength", "EDGE_CASE", "A text key of exactly 16 bytes, used as it is."),
        ("LongKeyTruncated", "EDGE_CASE", "A text key of 17 to 40 bytes; PHP uses only its first 16 bytes (a 24- or 32-byte key must not select AES-192/256)."),
        ("KeyTruncatedMidCharacter", "EDGE_CASE", "The 16-byte cut of the key text falls inside a multi-byte UTF-8 character; truncation is by bytes."),
        ("RawKey", "EDGE_CASE", "The key is 16 random raw bytes (keyText null)."),
        ("OtherIv", "EDGE_CASE", "An IV other than the vendor's 1234567890123456."),
        ("NotBase64", "INVALID_INPUT", "The ciphertext is not strict standard base64 (RFC 4648 section 4, '=' padding, no whitespace, canonical last character); ct is \"\"."),
        ("NonCanonicalBase64", "INVALID_INPUT", "The last base64 character has non-zero unused bits: lenient decoders (Python validate=True, Java, PHP) give the same bytes, strict decoding refuses it."),
        ("WrongLength", "INVALID_INPUT", "The base64 decodes, but to a byte count that is 0 or not a multiple of 16; ct is the decoded bytes."),
        ("BadPadding", "INVALID_INPUT", "The ciphertext decrypts, but its last block was built to end in invalid PKCS#7 padding (pad byte 00, above 16, or inconsistent pad bytes)."),
        ("Tampered", "INVALID_INPUT", "A valid ciphertext with one of the bits 0x20, 0x40, 0x80 flipped in the last byte of its next-to-last block, so the last pad byte becomes 0x21 or more: never valid padding."),
        ("PhpLenientBase64", "INFORMATIONAL", "PHP's openssl_decrypt (options 0) decodes base64 leniently (it skips whitespace and junk, needs no '=' padding, ignores unused bits) and DOES decrypt this input. A strict implementation rejects it."),
    ]

    /// One group's key and IV.
    struct Group {
        var keyText: [UInt8]?
        var key: [UInt8]
        var iv: [UInt8]
        var flags: [String]
        var label: String
    }

    static let vendorGroup = Group(
        keyText: Array(PasswordCipher.vendorKeyText.utf8), key: KeyMaterial.phpPadded(Array(PasswordCipher.vendorKeyText.utf8)),
        iv: Array(PasswordCipher.vendorIVText.utf8), flags: [], label: "")

    static let groupSize = 100

    func write(to out: OutputBuffer, rng: inout Xoshiro256StarStar) {
        let header = [
            "Password field cipher of the Xiao A developer API, as PHP computes it:",
            "openssl_encrypt($p, 'AES-128-CBC', $keyText, 0, $iv): AES-128-CBC, PKCS#7 padding, standard base64 output.",
            "A text key shorter than 16 bytes is padded with NUL bytes, a longer one is cut to its first 16 bytes.",
            "keyText is the hex of the key text (null for a raw 16-byte key); key is the effective 16-byte key.",
            "valid: encrypt(msg) gives exactly base64 (and ct, padded); decrypt(base64) gives exactly msg.",
            "invalid: decrypt(base64) must fail (msg and padded are \"\"; ct is the strictly decoded bytes, \"\" if not base64).",
            "The first group is the vendor's fixed parameters (key text \"xiaoa\", IV \"1234567890123456\") and holds every invalid test.",
        ] + JSONText.generatedHeader
        out.write(JSONText.preamble(
            algorithm: "XIAOA-PASSWORD-AES-128-CBC", schema: "xiaoa_password_v1", command: command,
            reference: "Xiao A developer API doc, password encryption attachment (seed API.md)", count: count,
            header: header, notes: Self.notes))
        // Cannot fail: a fresh context with no key yet; only a broken libcrypto could.
        guard let aes = try? AES128CBC() else { preconditionFailure("libcrypto cannot create an AES-128-CBC context") }
        let otherCount = count / 5
        let vendorCount = count - otherCount
        var tcId = 0
        var group = Self.vendorGroup
        var remaining = vendorCount
        var firstGroup = true
        while tcId < count {
            if remaining == 0 {
                group = Self.otherGroup(&rng)
                remaining = min(Self.groupSize, count - tcId)
            }
            out.write(firstGroup ? "\n" : ",\n")
            firstGroup = false
            let keyText = group.keyText.map { "\"\(Hex.encode($0))\"" } ?? "null"
            out.write("    {\"type\": \"PasswordCipherTest\", \"keyText\": \(keyText), ")
            out.write("\"key\": \"\(Hex.encode(group.key))\", \"iv\": \"\(Hex.encode(group.iv))\", \"tests\": [\n")
            let isVendor = group.label.isEmpty
            while remaining > 0 {
                tcId += 1
                remaining -= 1
                out.write(Self.makeCase(tcId: tcId, group: group, allowInvalid: isVendor, aes: aes, rng: &rng))
                out.write(remaining > 0 ? ",\n" : "\n")
            }
            out.write("    ]}")
        }
        out.write(count > 0 ? "\n  ]\n}\n" : "]\n}\n")
    }

    static func otherGroup(_ rng: inout Xoshiro256StarStar) -> Group {
        let vendorIV = Array(PasswordCipher.vendorIVText.utf8)
        func textGroup(_ text: [UInt8], _ flags: [String], _ label: String) -> Group {
            Group(keyText: text, key: KeyMaterial.phpPadded(text), iv: vendorIV, flags: flags, label: label)
        }
        switch rng.below(8) {
        case 0:
            return textGroup(TextPieces.ascii(&rng, rng.int(in: 1...15), from: TextPieces.printable), ["ShortKeyText"], "short text key")
        case 1:
            return textGroup([], ["EmptyKeyText"], "empty text key")
        case 2:
            var text = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...12), pieces: TextPieces.unicode, percent: 60)
            while text.count > 16 { text.removeLast() }
            while !TextPieces.isUTF8(text) { text.removeLast() }
            if !text.contains(where: { $0 >= 0x80 }) { text = Array("密码".utf8) }
            return textGroup(text, ["NonAsciiKeyText"] + (text.count < 16 ? ["ShortKeyText"] : ["ExactKeyLength"]), "non-ASCII text key")
        case 3:
            let unicode = rng.below(2) == 0
            let text = TextPieces.exact(&rng, 16, endingInMultibyte: unicode)
            return textGroup(text, ["ExactKeyLength"] + (unicode ? ["NonAsciiKeyText"] : []), "16-byte text key")
        case 4:
            let length = rng.pick([17, 20, 24, 31, 32, 33, 40])
            return textGroup(TextPieces.ascii(&rng, length, from: TextPieces.printable), ["LongKeyTruncated"], "\(length)-byte text key")
        case 5:
            let char = rng.pick(TextPieces.multibyte.filter { $0.count >= 3 })
            // The character starts 1 or 2 bytes before the cut at 16.
            let prefix = 16 - rng.int(in: 1...(char.count - 1))
            let text = TextPieces.ascii(&rng, prefix) + char + TextPieces.ascii(&rng, rng.int(in: 0...8))
            return textGroup(text, ["KeyTruncatedMidCharacter", "LongKeyTruncated", "NonAsciiKeyText"], "text key cut inside a character")
        case 6:
            return Group(keyText: nil, key: rng.bytes(16), iv: vendorIV, flags: ["RawKey"], label: "raw key")
        default:
            let vendorKey = Array(PasswordCipher.vendorKeyText.utf8)
            let iv = rng.below(2) == 0 ? rng.bytes(16) : TextPieces.ascii(&rng, 16)
            return Group(keyText: vendorKey, key: KeyMaterial.phpPadded(vendorKey), iv: iv, flags: ["OtherIv"], label: "other IV")
        }
    }

    /// A plaintext and the flags that describe it.
    static func plaintext(_ rng: inout Xoshiro256StarStar) -> (bytes: [UInt8], flags: [String], comment: String) {
        // typical, block edge, unicode, across blocks, special, padding-like, newline, non-UTF-8, long, empty
        switch rng.weighted([24, 20, 14, 6, 8, 6, 5, 4, 5, 2]) {
        case 1:
            let length = rng.pick([1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65])
            let bytes = TextPieces.ascii(&rng, length, from: TextPieces.printable)
            return (bytes, length % 16 == 0 ? ["FullPaddingBlock"] : ["BlockEdge"], "\(length) bytes")
        case 2:
            let bytes = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.unicode, percent: 60)
            return (bytes, ["NonAsciiPlaintext"], "non-ASCII text")
        case 3:
            let char = rng.pick(TextPieces.multibyte)
            let block = rng.int(in: 1...3) * 16
            let prefix = block - rng.int(in: 1...(char.count - 1))
            let bytes = TextPieces.ascii(&rng, prefix, from: TextPieces.printable) + char + TextPieces.ascii(&rng, rng.int(in: 0...5))
            return (bytes, ["CharacterAcrossBlocks", "NonAsciiPlaintext"], "a \(char.count)-byte character across byte \(block)")
        case 4:
            let bytes = TextPieces.mixed(&rng, atLeast: rng.int(in: 1...40), pieces: TextPieces.special, percent: 40)
            var flags = ["SpecialCharacters"]
            if bytes.contains(0x0a) || bytes.contains(0x0d) { flags.append("EmbeddedNewline") }
            return (bytes, flags, "special characters")
        case 5:
            let pad = rng.int(in: 1...16)
            let bytes = TextPieces.ascii(&rng, rng.int(in: 0...20)) + [UInt8](repeating: UInt8(pad), count: pad)
            var flags = ["PaddingLikePlaintext"]
            if bytes.count % 16 == 0 { flags.append("FullPaddingBlock") }
            return (bytes, flags, "ends in \(pad) byte(s) of 0x\(String(pad, radix: 16))")
        case 6:
            let newline: [UInt8] = rng.pick([[0x0a], [0x0d, 0x0a], [0x0d]])
            var bytes = TextPieces.ascii(&rng, rng.int(in: 0...12)) + newline
            if rng.below(2) == 0 { bytes += TextPieces.ascii(&rng, rng.int(in: 1...12)) }
            return (bytes, ["EmbeddedNewline"], "line break inside")
        case 7:
            var bytes = rng.bytes(rng.int(in: 1...40))
            bytes[rng.below(bytes.count)] = 0xff
            return (bytes, ["NonUtf8Plaintext"], "random bytes, not UTF-8")
        case 8:
            let bytes = TextPieces.mixed(&rng, atLeast: rng.int(in: 100...1000), pieces: TextPieces.unicode + TextPieces.special, percent: 20)
            return (bytes, ["LongPlaintext"], "\(bytes.count) bytes")
        case 9:
            return ([], ["EmptyPlaintext", "FullPaddingBlock"], "empty plaintext")
        default:
            return (TextPieces.ascii(&rng, rng.int(in: 6...20), from: TextPieces.printable), [], "typical password")
        }
    }

    static func makeCase(tcId: Int, group: Group, allowInvalid: Bool, aes: AES128CBC, rng: inout Xoshiro256StarStar) -> String {
        let invalid = allowInvalid && rng.below(100) < 8
        var (msg, flags, comment) = plaintext(&rng)
        flags = group.flags + flags
        if !group.label.isEmpty { comment = group.label + ": " + comment }
        let padded = PKCS7.padded(msg)
        // Sizes are right by construction (16-byte key and IV, whole blocks).
        guard var ct = try? aes.encrypt(padded, key: group.key, iv: group.iv) else { preconditionFailure("AES-128-CBC failed") }
        var base64 = Base64Strict.encode(ct)
        if invalid {
            (ct, base64, flags, comment) = invalidCase(msg: msg, ct: ct, base64: base64, key: group.key, iv: group.iv, aes: aes, rng: &rng)
        }
        var line = "      {\"tcId\": \(tcId), \"comment\": \(JSONText.string(comment)), \"flags\": \(JSONText.stringArray(flags)), "
        if invalid {
            line += "\"msg\": \"\", \"padded\": \"\", "
        } else {
            line += "\"msg\": \"\(Hex.encode(msg))\", \"padded\": \"\(Hex.encode(padded))\", "
        }
        line += "\"ct\": \"\(Hex.encode(ct))\", \"base64\": \(JSONText.string(base64)), \"result\": \"\(invalid ? "invalid" : "valid")\"}"
        return line
    }

    /// A ciphertext that decryption must refuse, built from a valid one by construction (not by trying our decrypt).
    static func invalidCase(
        msg: [UInt8], ct: [UInt8], base64: String, key: [UInt8], iv: [UInt8], aes: AES128CBC, rng: inout Xoshiro256StarStar
    ) -> (ct: [UInt8], base64: String, flags: [String], comment: String) {
        let lenient = msg.isEmpty ? "PHP decrypts it to the empty plaintext"
            : msg.count <= 24 ? "PHP decrypts it to hex \(Hex.encode(msg))" : "PHP decrypts it"
        let chars = Array(base64.utf8)
        let padding = chars.reversed().prefix(while: { $0 == UInt8(ascii: "=") }).count
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        switch rng.below(12) {
        case 0 where chars.contains(UInt8(ascii: "+")):
            let spaced = chars.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }
            return ([], text(spaced), ["NotBase64"], "'+' turned into a space (form/URL decoding)")
        case 1 where padding > 0:
            return ([], text(Array(chars.dropLast(padding))), ["NotBase64", "PhpLenientBase64"], "'=' padding dropped; \(lenient)")
        case 2 where padding > 0:
            // Keep the character's used (high) bits and set an unused low bit: same bytes for lenient decoders.
            let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
            var changed = chars
            let index = chars.count - padding - 1
            let value = alphabet.firstIndex(of: chars[index])! | (padding == 2 ? rng.int(in: 1...15) : rng.int(in: 1...3))
            changed[index] = alphabet[value]
            let flags = ["NotBase64", "NonCanonicalBase64", "PhpLenientBase64"]
            return ([], text(changed), flags, "non-zero unused bits in the last character; \(lenient)")
        case 3 where chars.contains(UInt8(ascii: "+")) || chars.contains(UInt8(ascii: "/")):
            let urlSafe = chars.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: "-") : $0 == UInt8(ascii: "/") ? UInt8(ascii: "_") : $0 }
            return ([], text(urlSafe), ["NotBase64"], "URL-safe alphabet (- and _)")
        case 4:
            let position = rng.below(chars.count + 1)
            let junk: [UInt8] = rng.pick([[0x0a], [0x0d, 0x0a], [0x20], [0x09]])
            let changed = Array(chars[..<position]) + junk + Array(chars[position...])
            return ([], text(changed), ["NotBase64", "PhpLenientBase64"], "whitespace inside the base64 at \(position); \(lenient)")
        case 5:
            let position = rng.below(chars.count + 1)
            let junk = rng.pick(Array("!*.-_~\"\\".utf8))
            let changed = Array(chars[..<position]) + [junk] + Array(chars[position...])
            return ([], text(changed), ["NotBase64", "PhpLenientBase64"], "a stray character inside the base64 at \(position); \(lenient)")
        case 6, 7:
            var bytes = ct
            let variant = rng.below(3)
            if variant == 0 {
                bytes = []
            } else if variant == 1 {
                bytes.removeLast(rng.int(in: 1...15))
            } else {
                bytes += rng.bytes(rng.int(in: 1...15))
            }
            return (bytes, Base64Strict.encode(bytes), ["WrongLength"], "ciphertext of \(bytes.count) bytes")
        case 8, 9:
            // Whole blocks whose last block ends in invalid padding, encrypted without padding.
            var block = rng.bytes(rng.int(in: 1...3) * 16)
            let last = block.count - 1
            let detail: String
            switch rng.below(3) {
            case 0:
                block[last] = 0
                detail = "pad byte 00"
            case 1:
                block[last] = UInt8(rng.int(in: 17...255))
                detail = "pad byte \(String(block[last], radix: 16)) above 16"
            default:
                let pad = rng.int(in: 2...16)
                for i in (block.count - pad)...last { block[i] = UInt8(pad) }
                let wrong = block.count - pad + rng.below(pad - 1)
                block[wrong] ^= UInt8(rng.int(in: 1...255))
                detail = "inconsistent bytes under pad \(pad)"
            }
            guard let bytes = try? aes.encrypt(block, key: key, iv: iv) else { preconditionFailure("AES-128-CBC failed") }
            return (bytes, Base64Strict.encode(bytes), ["BadPadding"], "padding of the last block: \(detail)")
        case 10 where ct.count >= 32:
            var bytes = ct
            let bit = UInt8(rng.pick([0x20, 0x40, 0x80]))
            bytes[bytes.count - 17] ^= bit
            return (bytes, Base64Strict.encode(bytes), ["Tampered"], "bit 0x\(String(bit, radix: 16)) flipped in byte \(bytes.count - 17)")
        default:
            let trailing = rng.pick(["\n", "\r\n", " "])
            return ([], base64 + trailing, ["NotBase64", "PhpLenientBase64"], "trailing whitespace after the base64; \(lenient)")
        }
    }
}
