public import XiaoaCipher
internal import XiaoaPrimitives

/// What a password-ciphertext diagnosis found.
public struct PasswordDiagnosisReport: Sendable, Equatable {
    /// Whether the value is right: it decrypts strictly (standard base64, AES-128-CBC, PKCS#7) under the
    /// key and IV to the expected password, or — without one — to UTF-8 text.
    public let isCorrect: Bool
    /// The mistakes that reproduce the value; empty when ``isCorrect``; a single ``FindingID/noKnownCause``
    /// finding for a wrong value that no known mistake reproduces.
    public let findings: [Finding]
}

/// Names the bug behind a password ciphertext that does not decrypt, or does not decrypt to the expected
/// password.
///
/// Candidates are recomputed, never guessed: the base64 text is repaired only where the damage left a trace
/// (a space for '+', the URL-safe alphabet, missing '=', line breaks, `%XX`, a second base64 layer), then
/// decrypted under the given key and the usual wrong ones (repeated, md5-derived, taken from hex text, a
/// hex key read as text, the vendor's), in CBC and ECB, with PKCS#7 and zero padding; a candidate counts when
/// the plaintext is the expected password exactly — or the password with a trailing newline, or its GBK
/// bytes. Without an expected password a candidate counts when it decrypts to plausible UTF-8 text. The one
/// signature-based finding is ``FindingID/Cipher/cryptoJsPassphrase``: the 8-byte `Salted__` header is
/// conclusive of the format even when the passphrase is unknown (its details say whether it decrypted).
///
/// This is a debugging tool: `PasswordCipher.decrypt(_:)` (XiaoaCipher) still answers every padding failure
/// with one error, and nothing here runs in constant time.
///
/// ```swift
/// PasswordDiagnosis.diagnose(ciphertext: "HHAEEXzBXY4FmXo0mOQ8Hw==", expected: Array("654321".utf8)).findings[0].id
/// // "noKnownCause": it decrypts, to another password
/// ```
public enum PasswordDiagnosis {
    /// Diagnoses `ciphertext` (the text as received) under `key` and `iv`.
    ///
    /// - Parameters:
    ///   - ciphertext: the base64 text as received, spaces, line breaks and all.
    ///   - expected: the password the value should decrypt to, or nil to diagnose a failing `decrypt`.
    ///   - key: the key the value should have been made with (the vendor's by default).
    ///   - iv: the IV the value should have been made with (the vendor's by default).
    ///   - revealPlaintext: whether findings may show plaintext bytes (the GBK finding shows both spellings);
    ///     keep it false where the password must not be printed.
    public static func diagnose(
        ciphertext: String, expected: [UInt8]?,
        key: KeyMaterial = .text(PasswordCipher.vendorKeyText), iv: KeyMaterial = .text(PasswordCipher.vendorIVText),
        revealPlaintext: Bool = false
    ) -> PasswordDiagnosisReport {
        let keyBytes: [UInt8]
        let ivBytes: [UInt8]
        let aes: AES128CBC
        do {
            keyBytes = try key.bytes(role: "key")
            ivBytes = try iv.bytes(role: "IV")
            aes = try AES128CBC()
        } catch {
            return PasswordDiagnosisReport(
                isCorrect: false,
                findings: [
                    CipherFindings.noKnownCause(
                        "the key or IV cannot be used (\(error))",
                        fix: "give the key as text or as exactly 32 hex digits")
                ])
        }
        let search = CipherSearch(
            text: Array(ciphertext.utf8), expected: expected, key: key, keyBytes: keyBytes, ivBytes: ivBytes, aes: aes,
            reveal: revealPlaintext)
        let strict = search.strictOutcome()
        if case .correct = strict { return PasswordDiagnosisReport(isCorrect: true, findings: []) }
        if case .notUTF8 = strict, let finding = search.legacyCharsetPlaintext() {
            return PasswordDiagnosisReport(isCorrect: false, findings: [finding])
        }
        var findings = search.run().simplest()
        if findings.isEmpty {
            // Damage that left a trace but whose repair does not decrypt is worth saying, as no cause.
            let traces = Base64Repair.variants(Array(ciphertext.utf8)).dropFirst().compactMap {
                $0.findings.count == 1 ? $0.findings[0].id : nil
            }
            findings = [CipherFindings.noKnownCause(for: strict, expectedCount: expected?.count, traces: traces)]
        }
        return PasswordDiagnosisReport(isCorrect: false, findings: findings)
    }
}

