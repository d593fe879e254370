internal import XiaoaPrimitives
public import XiaoaSigning

/// What a sign diagnosis found.
public struct SignDiagnosisReport: Sendable, Equatable {
    /// Whether the sign is right and, when a skew was given, the timestamp is fresh.
    public let isCorrect: Bool
    /// Whether the sign is the sign of the timestamp and domain key (compared in constant time).
    public let signMatches: Bool
    /// The right sign for the timestamp and domain key.
    public let expectedSign: String
    /// The skew check, when `now` and `maxSkew` were given.
    public let timestampCheck: TimestampCheck?
    /// The mistakes that reproduce the wrong sign, then the timestamp's problems; empty when ``isCorrect``;
    /// a single ``FindingID/noKnownCause`` finding for a wrong sign that no known mistake reproduces.
    public let findings: [Finding]
    /// Findings about a value that is right as far as the checks go but likely wrong: a 13-digit (millisecond)
    /// timestamp with a right sign and no skew check. They do not make the report incorrect (the stand-in accepts
    /// such a request by default), but every face names them.
    public let warnings: [Finding]
}

/// Warnings about a timestamp that the checks let through.
public enum TimestampWarnings {
    /// `sign.millisecondTimestamp` when `timestamp` is 13 ASCII digits: milliseconds since 1970
    /// (`Date.now()`, `System.currentTimeMillis()`, `microtime(true) * 1000`), which the API cannot read as seconds.
    public static func findings(timestamp: String) -> [Finding] {
        let bytes = Array(timestamp.utf8)
        guard bytes.count == 13, bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        return [
            Finding(
                id: FindingID.sign(.millisecondTimestamp),
                summary:
                    "the timestamp \(timestamp) has 13 digits: it counts milliseconds (e.g. JavaScript's Date.now() "
                    + "or Java's System.currentTimeMillis()), while the API reads Unix time in seconds",
                fix: SignFindings.millisecondFix,
                details: ["seconds": String(timestamp.prefix(10))])
        ]
    }
}

/// Names the bug behind a wrong request sign.
///
/// Every candidate mistake is *recomputed* from the timestamp and domain key — upper-cased md5 #1 or result,
/// a single md5, the two strings swapped or joined by a separator, whitespace around either, a millisecond
/// timestamp, leading zeros dropped from a digest, a cut at another offset or length, and combinations of
/// these — and counts only when it gives the given sign exactly. The simplest explanations win (fewest
/// mistakes; a cut at an arbitrary offset loses a tie against a specific mistake). A few thousand md5s, a few
/// milliseconds; nothing is searched when the sign is right.
///
/// ```swift
/// SignDiagnosis.diagnose(sign: "8119BF02E2", timestamp: "1700000000", domainKey: "abc").findings.map(\.id)
/// // ["sign.outerUppercase"]
/// SignDiagnosis.diagnose(sign: "81", timestamp: "1700000000", domainKey: "abc").findings[0].details
/// // ["offset": "8", "length": "2", "digest": "md5 #2"]: Java's substring(8, 10)
/// SignDiagnosis.diagnose(sign: "0123456789", timestamp: "1700000000", domainKey: "abc").findings.map(\.id)
/// // ["noKnownCause"]
/// ```
public enum SignDiagnosis {
    /// Diagnoses `sign` for `timestamp` and `domainKey` as sent; with `now` and `maxSkew` (seconds) also
    /// the timestamp's age.
    public static func diagnose(
        sign: String, timestamp: String, domainKey: String, now: Int64? = nil, maxSkew: Int64? = nil
    ) -> SignDiagnosisReport {
        diagnose(
            sign: Array(sign.utf8), timestamp: Array(timestamp.utf8), domainKey: Array(domainKey.utf8), now: now,
            maxSkew: maxSkew)
    }

