/// One named cause of a wrong value: the mistake that reproduces it, in one plain sentence, and its fix.
///
/// A diagnosis returns a finding only when recomputing the mistake from the inputs gives the value it was
/// asked about *exactly* (or, for facts such as a timestamp's age, when the fact holds). ``id`` is stable and
/// meant for programs and vector files; ``summary`` and ``fix`` are for people and may be reworded.
///
/// ```swift
/// let report = SignDiagnosis.diagnose(sign: "8119BF02E2", timestamp: "1700000000", domainKey: "abc")
/// report.findings.map(\.id)   // ["sign.outerUppercase"]
/// ```
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier, `area.camelCase` (see ``FindingID``), or `noKnownCause`.
    public let id: String
    /// One plain sentence naming the bug (no trailing period).
    public let summary: String
    /// What to change, in one sentence (no trailing period).
    public let fix: String
    /// Values that locate the mistake: an offset and length, a delta in seconds, a separator, bytes in hex.
    public let details: [String: String]

    public init(id: String, summary: String, fix: String, details: [String: String] = [:]) {
        self.id = id
        self.summary = summary
        self.fix = fix
        self.details = details
    }

    /// The finding as one hint line: the summary, then the fix.
    public var description: String { "\(summary); \(fix)" }
}

/// The identifiers a diagnosis can return.
public enum FindingID {
    /// The value is wrong and no known mistake reproduces it.
    public static let noKnownCause = "noKnownCause"

    /// Mistakes in computing the request sign, and timestamp facts.
    public enum Sign {
        public static let innerMd5Uppercase = "sign.innerMd5Uppercase"
        public static let outerUppercase = "sign.outerUppercase"
        public static let singleMd5 = "sign.singleMd5"
        public static let swappedConcatenation = "sign.swappedConcatenation"
        public static let separator = "sign.separator"
        public static let wrongCut = "sign.wrongCut"
        public static let leadingZerosDropped = "sign.leadingZerosDropped"
        public static let millisecondTimestamp = "sign.millisecondTimestamp"
        public static let whitespace = "sign.whitespace"
        public static let timestampTooOld = "sign.timestampTooOld"
        public static let timestampInFuture = "sign.timestampInFuture"
        public static let timestampNotInteger = "sign.timestampNotInteger"
    }

    /// Mistakes in producing or transporting a password ciphertext.
    public enum Cipher {
        public static let plusAsSpace = "cipher.plusAsSpace"
        public static let urlSafeAlphabet = "cipher.urlSafeAlphabet"
        public static let missingPadding = "cipher.missingPadding"
        public static let lineWrapped = "cipher.lineWrapped"
        public static let percentEncoded = "cipher.percentEncoded"
        public static let doubleBase64 = "cipher.doubleBase64"
        public static let keyRepeated = "cipher.keyRepeated"
        public static let keyMd5 = "cipher.keyMd5"
        public static let keyFromHexText = "cipher.keyFromHexText"
        public static let hexKeyAsText = "cipher.hexKeyAsText"
        public static let vendorKey = "cipher.vendorKey"
        public static let ecbMode = "cipher.ecbMode"
        public static let zeroPadding = "cipher.zeroPadding"
        public static let trailingNewline = "cipher.trailingNewline"
        public static let gbkPlaintext = "cipher.gbkPlaintext"
        public static let cryptoJsPassphrase = "cipher.cryptoJsPassphrase"
    }

    /// Every id of the sign diagnosis, in documentation order.
    public static let signIDs: [String] = [
        Sign.innerMd5Uppercase, Sign.outerUppercase, Sign.singleMd5, Sign.swappedConcatenation, Sign.separator,
        Sign.wrongCut, Sign.leadingZerosDropped, Sign.millisecondTimestamp, Sign.whitespace, Sign.timestampTooOld,
        Sign.timestampInFuture, Sign.timestampNotInteger,
    ]

    /// Every id of the password diagnosis, in documentation order.
    public static let cipherIDs: [String] = [
        Cipher.plusAsSpace, Cipher.urlSafeAlphabet, Cipher.missingPadding, Cipher.lineWrapped, Cipher.percentEncoded,
        Cipher.doubleBase64, Cipher.keyRepeated, Cipher.keyMd5, Cipher.keyFromHexText, Cipher.hexKeyAsText,
        Cipher.vendorKey, Cipher.ecbMode, Cipher.zeroPadding, Cipher.trailingNewline, Cipher.gbkPlaintext,
        Cipher.cryptoJsPassphrase,
    ]

    /// Every id any diagnosis can return.
    public static let all: Set<String> = Set(signIDs + cipherIDs + [noKnownCause])
}

// MARK: - Explanations

/// A set of findings that together reproduce a value; the diagnoses keep the smallest ones.
struct Explanation {
    var findings: [Finding]
    /// Whether a generic explanation (a cut at an arbitrary offset) is part of it; specific ones win ties.
    var isGeneric: Bool = false
}

extension [Explanation] {
    /// The findings of the simplest explanations: fewest findings, specific before generic, duplicates merged.
    func simplest() -> [Finding] {
        guard let fewest = map(\.findings.count).min() else { return [] }
        var best = filter { $0.findings.count == fewest }
        if best.contains(where: { !$0.isGeneric }) { best.removeAll(where: \.isGeneric) }
        var result: [Finding] = []
        for explanation in best {
            for finding in explanation.findings where !result.contains(finding) { result.append(finding) }
        }
        return result
    }
}

// MARK: - Describing bytes without revealing them

enum Describe {
    /// A whitespace or control string spelled out: `"\n"` → `line feed`.
    static func whitespace(_ bytes: some Collection<UInt8>) -> String {
        bytes.map { byte -> String in
            switch byte {
            case 0x20: "space"
            case 0x0a: "line feed"
            case 0x0d: "carriage return"
            case 0x09: "tab"
            default: "byte 0x" + String(byte, radix: 16)
            }
        }.joined(separator: " + ")
    }

    /// The escaped form of a short ASCII string for details: `"\r\n"` → `\r\n`.
    static func escaped(_ bytes: some Collection<UInt8>) -> String {
        var out = ""
        for byte in bytes {
            switch byte {
            case 0x0a: out += "\\n"
            case 0x0d: out += "\\r"
            case 0x09: out += "\\t"
            case 0x20...0x7e: out.append(Character(Unicode.Scalar(byte)))
            default: out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return out
    }
}