extension PasswordDiagnosis {
    /// For a decrypted plaintext that is not UTF-8: the finding that it is GBK/GB18030 text, or nil.
    ///
    /// For callers that already hold the plaintext (`decrypt` printing text);
    /// ``diagnose(ciphertext:expected:key:iv:revealPlaintext:)``
    /// gives the same finding from the ciphertext.
    public static func legacyCharset(of plaintext: [UInt8], revealPlaintext: Bool = false) -> Finding? {
        guard !Charset.isUTF8(plaintext) else { return nil }
        for charset in Charset.chinese {
            if let utf8 = Charset.decodeToUTF8(plaintext, from: charset), PlausibleText.isPlausible(utf8) {
                return CipherFindings.gbk(charset: charset, plaintext: plaintext, utf8: utf8, reveal: revealPlaintext)
            }
        }
        return nil
    }
}

/// What the strict path (the library's own `decrypt`) made of the value.
enum StrictOutcome {
    case correct
    case invalidBase64
    case invalidLength(Int)
    case decryptionFailed
    case otherPlaintext(Int)
    case notUTF8
}

struct CipherSearch {
    let text: [UInt8]
    let expected: [UInt8]?
    let key: KeyMaterial
    let keyBytes: [UInt8]
    let ivBytes: [UInt8]
    let aes: AES128CBC
    let reveal: Bool

    func strictOutcome() -> StrictOutcome {
        guard let string = String(validating: text, as: UTF8.self), let bytes = try? Base64Strict.decode(string) else {
            return .invalidBase64
        }
        guard !bytes.isEmpty, bytes.count % 16 == 0 else { return .invalidLength(bytes.count) }
        guard let raw = try? aes.decrypt(bytes, key: keyBytes, iv: ivBytes),
            let plain = PKCS7.removingPaddingConstantTime(raw)
        else {
            return .decryptionFailed
        }
        if let expected { return plain == expected ? .correct : .otherPlaintext(plain.count) }
        return Charset.isUTF8(plain) ? .correct : .notUTF8
    }

    /// The GBK finding for a value that decrypts strictly to bytes that are not UTF-8 but GBK/GB18030 text.
    func legacyCharsetPlaintext() -> Finding? {
        guard let string = String(validating: text, as: UTF8.self), let bytes = try? Base64Strict.decode(string),
            let raw = try? aes.decrypt(bytes, key: keyBytes, iv: ivBytes),
            let plain = PKCS7.removingPaddingConstantTime(raw)
        else { return nil }
        return PasswordDiagnosis.legacyCharset(of: plain, revealPlaintext: reveal)
    }

    func run() -> [Explanation] {
        var explanations: [Explanation] = []
        let keys = keyVariants()
        for variant in Base64Repair.variants(text) {
            guard let string = String(validating: variant.text, as: UTF8.self),
                let bytes = try? Base64Strict.decode(string)
            else { continue }
            var layers: [([UInt8], [Finding])] = [(bytes, [])]
            if let inner = doubleBase64(bytes) { layers.append((inner, [CipherFindings.doubleBase64()])) }
            for (ciphertext, layerFindings) in layers {
                let prefix = variant.findings + layerFindings
                if CryptoJSPassphrase.matches(ciphertext) {
                    explanations.append(Explanation(findings: prefix + [cryptoJS(ciphertext)]))
                    continue
                }
                guard !ciphertext.isEmpty, ciphertext.count % 16 == 0 else { continue }
                for material in keys {
                    guard let cbc = try? aes.decrypt(ciphertext, key: material.key, iv: material.iv) else { continue }
                    let modes = [
                        (cbc, [Finding]()),
                        (ecb(fromCBC: cbc, ciphertext: ciphertext, iv: material.iv), [CipherFindings.ecb()]),
                    ]
                    for (raw, modeFindings) in modes {
                        for plaintextFindings in matches(raw) {
                            let findings = prefix + material.findings + modeFindings + plaintextFindings
                            // The untouched pipeline is the strict path, already judged.
                            if !findings.isEmpty { explanations.append(Explanation(findings: findings)) }
                        }
                    }
                }
            }
        }
        return explanations
    }