    /// Diagnoses the raw bytes of a sign, timestamp and domain key (as they were on the wire).
    public static func diagnose(
        sign: [UInt8], timestamp: [UInt8], domainKey: [UInt8], now: Int64? = nil, maxSkew: Int64? = nil
    ) -> SignDiagnosisReport {
        let expected = XiaoaSign.sign(timestamp: timestamp, domainKey: domainKey)
        let signMatches = ConstantTime.equals(sign, Array(expected.utf8))

        var skewFindings: [Finding] = []
        var check: TimestampCheck?
        if let now, let maxSkew {
            let result = TimestampCheck.check(String(decoding: timestamp, as: UTF8.self), now: now, maxSkew: maxSkew)
            check = result
            if let finding = SignFindings.skew(result, timestamp: timestamp, maxSkew: maxSkew) {
                skewFindings.append(finding)
            }
        }
        if signMatches {
            return SignDiagnosisReport(
                isCorrect: skewFindings.isEmpty && (check?.isFresh ?? true), signMatches: true, expectedSign: expected,
                timestampCheck: check, findings: skewFindings,
                warnings: warnings(timestamp, unlessIn: skewFindings))
        }

        var findings = SignSearch(given: sign, timestamp: timestamp, domainKey: domainKey).run().simplest()
        if findings.isEmpty { findings = [SignFindings.noKnownCause()] }
        for finding in skewFindings {
            // A millisecond timestamp can explain both the sign and the skew; say it once.
            if let index = findings.firstIndex(where: { $0.id == finding.id }) {
                findings[index] = Finding(
                    id: finding.id, summary: findings[index].summary, fix: findings[index].fix,
                    details: findings[index].details.merging(finding.details) { old, _ in old })
            } else {
                findings.append(finding)
            }
        }
        return SignDiagnosisReport(
            isCorrect: false, signMatches: false, expectedSign: expected, timestampCheck: check, findings: findings,
            warnings: warnings(timestamp, unlessIn: findings))
    }
}

extension SignDiagnosis {
    /// The timestamp's warnings, unless a finding names the same mistake already.
    static func warnings(_ timestamp: [UInt8], unlessIn findings: [Finding]) -> [Finding] {
        TimestampWarnings.findings(timestamp: String(decoding: timestamp, as: UTF8.self)).filter { warning in
            !findings.contains { $0.id == warning.id }
        }
    }
}

// MARK: - The search

/// One mistake, cheap to carry around; turned into a ``Finding`` only for the explanations that are kept.
enum SignMistake {
    case innerUppercase, outerUppercase, singleMd5, swapped
    case separator([UInt8], swapped: Bool)
    case wrongCut(offset: Int, length: Int, label: String)
    case leadingZerosInner(Int)
    case leadingZerosOuter(Int, label: String)
    case whitespaceAdded(field: String, whitespace: [UInt8], leading: Bool)
    case whitespaceTrimmed(field: String, sent: [UInt8])
    case whitespaceAroundSign([UInt8])
    case signedOverMilliseconds(String)
    case signedOverSeconds(String)

    var finding: Finding {
        switch self {
        case .innerUppercase: SignFindings.innerUppercase()
        case .outerUppercase: SignFindings.outerUppercase()
        case .singleMd5: SignFindings.singleMd5()
        case .swapped: SignFindings.swapped()
        case .separator(let separator, let swapped): SignFindings.separator(separator, swapped: swapped)
        case .wrongCut(let offset, let length, let label):
            SignFindings.wrongCut(offset: offset, length: length, label: label)
        case .leadingZerosInner(let zeros): SignFindings.leadingZerosInner(zeros)
        case .leadingZerosOuter(let zeros, let label): SignFindings.leadingZerosOuter(zeros, label: label)
        case .whitespaceAdded(let field, let whitespace, let leading):
            SignFindings.whitespaceAdded(field: field, whitespace: whitespace, leading: leading)
        case .whitespaceTrimmed(let field, let sent): SignFindings.whitespaceTrimmed(field: field, sent: sent)
        case .whitespaceAroundSign(let sent): SignFindings.whitespaceAroundSign(sent)
        case .signedOverMilliseconds(let signed): SignFindings.signedOverMilliseconds(signed)
        case .signedOverSeconds(let signed): SignFindings.signedOverSeconds(signed)
        }
    }

