/// One named cause of a wrong value: the mistake that reproduces it, in one plain sentence, and its fix.
///
/// A diagnosis returns a finding only when recomputing the mistake from the inputs gives the value it was
/// asked about *exactly* (or, for facts such as a timestamp's age, when the fact holds). ``id`` is stable and
/// meant for programs and vector files; ``summary`` and ``fix`` are for people and may be reworded.
///
/// ```swift
/// let report = SignDiagnosis.diagnose(sign: "8119BF02E2", timestamp: "1700000000", domainKey: "abc")
/// report.findings.map(\.id)   // [.sign(.outerUppercase)], "sign.outerUppercase" in JSON
/// ```
public struct Finding: Sendable, Equatable, CustomStringConvertible {
    /// A stable identifier, `area.camelCase` (see ``FindingID``), or `noKnownCause`.
    public let id: FindingID
    /// One plain sentence naming the bug (no trailing period).
    public let summary: String
    /// What to change, in one sentence (no trailing period).
    public let fix: String
    /// Values that locate the mistake: an offset and length, a delta in seconds, a separator, bytes in hex.
    public let details: [String: String]

    public init(id: FindingID, summary: String, fix: String, details: [String: String] = [:]) {
        self.id = id
        self.summary = summary
        self.fix = fix
        self.details = details
    }

    /// The finding as one hint line: the summary, then the fix.
    public var description: String { "\(summary); \(fix)" }
}

/// The identifier of a finding: `noKnownCause`, or `area.camelCase` for the areas below.
///
/// The strings (``rawValue``) are stable: vector files, logs, the `X-Xiaoa-Findings` header and programs read
/// them. Every list of ids is derived from the enums (``allCases``), never kept by hand.
public enum FindingID: Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The value is wrong and no known mistake reproduces it.
    case noKnownCause
    /// A mistake in computing the request sign, or a timestamp fact.
    case sign(Sign)
    /// A mistake in producing or transporting a password ciphertext.
    case cipher(Cipher)
    /// A check of the request verifier that failed (the server's own words for it).
    case request(CheckName)
    /// A rejection decided by the stand-in server's data or transport (unknown user, binding, token, …).
    case server(Server)
    /// What a recorded exchange shows beyond the body's checks: how it was sent (`request.formEncoded`), and
    /// what a recorded answer that disagrees with the prediction means (`capture.*`; see ``CaptureFinding``).
    case capture(Capture)

    /// Mistakes in computing the request sign, and timestamp facts.
    public enum Sign: String, Sendable, CaseIterable {
        case innerMd5Uppercase, outerUppercase, singleMd5, swappedConcatenation, separator, wrongCut
        case leadingZerosDropped, millisecondTimestamp, whitespace, timestampTooOld, timestampInFuture
        case timestampNotInteger
    }

    /// Mistakes in producing or transporting a password ciphertext.
    public enum Cipher: String, Sendable, CaseIterable {
        case plusAsSpace, urlSafeAlphabet, missingPadding, lineWrapped, percentEncoded, doubleBase64, keyRepeated
        case keyMd5, keyFromHexText, hexKeyAsText, vendorKey, ecbMode, zeroPadding, trailingNewline, gbkPlaintext
        case cryptoJsPassphrase
    }

    /// The stand-in server's own findings (see ``ServerFinding`` for their sentences).
    public enum Server: String, Sendable, CaseIterable {
        case unknownUser, noBinding, duplicateBinding, noCUsername, wrongPassword, oldPasswordMismatch
        case newPasswordMismatch, passwordChangedMeanwhile, bindingChangedMeanwhile
        case noToken, tokenMalformed, tokenForged, tokenExpired
        case bodyUnreadable, notPost, internalError
    }

    /// Findings about a recorded exchange (``CaptureFinding`` has their sentences). The raw value is the whole id:
    /// how the request was sent belongs to the request (`request.formEncoded`), the rest to the capture.
    public enum Capture: String, Sendable, CaseIterable {
        case formEncoded = "request.formEncoded"
        case otherDomainKey = "capture.otherDomainKey"
        case vendorClockOrKey = "capture.vendorClockOrKey"
        case answerDiffers = "capture.answerDiffers"
    }

    /// The stable text: `sign.outerUppercase`, `request.domainKey`, `server.noBinding`, `noKnownCause`.
    public var rawValue: String {
        switch self {
        case .noKnownCause: "noKnownCause"
        case .sign(let id): "sign." + id.rawValue
        case .cipher(let id): "cipher." + id.rawValue
        case .request(let check): "request." + check.findingName
        case .server(let id): "server." + id.rawValue
        case .capture(let id): id.rawValue
        }
    }

    /// The id for its stable text, or nil for a text that is no id.
    public init?(rawValue: String) {
        guard let id = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = id
    }

    public var description: String { rawValue }

    /// Every id, in documentation order: diagnosis ids, then the request's, the server's and the capture's.
    public static var allCases: [FindingID] {
        diagnosisCases + CheckName.allCases.map(FindingID.request) + Server.allCases.map(FindingID.server)
            + Capture.allCases.map(FindingID.capture)
    }

    /// The ids the sign and password diagnoses can return (each has a case in Vectors/diagnosis-*.json).
    public static var diagnosisCases: [FindingID] {
        signCases + cipherCases + [.noKnownCause]
    }

    /// Every id of the sign diagnosis, in documentation order.
    public static var signCases: [FindingID] { Sign.allCases.map(FindingID.sign) }

    /// Every id of the password diagnosis, in documentation order.
    public static var cipherCases: [FindingID] { Cipher.allCases.map(FindingID.cipher) }
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