    // MARK: Layers and keys

    /// The inner ciphertext when `bytes` is itself strict base64 text.
    func doubleBase64(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 24, bytes.allSatisfy({ Base64Alphabet.contains($0) }),
            let inner = try? Base64Strict.decode(String(decoding: bytes, as: UTF8.self))
        else { return nil }
        return inner
    }

    struct KeyVariant {
        var key: [UInt8]
        var iv: [UInt8]
        var findings: [Finding]
    }

    /// The given key and IV first, then the usual wrong keys, without duplicates.
    func keyVariants() -> [KeyVariant] {
        let keyText: [UInt8]
        switch key {
        case .text(let text): keyText = Array(text.utf8)
        case .hex, .bytes: keyText = Array(keyBytes.reversed().drop(while: { $0 == 0 }).reversed())
        }
        var candidates = [KeyVariant(key: keyBytes, iv: ivBytes, findings: [])]
        if !keyText.isEmpty && keyText.count < 16 {
            let repeated = (0..<16).map { keyText[$0 % keyText.count] }
            candidates.append(KeyVariant(key: repeated, iv: ivBytes, findings: [CipherFindings.keyRepeated(repeated)]))
        }
        candidates.append(
            KeyVariant(key: MD5.hash(keyText), iv: ivBytes, findings: [CipherFindings.keyMd5(hexPrefix: false)]))
        candidates.append(
            KeyVariant(
                key: Array(MD5.hexDigest(keyText).utf8.prefix(16)), iv: ivBytes,
                findings: [CipherFindings.keyMd5(hexPrefix: true)]))
        candidates.append(
            KeyVariant(
                key: Array(Hex.encode(keyBytes).utf8.prefix(16)), iv: ivBytes,
                findings: [CipherFindings.keyFromHexText()]))
        if case .hex(let hexText) = key {
            candidates.append(
                KeyVariant(
                    key: KeyMaterial.phpPadded(Array(hexText.utf8)), iv: ivBytes,
                    findings: [CipherFindings.keyFromHexText()]))
        }
        if case .text(let text) = key, text.utf8.count == 32, let decoded = try? Hex.decode(text) {
            candidates.append(KeyVariant(key: decoded, iv: ivBytes, findings: [CipherFindings.hexKeyAsText()]))
        }
        let vendorKey = KeyMaterial.phpPadded(Array(PasswordCipher.vendorKeyText.utf8))
        candidates.append(
            KeyVariant(
                key: vendorKey, iv: Array(PasswordCipher.vendorIVText.utf8), findings: [CipherFindings.vendorKey()]))
        var unique: [KeyVariant] = []
        for candidate in candidates where !unique.contains(where: { $0.key == candidate.key && $0.iv == candidate.iv })
        {
            unique.append(candidate)
        }
        return unique
    }

    /// ECB's plaintext blocks from CBC's: CBC XORs each decrypted block with the previous ciphertext block.
    func ecb(fromCBC cbc: [UInt8], ciphertext: [UInt8], iv: [UInt8]) -> [UInt8] {
        var out = cbc
        for i in 0..<out.count { out[i] ^= i < 16 ? iv[i] : ciphertext[i - 16] }
        return out
    }

    // MARK: Plaintexts