    var isGeneric: Bool { if case .wrongCut = self { true } else { false } }
}

/// Recomputes every candidate mistake and keeps those that give the sign.
struct SignSearch {
    let given: [UInt8]
    let timestamp: [UInt8]
    let domainKey: [UInt8]

    /// Separators seen between the two strings (whitespace there is reported as whitespace around one of them).
    static let separators: [[UInt8]] = [".", "|", ",", "&", "-", "_", ":", ";", "+", "/", "#", "="].map {
        Array($0.utf8)
    }
    /// Whitespace that a line read from a file or a terminal brings along.
    static let trailingWhitespace: [[UInt8]] = ["\n", "\r\n", " ", "\t"].map { Array($0.utf8) }
    static let leadingWhitespace: [[UInt8]] = [" ", "\t"].map { Array($0.utf8) }

    /// A value shorter than this is placed only at offset 8 of the untouched input's digests: among the
    /// thousands of candidate digests some would hold a short value somewhere by chance.
    static let minimumFreeCutLength = 8
    /// How many mistakes in putting the input together are tried at once.
    static let maximumInputMistakes = 2

    func run() -> [Explanation] {
        var found: [[SignMistake]] = []
        let trimmedSign = Whitespace.trimmed(given)
        if trimmedSign.count != given.count, XiaoaSign.isValid(trimmedSign, timestamp: timestamp, domainKey: domainKey)
        {
            found.append([.whitespaceAroundSign(given)])
        }
        let upperGiven = Hexdigits.uppercased(given)
        let givenHasUpper = upperGiven == given && given.contains(where: { $0 >= 0x41 && $0 <= 0x46 })
        for input in inputs() {
            for digest in digests(of: input.bytes) {
                let allowShort = input.mistakes.isEmpty && digest.mistakes.count <= 1
                for cut in cuts(
                    of: digest.hex, label: digest.label, allowShort: allowShort, givenHasUpper: givenHasUpper)
                {
                    found.append(input.mistakes + digest.mistakes + cut)
                }
            }
        }
        found += millisecondCandidates()
        return found.map { mistakes in
            Explanation(findings: mistakes.map(\.finding), isGeneric: mistakes.contains(where: \.isGeneric))
        }
    }

    struct Input {
        var bytes: [UInt8]
        var mistakes: [SignMistake]
    }

    /// Every way of putting the two strings together, with the mistakes each one makes: the order, a
    /// separator, whitespace around either string, and pairs of these (three at once are not tried).
    func inputs() -> [Input] {
        let timestamps = [(timestamp, [SignMistake]())] + whitespaceVariants(timestamp, field: "timestamp")
        let keys = [(domainKey, [SignMistake]())] + whitespaceVariants(domainKey, field: "domain key")
        var seen = Set<[UInt8]>()
        var result: [Input] = []
        // Fewest mistakes first, so that a duplicate input keeps its simplest explanation.
        for budget in 0...Self.maximumInputMistakes {
            for (ts, tsMistakes) in timestamps {
                for (key, keyMistakes) in keys {
                    for swapped in [false, true] {
                        for separator in [[]] + Self.separators {
                            let count =
                                tsMistakes.count + keyMistakes.count + (swapped ? 1 : 0) + (separator.isEmpty ? 0 : 1)
                            guard count == budget else { continue }
                            let bytes = swapped ? key + separator + ts : ts + separator + key
                            guard seen.insert(bytes).inserted else { continue }
                            var mistakes = tsMistakes + keyMistakes
                            if swapped { mistakes.append(.swapped) }
                            if !separator.isEmpty { mistakes.append(.separator(separator, swapped: swapped)) }
                            result.append(Input(bytes: bytes, mistakes: mistakes))
                        }
                    }
                }
            }
        }
        return result
    }

