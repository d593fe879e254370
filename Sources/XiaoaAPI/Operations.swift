public import XiaoaCipher
public import XiaoaJSON
public import XiaoaSigning

/// Bad input given to a face (a command line, the console): one sentence, hints, and the findings behind them.
///
/// Each face shows it its own way (the CLI as `error:` and `hint:` lines with exit 65, the console as HTTP 400
/// `{"error", "hints", "findings"}`), with these words.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one sentence.
    public let message: String
    /// Likely causes and fixes, one sentence each.
    public let hints: [String]
    /// The diagnosis's findings behind ``hints``, when there are some.
    public let findings: [Finding]

    public init(_ message: String, hints: [String] = [], findings: [Finding] = []) {
        self.message = message
        self.hints = hints
        self.findings = findings
    }

    public var description: String { message }
}

// MARK: - Domain keys

/// The rule for a domain key given to a face: it must not be empty.
///
/// The sign function itself is total (md5 is defined over any bytes, and the vectors keep their EmptyDomainKey
/// cases); but the vendor never assigns an empty key, so a face that is given one refuses it with these words,
/// and the verifier answers 10002 to a request whose `domain_key` is empty.
public enum DomainKeyRule {
    /// The problem with `key` as a domain key, or nil when it is usable.
    public static func problem(_ key: String) -> InputProblem? {
        guard key.isEmpty else { return nil }
        return InputProblem(
            "the domain key is empty", hints: ["give the domain key the vendor assigned to your domain"])
    }

    /// Throws ``problem(_:)`` when there is one.
    public static func check(_ key: String) throws(InputProblem) {
        if let problem = problem(key) { throw problem }
    }

    /// `demo` → `de…(4)`: enough to tell keys apart, not enough to sign with. The one masked form of a domain
    /// key, for the request log, the client's messages and transcripts.
    public static func masked(_ key: String) -> String {
        "\(key.prefix(key.count > 4 ? 2 : 0))…(\(key.count))"
    }

    /// A warning when `key` begins or ends with whitespace (a space, a tab, U+3000 …): nothing but a line end
    /// is ever trimmed, so the whitespace is signed with the key, which is rarely what was meant. `source`
    /// names where the key came from (`--domain-key`, `$NAME`, `keys.txt line 3`).
    public static func whitespaceWarning(_ key: String, source: String) -> String? {
        guard let first = key.unicodeScalars.first, let last = key.unicodeScalars.last else { return nil }
        let leading = first.properties.isWhitespace
        let trailing = last.properties.isWhitespace
        guard leading || trailing else { return nil }
        let position = leading && trailing ? "leading and trailing" : leading ? "leading" : "trailing"
        return "the domain key from \(source) has \(position) whitespace, which is signed with it "
            + "(only a line end is trimmed): remove it unless the vendor's key really has it"
    }
}

/// A file of domain keys: one per line (`\n` or `\r\n`), empty lines and lines starting with `#` skipped.
///
/// The one reader of such files for `verify request --domain-keys` and `serve --domain-keys`.
public enum DomainKeyList {
    /// The keys of a file's bytes, and a warning for each key with whitespace at either end; `source` names the
    /// file in messages. A file that is not UTF-8, or holds no key, is bad input.
    public static func parse(_ bytes: [UInt8], source: String) throws(InputProblem) -> (
        keys: [String], warnings: [String]
    ) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw InputProblem("\(source) is not UTF-8 text")
        }
        var keys: [String] = []
        var warnings: [String] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let key = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            if key.isEmpty || key.hasPrefix("#") { continue }
            if let warning = DomainKeyRule.whitespaceWarning(key, source: "\(source) line \(index + 1)") {
                warnings.append(warning)
            }
            keys.append(key)
        }
        guard !keys.isEmpty else { throw InputProblem("\(source) holds no domain key") }
        return (keys, warnings)
    }
}

// MARK: - The sign report

/// A sign and its steps for a timestamp and a domain key: what `sign --explain`, the console's sign pane and a
/// verdict's `expected` show.
public struct SignReport: Sendable, Equatable {
    /// The timestamp signed, as given.
    public let timestamp: String
    /// The domain key, as given.
    public let domainKey: String
    /// Every step: the input, md5 #1, md5 #2, the sign.
    public let steps: SignSteps
    /// Warnings about a valid but likely wrong input (a 13-digit timestamp).
    public let warnings: [String]