    /// For a decrypted (still padded) block sequence: the finding lists under which it is what was asked for.
    func matches(_ raw: [UInt8]) -> [[Finding]] {
        var result: [[Finding]] = []
        if let expected {
            for target in targets(expected) {
                if let plain = PKCS7.removingPaddingConstantTime(raw), plain == target.bytes {
                    result.append(target.findings)
                }
                let zeros = raw.count - target.bytes.count
                if zeros >= 0, zeros <= 16, raw.starts(with: target.bytes),
                    raw.dropFirst(target.bytes.count).allSatisfy({ $0 == 0 })
                {
                    result.append([CipherFindings.zeroPadding(zeros)] + target.findings)
                }
            }
        } else {
            // Without the password, only plausible text counts: printable UTF-8, not empty.
            if let plain = PKCS7.removingPaddingConstantTime(raw), PlausibleText.isPlausible(plain) {
                result.append([])
            }
            // At least one zero byte: a whole block of plausible text with no padding is too easy to get
            // by chance (printable text XOR a printable IV is often printable).
            let stripped = Array(raw.reversed().drop(while: { $0 == 0 }).reversed())
            if (1...16).contains(raw.count - stripped.count), PlausibleText.isPlausible(stripped) {
                result.append([CipherFindings.zeroPadding(raw.count - stripped.count)])
            }
        }
        return result
    }

    /// The plaintexts that would explain the value, from the expected password: itself, with a line end, as GBK.
    func targets(_ expected: [UInt8]) -> [(bytes: [UInt8], findings: [Finding])] {
        var result: [(bytes: [UInt8], findings: [Finding])] = [(expected, [])]
        var encodings: [[UInt8]] = []
        for charset in Charset.chinese {
            if let encoded = Charset.encode(utf8: expected, to: charset), encoded != expected,
                !encodings.contains(encoded)
            {
                encodings.append(encoded)
                result.append(
                    (
                        encoded,
                        [CipherFindings.gbk(charset: charset, plaintext: encoded, utf8: expected, reveal: reveal)]
                    ))
            }
        }
        for base in result {
            for lineEnd in ["\n", "\r\n"] {
                result.append(
                    (base.bytes + Array(lineEnd.utf8), base.findings + [CipherFindings.trailingNewline(lineEnd)]))
            }
        }
        return result
    }

    /// The CryptoJS finding, saying whether the key text (or the vendor's) as passphrase decrypts it.
    func cryptoJS(_ bytes: [UInt8]) -> Finding {
        var passphrases: [[UInt8]] = []
        if case .text(let text) = key { passphrases.append(Array(text.utf8)) }
        passphrases.append(Array(PasswordCipher.vendorKeyText.utf8))
        for passphrase in passphrases {
            guard let raw = CryptoJSPassphrase.decryptRaw(bytes, passphrase: passphrase),
                let plain = PKCS7.removingPaddingConstantTime(raw)
            else { continue }
            let reproduced = expected.map { plain == $0 } ?? PlausibleText.isPlausible(plain)
            if reproduced { return CipherFindings.cryptoJS(verified: true) }
        }
        return CipherFindings.cryptoJS(verified: false)
    }
}

/// Whether decrypted bytes look like a password: valid UTF-8, not empty, no control characters.
enum PlausibleText {
    static func isPlausible(_ bytes: [UInt8]) -> Bool {
        !bytes.isEmpty && Charset.isUTF8(bytes) && !bytes.contains(where: { $0 < 0x20 || $0 == 0x7f })
    }
}

enum Base64Alphabet {
    static func contains(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
    }
}

// MARK: - Sentences

enum CipherFindings {
    static let keyFix =
        "use the key text zero-padded to 16 bytes, as PHP's openssl_encrypt does: 78 69 61 6f 61 and eleven 00 bytes "
        + "for xiaoa"

    static func doubleBase64() -> Finding {
        Finding(
            id: FindingID.cipher(.doubleBase64),
            summary:
                "the ciphertext was base64-encoded twice (e.g. base64_encode(openssl_encrypt(…, 0, …)), where "
                + "openssl_encrypt already returns base64)",
            fix: "base64-encode the raw ciphertext once: openssl_encrypt with options 0 already did it")
    }

    static func keyRepeated(_ key: [UInt8]) -> Finding {
        Finding(
            id: FindingID.cipher(.keyRepeated),
            summary:
                "the key was the key text repeated to 16 bytes (e.g. Node's Buffer.alloc(16, key)) instead of "
                + "zero-padded",
            fix: keyFix, details: ["keyHex": Hex.encode(key)])
    }