    /// The value as signed when it differs from the value as sent only by whitespace around it.
    func whitespaceVariants(_ value: [UInt8], field: String) -> [([UInt8], [SignMistake])] {
        let trimmed = Whitespace.trimmed(value)
        if trimmed.count != value.count {
            return [(trimmed, [.whitespaceTrimmed(field: field, sent: value)])]
        }
        var result: [([UInt8], [SignMistake])] = []
        for ws in Self.trailingWhitespace {
            result.append((value + ws, [.whitespaceAdded(field: field, whitespace: ws, leading: false)]))
        }
        for ws in Self.leadingWhitespace {
            result.append((ws + value, [.whitespaceAdded(field: field, whitespace: ws, leading: true)]))
        }
        return result
    }

    struct Digest {
        /// The hex text that is cut (ASCII).
        var hex: [UInt8]
        /// Which md5 it is, for messages.
        var label: String
        var mistakes: [SignMistake]
    }

    /// The digest texts the sign may have been cut from: md5 #2, md5 #1 alone, md5 #2 of an upper-cased or
    /// zero-stripped md5 #1.
    func digests(of input: [UInt8]) -> [Digest] {
        let first = Array(MD5.hexDigest(input).utf8)
        var result = [
            Digest(hex: Array(MD5.hexDigest(first).utf8), label: "md5 #2", mistakes: []),
            Digest(hex: first, label: "md5 #1", mistakes: [.singleMd5]),
            Digest(
                hex: Array(MD5.hexDigest(Hexdigits.uppercased(first)).utf8), label: "md5 #2",
                mistakes: [.innerUppercase]),
        ]
        let zeros = first.prefix(while: { $0 == UInt8(ascii: "0") }).count
        if zeros > 0 {
            result.append(
                Digest(
                    hex: Array(MD5.hexDigest(first.dropFirst(zeros)).utf8), label: "md5 #2",
                    mistakes: [.leadingZerosInner(zeros)]))
        }
        return result
    }

    /// The ways `given` comes out of the hex text `hex`: the right cut, upper-cased, after leading zeros
    /// were dropped, or a cut elsewhere; each as the mistakes it takes.
    func cuts(of hex: [UInt8], label: String, allowShort: Bool, givenHasUpper: Bool) -> [[SignMistake]] {
        // Upper-case letters in the value can only come from upper-casing the result.
        let text = givenHasUpper ? Hexdigits.uppercased(hex) : hex
        let caseMistakes: [SignMistake] = givenHasUpper ? [.outerUppercase] : []
        var result: [[SignMistake]] = []
        let offset = XiaoaSign.offset
        let length = XiaoaSign.length
        if given.count == length {
            if text[offset..<offset + length].elementsEqual(given) {
                return [caseMistakes]
            }
            let zeros = text.prefix(while: { $0 == UInt8(ascii: "0") }).count
            if zeros > 0, text.count - zeros >= offset + length,
                text[(zeros + offset)..<(zeros + offset + length)].elementsEqual(given)
            {
                return [[.leadingZerosOuter(zeros, label: label)] + caseMistakes]
            }
        }
        for start in candidateOffsets(in: text, allowShort: allowShort) where start != offset || given.count != length {
            result.append([.wrongCut(offset: start, length: given.count, label: label)] + caseMistakes)
        }
        return result
    }

    /// Where `given` occurs in `text`: anywhere for values of 8 characters or more, else only at offset 8.
    func candidateOffsets(in text: [UInt8], allowShort: Bool) -> [Int] {
        guard !given.isEmpty, given.count <= text.count, let first = given.first else { return [] }
        if given.count < Self.minimumFreeCutLength {
            guard allowShort else { return [] }
            let start = XiaoaSign.offset
            return start + given.count <= text.count && text[start..<start + given.count].elementsEqual(given)
                ? [start] : []
        }
        var offsets: [Int] = []
        for start in 0...(text.count - given.count)
        where text[start] == first && text[start..<start + given.count].elementsEqual(given) {
            offsets.append(start)
        }
        return offsets
    }