    /// The report for any timestamp and domain key (the sign is defined for every byte string).
    public init(timestamp: String, domainKey: String) {
        self.timestamp = timestamp
        self.domainKey = domainKey
        steps = XiaoaSign.steps(timestamp: timestamp, domainKey: domainKey)
        warnings = TimestampProblem.warning(timestamp.utf8).map { [$0] } ?? []
    }

    /// The report for input given to a face: an empty domain key, or a timestamp that is not decimal digits,
    /// is refused.
    public static func checked(timestamp: String, domainKey: String) throws(InputProblem) -> SignReport {
        try DomainKeyRule.check(domainKey)
        if let problem = TimestampProblem.check(timestamp.utf8) {
            throw InputProblem(problem.message, hints: problem.hints)
        }
        return SignReport(timestamp: timestamp, domainKey: domainKey)
    }

    /// The public parameters as canonical JSON (RFC 8785): `{"domain_key":…,"sign":…,"timestamp":…}`.
    public var publicParameters: JSONValue {
        ["timestamp": .string(timestamp), "domain_key": .string(domainKey), "sign": .string(steps.sign)]
    }
}

// MARK: - Decrypting with a diagnosis

/// A ciphertext that did not decrypt: the cipher's one error, and what the diagnosis names as the cause.
public struct DecryptionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cipher's error (one error for every padding failure, by design).
    public let error: PasswordCipherError
    /// The known mistakes that reproduce the value (empty when the diagnosis was not asked for).
    public let findings: [Finding]
    /// The findings as hint lines; a value that is not even UTF-8 has its own hint.
    public let hints: [String]

    public var description: String { error.description }
}

/// Decrypting a ciphertext given to a face, with the diagnosis's findings when it fails: `decrypt`, `verify
/// password` and the console's decrypt pane call this.
public enum PasswordDecryption {
    /// Decrypts `text` (strict base64, as received) with `cipher`; on failure the error and, with `diagnose`,
    /// the known mistakes that reproduce the value (`PasswordDiagnosis` without an expected password; findings
    /// may show plaintext bytes).
    ///
    /// `key` and `iv` are the material as the user gave it (a 32-hex-digit text key is diagnosed from its
    /// text); by default the cipher's bytes.
    public static func decrypt(
        _ text: some Collection<UInt8>, with cipher: PasswordCipher, key: KeyMaterial? = nil, iv: KeyMaterial? = nil,
        diagnose: Bool = true
    ) throws(DecryptionFailure) -> [UInt8] {
        let bytes = Array(text)
        do throws(PasswordCipherError) {
            guard let string = String(validating: bytes, as: UTF8.self) else {
                throw PasswordCipherError(.invalidBase64, detail: "not UTF-8 text")
            }
            return try cipher.decrypt(Base64Strict.decode(string))
        } catch {
            guard diagnose else { throw DecryptionFailure(error: error, findings: [], hints: []) }
            guard let string = String(validating: bytes, as: UTF8.self) else {
                let hint = "a base64 ciphertext is ASCII text; this value is not even UTF-8"
                throw DecryptionFailure(error: error, findings: [], hints: [hint])
            }
            let findings = PasswordDiagnosis.diagnose(
                ciphertext: string, expected: nil, key: key ?? .bytes(cipher.key), iv: iv ?? .bytes(cipher.iv),
                revealPlaintext: true
            ).findings
            throw DecryptionFailure(error: error, findings: findings, hints: findings.map(\.description))
        }
    }

    /// Notes on a plaintext that is not UTF-8: its length, and GBK/GB18030 text when it is that.
    public static func plaintextNotes(_ plaintext: [UInt8]) -> [String] {
        guard String(validating: plaintext, as: UTF8.self) == nil else { return [] }
        var notes = ["the plaintext is not UTF-8 (\(plaintext.count) bytes): see its hex"]
        if let legacy = PasswordDiagnosis.legacyCharset(of: plaintext, revealPlaintext: true) {
            notes.append(legacy.description)
        }
        return notes
    }
}

extension KeyMaterial {
    /// A note when PHP would pad or cut this text key or IV (`role`: "key" or "IV"), or nil.
    public func adjustmentNote(role: String) -> String? {
        guard isAdjusted, case .text(let text) = self else { return nil }
        let count = text.utf8.count
        return count < 16
            ? "the \(role) text is \(count) bytes: zero-padded to 16 bytes, as PHP's openssl_encrypt does"
            : "the \(role) text is \(count) bytes: cut to its first 16 bytes, as PHP's openssl_encrypt does"
    }
}
