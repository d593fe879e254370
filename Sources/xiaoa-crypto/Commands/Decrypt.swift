import ArgumentParser
import XiaoaAPI
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto decrypt`: an API ciphertext back to the password.
struct Decrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt a base64 ciphertext made with the API's password cipher.",
        discussion: """
            The plaintext is printed as UTF-8 text followed by a newline; use --hex or --raw for \
            plaintexts that are not UTF-8.

            Examples:
              xiaoa-crypto decrypt HHAEEXzBXY4FmXo0mOQ8Hw==        # 123456
              echo HHAEEXzBXY4FmXo0mOQ8Hw== | xiaoa-crypto decrypt --hex
              xiaoa-crypto decrypt --batch < ciphertexts.txt
            """)

    @Argument(help: "The base64 ciphertext (default: read stdin).")
    var base64: String?

    @OptionGroup var cipher: CipherOptions

    @Flag(help: "Print the plaintext as hex.")
    var hex = false

    @Flag(help: "Print the plaintext bytes as they are, without a newline.")
    var raw = false

    @Flag(help: "Decrypt each stdin line; print one plaintext line per input line, in order.")
    var batch = false

    @OptionGroup var batchOptions: BatchOptions

    @Flag(help: "Print the key, IV, padded block(s), ciphertext hex and base64.")
    var explain = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if hex && raw { throw ValidationError("give --hex or --raw, not both") }
        if batch && (base64 != nil || explain || raw) {
            throw ValidationError("--batch reads one ciphertext per stdin line; drop BASE64, --raw and --explain")
        }
    }

    func run() throws {
        if batch {
            let options = cipher
            let hex = self.hex
            return try Batch.run(options: batchOptions) { () throws(Failure) in
                DecryptLine(cipher: try options.makeCipher(), hex: hex, customKey: options.isCustom)
            }
        }
        if !self.cipher.isCustom && !explain && !raw && !hex { return try Self.runPlain(base64: base64) }
        let cipher = try cipher.makeCipher()
        let plaintext = try Self.plaintext(
            base64: base64, cipher: cipher, customKey: self.cipher.isCustom, key: self.cipher.keyMaterial,
            iv: self.cipher.ivMaterial)
        let out = OutputBuffer()
        if explain { return CipherExplain.write(cipher.explain(plaintext), to: out) }
        if raw { return out.write(plaintext) }
        if hex { return out.writeLine(Hex.encode(plaintext)) }
        try Self.writeText(plaintext, to: out)
    }

    /// The plain form: the vendor's key and IV, the ciphertext from the argument or stdin, UTF-8 text out.
    static func runPlain(base64: String?) throws(Failure) {
        try writeText(try plaintext(base64: base64, cipher: .vendor, customKey: false), to: OutputBuffer())
    }

    private static func writeText(_ plaintext: [UInt8], to out: OutputBuffer) throws(Failure) {
        guard let text = String(validating: plaintext, as: UTF8.self) else {
            throw Failure.badData(
                "plaintext is not valid UTF-8 (\(plaintext.count) bytes)", hints: CipherInput.plaintextHints(plaintext))
        }
        out.writeLine(text)
    }

    private static func plaintext(
        base64: String?, cipher: PasswordCipher, customKey: Bool, key: KeyMaterial? = nil, iv: KeyMaterial? = nil
    ) throws(Failure) -> [UInt8] {
        let input: [UInt8]
        if let base64 { input = Array(base64.utf8) } else { input = try SecretInput.fromStdin(what: "ciphertext") }
        return try CipherInput.decrypt(input, with: cipher, customKey: customKey, line: nil, key: key, iv: iv)
    }
}

/// `decrypt --batch`: one base64 ciphertext per line to one plaintext (or hex) per line.
struct DecryptLine: LineOperation {
    let cipher: PasswordCipher
    let hex: Bool
    let customKey: Bool
    private var plaintext: [UInt8] = []

    init(cipher: PasswordCipher, hex: Bool, customKey: Bool) {
        self.cipher = cipher
        self.hex = hex
        self.customKey = customKey
    }

    mutating func process(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> String? {
        plaintext.removeAll(keepingCapacity: true)
        do {
            try cipher.decrypt(base64: UnsafeRawBufferPointer(line), appendingTo: &plaintext)
        } catch {
            // The slow path again, for the message and hints a human needs.
            do { _ = try CipherInput.decrypt(Array(line), with: cipher, customKey: customKey, line: nil) } catch {
                return ([error.message] + error.hints.map { "hint: \($0)" }).joined(separator: "; ")
            }
            return error.description
        }
        if hex {
            output.append(contentsOf: Hex.encode(plaintext).utf8)
            return nil
        }
        let valid = plaintext.withUnsafeBufferPointer { (try? UTF8Span(validating: $0.span)) != nil }
        guard valid else { return "plaintext is not valid UTF-8 (use --hex)" }
        guard !plaintext.contains(0x0a) && !plaintext.contains(0x0d) else {
            return "plaintext contains a line break (use --hex)"
        }
        output.append(contentsOf: plaintext)
        return nil
    }
}

/// Ciphertext text to plaintext bytes, with the diagnosis's findings as hints when it fails.
enum CipherInput {
    /// Decrypts `text` (strict base64) with `cipher`; on failure a bad-data failure whose hints name the
    /// known mistakes that reproduce the value (`PasswordDiagnosis`, without an expected password).
    ///
    /// `key`/`iv` are the material as the user gave it (a 32-hex-digit text key is diagnosed only from its
    /// text); by default the cipher's bytes. `customKey` is kept for callers; the diagnosis compares keys itself.
    static func decrypt(
        _ text: [UInt8], with cipher: PasswordCipher, customKey: Bool, line: Int?,
        key: KeyMaterial? = nil, iv: KeyMaterial? = nil, diagnose: Bool = true
    ) throws(Failure) -> [UInt8] {
        do { return try PasswordDecryption.decrypt(text, with: cipher, key: key, iv: iv, diagnose: diagnose) } catch {
            throw Failure.badData((line.map { "line \($0): " } ?? "") + error.description, hints: error.hints)
        }
    }

    /// Hints for a plaintext that is not UTF-8: GBK text when it is, and how to see the bytes.
    static func plaintextHints(_ plaintext: [UInt8]) -> [String] {
        let legacy =
            PasswordDiagnosis.legacyCharset(of: plaintext, revealPlaintext: true).map { [$0.description] } ?? []
        return legacy + ["use --hex or --raw to see the bytes"]
    }
}