    /// The sign computed over a millisecond timestamp while seconds were sent, or the other way round.
    func millisecondCandidates() -> [[SignMistake]] {
        guard given.count == XiaoaSign.length, timestamp.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let upperGiven = Hexdigits.uppercased(given)
        func mistakes(_ sign: [UInt8], _ mistake: SignMistake) -> [SignMistake]? {
            if sign == given { return [mistake] }
            if upperGiven == given, Hexdigits.uppercased(sign) == given { return [mistake, .outerUppercase] }
            return nil
        }
        var result: [[SignMistake]] = []
        if timestamp.count == 10 {
            // Every millisecond of the given second: 1000 signs, computed without allocating.
            var input = timestamp + [0, 0, 0] + domainKey
            var sign = [UInt8](repeating: 0, count: XiaoaSign.length)
            for ms in 0..<1000 {
                input[10] = UInt8(ascii: "0") + UInt8(ms / 100)
                input[11] = UInt8(ascii: "0") + UInt8(ms / 10 % 10)
                input[12] = UInt8(ascii: "0") + UInt8(ms % 10)
                input.withUnsafeBytes { bytes in
                    sign.withUnsafeMutableBufferPointer { XiaoaSign.sign(concatenated: bytes, into: $0) }
                }
                guard sign == given || (upperGiven == given && Hexdigits.uppercased(sign) == given) else { continue }
                if let found = mistakes(sign, .signedOverMilliseconds(String(decoding: input[0..<13], as: UTF8.self))) {
                    result.append(found)
                }
            }
        } else if timestamp.count == 13 {
            let seconds = Array(timestamp.prefix(10))
            let sign = Array(XiaoaSign.sign(timestamp: seconds, domainKey: domainKey).utf8)
            if let found = mistakes(sign, .signedOverSeconds(String(decoding: seconds, as: UTF8.self))) {
                result.append(found)
            }
        }
        return result
    }
}

// MARK: - Sentences

enum SignFindings {
    static let fixFormula =
        "compute substr(md5(md5(timestamp . domain_key)), 8, 10) exactly: lowercase hex, no separator, timestamp first"

    static func innerUppercase() -> Finding {
        Finding(
            id: FindingID.sign(.innerMd5Uppercase),
            summary:
                "md5 #1 was upper-cased before the second md5 (e.g. strtoupper(md5(…)) or a hex helper that prints "
                + "A-F)",
            fix: "hash the lowercase hex text of md5 #1, exactly as PHP's md5() returns it")
    }

    static func outerUppercase() -> Finding {
        Finding(
            id: FindingID.sign(.outerUppercase),
            summary:
                "the sign is upper-case hex: the result of md5 #2 was upper-cased (e.g. strtoupper or .toUpperCase())",
            fix: "send the 10 characters in lowercase; the server compares them exactly")
    }

    static func singleMd5() -> Finding {
        Finding(
            id: FindingID.sign(.singleMd5),
            summary:
                "the sign was cut from a single md5(timestamp . domain_key), not from the md5 of that md5's hex text",
            fix: "apply md5 twice: md5(md5(timestamp . domain_key)), the outer md5 over the 32 lowercase hex characters"
        )
    }

    static func swapped() -> Finding {
        Finding(
            id: FindingID.sign(.swappedConcatenation),
            summary: "the domain key and the timestamp were concatenated in the wrong order (domain_key . timestamp)",
            fix: "hash timestamp . domain_key: the timestamp first")
    }

    static func separator(_ separator: [UInt8], swapped: Bool) -> Finding {
        let text = Describe.escaped(separator)
        let between = swapped ? "the domain key and the timestamp" : "the timestamp and the domain key"
        let summary =
            separator == Array(".".utf8) && !swapped
            ? "a literal '.' was put between the timestamp and the domain key, but in PHP's timestamp.domain_key the "
                + "'.' is the concatenation operator, not a character"
            : "a separator '\(text)' was put between \(between)"
        return Finding(
            id: FindingID.sign(.separator), summary: summary,
            fix: "concatenate the two strings with nothing in between", details: ["separator": text])
    }