    static func keyMd5(hexPrefix: Bool) -> Finding {
        Finding(
            id: FindingID.cipher(.keyMd5),
            summary: hexPrefix
                ? "the key was the first 16 hex characters of md5(key text) (e.g. substr(md5($key), 0, 16)) instead of "
                    + "the zero-padded key text"
                : "the key was the 16-byte md5 digest of the key text (e.g. MessageDigest MD5 in Java) instead of the "
                    + "zero-padded key text",
            fix: keyFix, details: ["form": hexPrefix ? "md5 hex, first 16 characters" : "md5 digest bytes"])
    }

    static func keyFromHexText() -> Finding {
        Finding(
            id: FindingID.cipher(.keyFromHexText),
            summary:
                "the key was the hex spelling of the key used as text (e.g. '7869616f610000000000000000000000' passed "
                + "to openssl_encrypt, which keeps its first 16 characters)",
            fix: "pass the key bytes, not their hex spelling: the text 'xiaoa', or hex2bin of the hex")
    }

    static func hexKeyAsText() -> Finding {
        Finding(
            id: FindingID.cipher(.hexKeyAsText),
            summary:
                "the key given is 32 hex digits used as text, but the ciphertext was made with the 16 bytes those "
                + "digits spell",
            fix: "give a hex key with --key-hex, not --key")
    }

    static func vendorKey() -> Finding {
        Finding(
            id: FindingID.cipher(.vendorKey),
            summary:
                "the ciphertext was made with the vendor's key (xiaoa, zero-padded) and IV 1234567890123456, not with "
                + "the key and IV given",
            fix: "use the vendor's key and IV, or check why another key was expected")
    }

    static func ecb() -> Finding {
        Finding(
            id: FindingID.cipher(.ecbMode),
            summary: "the ciphertext was made with AES-128-ECB, which ignores the IV, not AES-128-CBC",
            fix: "encrypt with aes-128-cbc and the IV 1234567890123456")
    }

    static func zeroPadding(_ zeros: Int) -> Finding {
        Finding(
            id: FindingID.cipher(.zeroPadding),
            summary: zeros == 0
                ? "the plaintext was not PKCS#7-padded: with zero-byte padding (e.g. OPENSSL_ZERO_PADDING and "
                    + "str_pad(…, \"\\0\")) a whole block gets no padding at all"
                : "the plaintext was padded with \(zeros) zero byte\(zeros == 1 ? "" : "s") (e.g. OPENSSL_ZERO_PADDING "
                    + "and str_pad(…, \"\\0\")) instead of PKCS#7",
            fix:
                "let the cipher add PKCS#7 padding: openssl_encrypt with options 0 or OPENSSL_RAW_DATA, no manual "
                + "padding",
            details: ["zeroBytes": String(zeros)])
    }

    /// The plaintext ended with `lineEnd`; `field` names the request field when the server found it.
    static func trailingNewline(_ lineEnd: String, field: String? = nil) -> Finding {
        let spelled = Describe.escaped(Array(lineEnd.utf8))
        let subject = field.map { "the plaintext of \($0)" } ?? "the plaintext"
        var details = ["lineEnd": spelled]
        if let field { details["field"] = field }
        return Finding(
            id: FindingID.cipher(.trailingNewline),
            summary: "\(subject) ends with a line end (\(spelled)): the password was encrypted with the newline it "
                + "was read with (e.g. fgets, readline, echo without -n)",
            fix: "strip the line end before encrypting: trim(), rstrip(\"\\r\\n\"), echo -n", details: details)
    }

    static func gbk(charset: String, plaintext: [UInt8], utf8: [UInt8]?, reveal: Bool) -> Finding {
        var details = ["charset": charset]
        var summary =
            "the plaintext bytes are \(charset), not UTF-8 (e.g. Python's password.encode('gbk') or a client running "
            + "in code page 936)"
        if reveal {
            details["plaintextHex"] = Hex.encode(plaintext)
            if let utf8 {
                details["utf8Hex"] = Hex.encode(utf8)
                let text = String(decoding: utf8, as: UTF8.self)
                details["text"] = text
                summary =
                    "the plaintext bytes are \(charset), not UTF-8: \(Hex.encode(plaintext)) is \"\(text)\" in "
                    + "\(charset), whose UTF-8 bytes are \(Hex.encode(utf8))"
            }
        }
        return Finding(
            id: FindingID.cipher(.gbkPlaintext), summary: summary,
            fix:
                "encrypt the UTF-8 bytes of the password (e.g. password.encode('utf-8'), mb_convert_encoding($p, "
                + "'UTF-8', 'GBK'))",
            details: details)
    }