    static func wrongCut(offset: Int, length: Int, label: String) -> Finding {
        let summary: String
        switch (offset, length) {
        case (8, 2):
            summary =
                "the sign is only \(label)[8..<10]: substring(8, 10) was written as if 10 were a length, but Java and "
                + "JavaScript take an end index"
        case (9, 10):
            summary =
                "the sign was cut one character late, at offset 9: the 9th character was counted from 1 (e.g. h[9:19] "
                + "or substr($h, 9, 10))"
        case (7, 10):
            summary = "the sign was cut one character early, at offset 7 instead of 8"
        case (8, 9), (8, 11):
            summary = "the sign has \(length) characters instead of 10: the length of the cut is off by one"
        default:
            summary =
                "the sign is \(label)[\(offset)..<\(offset + length)] (offset \(offset), length \(length)) instead of "
                + "[8..<18]"
        }
        return Finding(
            id: FindingID.sign(.wrongCut), summary: summary,
            fix:
                "take 10 characters from offset 8: substr($h, 8, 10) in PHP, h.substring(8, 18) in Java or JavaScript, "
                + "h[8:18] in Python",
            details: ["offset": String(offset), "length": String(length), "digest": label])
    }

    static let zerosFix =
        "format every md5 as exactly 32 hex digits, keeping leading zeros (e.g. String.format(\"%032x\", new "
        + "BigInteger(1, digest)))"

    static func leadingZerosInner(_ zeros: Int) -> Finding {
        Finding(
            id: FindingID.sign(.leadingZerosDropped),
            summary:
                "md5 #1 lost its leading \(zeros == 1 ? "zero" : "\(zeros) zeros") before the second md5 (hex from a "
                + "big integer, e.g. Java's new BigInteger(1, digest).toString(16)), so \(32 - zeros) characters "
                + "were hashed",
            fix: zerosFix, details: ["digest": "md5 #1", "zeros": String(zeros)])
    }

    static func leadingZerosOuter(_ zeros: Int, label: String) -> Finding {
        Finding(
            id: FindingID.sign(.leadingZerosDropped),
            summary:
                "\(label) lost its leading \(zeros == 1 ? "zero" : "\(zeros) zeros") (hex from a big integer, e.g. "
                + "Java's new BigInteger(1, digest).toString(16)), so the cut starts \(zeros) "
                + "character\(zeros == 1 ? "" : "s") late",
            fix: zerosFix,
            details: ["digest": label, "zeros": String(zeros), "sameAsCut": "offset \(8 + zeros), length 10"])
    }

    static let millisecondFix =
        "send Unix seconds (e.g. Math.floor(Date.now() / 1000), time() in PHP) and sign exactly the string that is sent"

    static func signedOverMilliseconds(_ signed: String) -> Finding {
        Finding(
            id: FindingID.sign(.millisecondTimestamp),
            summary:
                "the sign was computed over the millisecond timestamp \(signed) (e.g. Date.now()) while the timestamp "
                + "sent is in seconds",
            fix: millisecondFix, details: ["signedTimestamp": signed])
    }

    static func signedOverSeconds(_ signed: String) -> Finding {
        Finding(
            id: FindingID.sign(.millisecondTimestamp),
            summary:
                "the sign was computed over the timestamp in seconds (\(signed)) while the 13-digit millisecond "
                + "timestamp was sent",
            fix: millisecondFix, details: ["signedTimestamp": signed])
    }

    static let whitespaceFix = "sign and send the very same strings: trim a value once, when it is read"

    static func whitespaceAdded(field: String, whitespace: [UInt8], leading: Bool) -> Finding {
        Finding(
            id: FindingID.sign(.whitespace),
            summary:
                "the sign was computed over the \(field) with a \(leading ? "leading" : "trailing") "
                + "\(Describe.whitespace(whitespace)) (e.g. a line read from a file or stdin without trimming)",
            fix: whitespaceFix,
            details: [
                "field": field, "whitespace": Describe.escaped(whitespace),
                "position": leading ? "leading" : "trailing",
            ])
    }

    static func whitespaceTrimmed(field: String, sent: [UInt8]) -> Finding {
        let leading = sent.prefix(while: Whitespace.isWhitespace)
        let trailing = sent.reversed().prefix(while: Whitespace.isWhitespace).reversed()
        let around = Describe.escaped(leading) + "…" + Describe.escaped(trailing)
        return Finding(
            id: FindingID.sign(.whitespace),
            summary:
                "the \(field) sent has whitespace around it (\(around)) but the sign was computed over the trimmed "
                + "value",
            fix: whitespaceFix, details: ["field": field, "whitespace": around, "position": "sent"])
    }

    static func whitespaceAroundSign(_ sent: [UInt8]) -> Finding {
        let trailing = sent.reversed().prefix(while: Whitespace.isWhitespace).reversed()
        let leading = sent.prefix(while: Whitespace.isWhitespace)
        return Finding(
            id: FindingID.sign(.whitespace),
            summary:
                "the sign itself is right but carries whitespace "
                + "(\(Describe.escaped(leading))…\(Describe.escaped(trailing))), e.g. a line end from a file or "
                + "command output",
            fix: "send the 10 characters without whitespace",
            details: ["field": "sign", "whitespace": Describe.escaped(leading) + "…" + Describe.escaped(trailing)])
    }

    static func skew(_ check: TimestampCheck, timestamp: [UInt8], maxSkew: Int64) -> Finding? {
        switch check {
        case .fresh:
            return nil
        case .tooOld(let delta):
            return Finding(
                id: FindingID.sign(.timestampTooOld),
                summary:
                    "the timestamp is \(delta) seconds before now, more than the allowed \(maxSkew): the request was "
                    + "built long before it was sent or replayed, or the client's clock is behind",
                fix:
                    "build each request with the current Unix time just before sending it, and keep the client's clock "
                    + "in sync (NTP)",
                details: ["delta": String(delta), "maxSkew": String(maxSkew)])
        case .inFuture(let delta):
            if timestamp.count == 13 {
                return Finding(
                    id: FindingID.sign(.millisecondTimestamp),
                    summary:
                        "the timestamp has 13 digits: it is in milliseconds (e.g. JavaScript's Date.now() or Java's "
                        + "System.currentTimeMillis()), \(delta) seconds in the future when read as seconds",
                    fix: millisecondFix,
                    details: [
                        "delta": String(delta), "maxSkew": String(maxSkew),
                        "seconds": String(decoding: timestamp.prefix(10), as: UTF8.self),
                    ])
            }
            return Finding(
                id: FindingID.sign(.timestampInFuture),
                summary:
                    "the timestamp is \(delta) seconds after now, more than the allowed \(maxSkew): the client's clock "
                    + "is ahead",
                fix: "keep the client's clock in sync (NTP) and send the current Unix time in seconds",
                details: ["delta": String(delta), "maxSkew": String(maxSkew)])
        case .notAnInteger:
            let trimmed = Whitespace.trimmed(timestamp)
            let spaced =
                trimmed.count != timestamp.count && !trimmed.isEmpty && trimmed.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
            return Finding(
                id: FindingID.sign(.timestampNotInteger),
                summary: spaced
                    ? "the timestamp has whitespace around it, so it is not a whole number of seconds and its age "
                        + "cannot be checked"
                    : "the timestamp is not a whole number of seconds in decimal digits, so its age cannot be checked",
                fix: "send the Unix time in seconds as decimal digits only, e.g. 1700000000")
        }
    }

    static func noKnownCause() -> Finding {
        Finding(
            id: FindingID.noKnownCause,
            summary:
                "the sign matches none of the known mistakes (letter case, single md5, order, separator, cut, leading "
                + "zeros, milliseconds, whitespace)",
            fix:
                "check that both sides use the same domain key, the commonest cause, and compare each step with "
                + "xiaoa-crypto sign --explain"
        )
    }
}

// MARK: - Byte helpers

enum Whitespace {
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0a || byte == 0x0d }

    static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }) else { return [] }
        let last = bytes.lastIndex(where: { !isWhitespace($0) })!
        return Array(bytes[first...last])
    }
}

enum Hexdigits {
    /// ASCII `a`-`f` (and every other lowercase letter) to upper case.
    static func uppercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map { $0 >= 0x61 && $0 <= 0x7a ? $0 - 0x20 : $0 }
    }
}