    static func cryptoJS(verified: Bool) -> Finding {
        Finding(
            id: FindingID.cipher(.cryptoJsPassphrase),
            summary:
                "the value is CryptoJS passphrase output ('U2FsdGVkX1' is base64 of 'Salted__' and a salt): "
                + "CryptoJS.AES.encrypt(text, 'xiaoa') derives an AES-256 key and IV from a string key"
                + (verified ? "" : ", and it does not decrypt with the key text as passphrase"),
            fix:
                "pass the key and IV as WordArrays: CryptoJS.AES.encrypt(text, CryptoJS.enc.Utf8.parse(key zero-padded "
                + "to 16 bytes), { iv: CryptoJS.enc.Utf8.parse('1234567890123456') })",
            details: ["verified": verified ? "true" : "false"])
    }

    static func noKnownCause(_ summary: String, fix: String) -> Finding {
        Finding(id: FindingID.noKnownCause, summary: summary, fix: fix)
    }

    /// What each repairable trace looks like, for the no-cause sentence.
    static let traceNames: [FindingID: String] = [
        FindingID.cipher(.percentEncoded): "%XX escapes", FindingID.cipher(.lineWrapped): "line breaks",
        FindingID.cipher(.plusAsSpace): "a space where base64 may have had '+'",
        FindingID.cipher(.urlSafeAlphabet): "URL-safe '-' or '_'",
        FindingID.cipher(.missingPadding): "missing '=' padding",
    ]

    static func noKnownCause(for strict: StrictOutcome, expectedCount: Int?, traces: [FindingID] = []) -> Finding {
        switch strict {
        case .correct:
            return noKnownCause("the value is right", fix: "nothing to fix")
        case .invalidBase64:
            guard !traces.isEmpty else {
                return noKnownCause(
                    "the value is not standard base64, and no known damage (a space for '+', the URL-safe alphabet, "
                        + "missing '=', line breaks, %XX, double base64) explains it",
                    fix: "send the base64 that openssl_encrypt returned, unchanged")
            }
            let names = traces.map { Self.traceNames[$0] ?? $0.rawValue }.joined(separator: ", ")
            return Finding(
                id: FindingID.noKnownCause,
                summary:
                    "the value is not standard base64 and shows \(names), but undoing that gives nothing that decrypts "
                    + "under this key and IV (nor under a known wrong key, mode or padding)",
                fix: "send the base64 that openssl_encrypt returned, unchanged, and check the key and IV",
                details: ["traces": traces.map(\.rawValue).joined(separator: ",")])
        case .invalidLength(let count):
            return noKnownCause(
                "the value decodes to \(count) bytes, not whole 16-byte AES blocks, and no known mistake explains it: "
                    + "it was probably cut short or is not an AES-128-CBC ciphertext",
                fix: "send the whole base64 ciphertext")
        case .decryptionFailed:
            return noKnownCause(
                "the padding does not check out under this key and IV, nor under any known key, mode or padding "
                    + "mistake: the value was made with another key or IV, or was altered",
                fix: "encrypt with AES-128-CBC, the key text zero-padded to 16 bytes and the IV 1234567890123456")
        case .otherPlaintext(let count):
            let expected = expectedCount.map { ", expected \($0)" } ?? ""
            return noKnownCause(
                "the value decrypts correctly, but to a different password (\(count) bytes\(expected)): the client "
                    + "encrypted another value",
                fix: "check which password the client sends (a stale, mistyped or differently normalised one)")
        case .notUTF8:
            return noKnownCause(
                "the value decrypts, but the plaintext is neither UTF-8 nor GBK/GB18030 text",
                fix: "encrypt the UTF-8 bytes of the password")
        }
    }
}
