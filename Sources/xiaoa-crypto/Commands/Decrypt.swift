import ArgumentParser
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto decrypt`: an API ciphertext back to the password.
struct Decrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decrypt a base64 ciphertext made with the API's password cipher.",
        discussion: """
            The plaintext is printed as UTF-8 text followed by a newline; use --hex or --raw for
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

    @Flag(help: "Print the key, IV, padded block(s), ciphertext hex and base64.")
    var explain = false

    func validate() throws {
        if hex && raw { throw ValidationError("give --hex or --raw, not both") }
        if batch && (base64 != nil || explain || raw) { throw ValidationError("--batch reads one ciphertext per stdin line; drop BASE64, --raw and --explain") }
    }

    func run() throws {
        let cipher = try cipher.makeCipher()
        if batch { return try runBatch(cipher) }
        let input: [UInt8]
        if let base64 { input = Array(base64.utf8) } else { input = try IO.readValueFromStdin(what: "ciphertext") }
        let plaintext = try CipherInput.decrypt(input, with: cipher, customKey: self.cipher.isCustom, line: nil)
        let out = OutputBuffer()
        if explain {
            CipherExplain.write(cipher.explain(plaintext), to: out)
            return
        }
        if raw { return out.write(plaintext) }
        if hex { return out.writeLine(Hex.encode(plaintext)) }
        guard let text = String(validating: plaintext, as: UTF8.self) else {
            throw Failure.badData("plaintext is not valid UTF-8 (\(plaintext.count) bytes)", hints: ["use --hex or --raw to see the bytes"])
        }
        out.writeLine(text)
    }

    private func runBatch(_ cipher: PasswordCipher) throws(Failure) {
        let out = OutputBuffer()
        var errors = BatchErrors()
        let customKey = self.cipher.isCustom
        let hex = self.hex
        try LineReader().forEachLine { line, number throws(Failure) in
            let plaintext: [UInt8]
            do throws(Failure) {
                plaintext = try CipherInput.decrypt(Array(line), with: cipher, customKey: customKey, line: number)
            } catch {
                errors.record(line: number, error.message, output: out)
                return
            }
            if hex {
                out.write(Hex.encode(plaintext).utf8)
            } else {
                guard String(validating: plaintext, as: UTF8.self) != nil else {
                    errors.record(line: number, "plaintext is not valid UTF-8 (use --hex)", output: out)
                    return
                }
                guard !plaintext.contains(0x0a) && !plaintext.contains(0x0d) else {
                    errors.record(line: number, "plaintext contains a line break (use --hex)", output: out)
                    return
                }
                out.write(plaintext)
            }
            out.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
        out.flush()
        try errors.finish()
    }
}

/// Ciphertext text to plaintext bytes, with the hints a debugging user needs when it fails.
enum CipherInput {
    static func decrypt(_ text: [UInt8], with cipher: PasswordCipher, customKey: Bool, line: Int?) throws(Failure) -> [UInt8] {
        let prefix = line.map { "line \($0): " } ?? ""
        let ciphertext: [UInt8]
        do throws(PasswordCipherError) {
            guard let string = String(validating: text, as: UTF8.self) else {
                throw PasswordCipherError(.invalidBase64, detail: "not UTF-8 text")
            }
            ciphertext = try Base64Strict.decode(string)
            return try cipher.decrypt(ciphertext)
        } catch {
            throw Failure.badData(prefix + error.description, hints: hints(for: error, text: text, customKey: customKey))
        }
    }

    /// Hints for the usual ways a ciphertext gets damaged on its way to us.
    static func hints(for error: PasswordCipherError, text: [UInt8], customKey: Bool) -> [String] {
        var hints: [String] = []
        switch error.code {
        case .invalidBase64:
            if text.contains(UInt8(ascii: " ")) {
                hints.append("a space where base64 has '+': the value was probably form- or URL-decoded; put the '+' back")
            }
            if text.contains(UInt8(ascii: "-")) || text.contains(UInt8(ascii: "_")) {
                hints.append("'-' or '_' is the URL-safe base64 alphabet; the API uses the standard one ('+' and '/')")
            }
            if text.contains(UInt8(ascii: "%")) {
                hints.append("'%' looks URL-encoded; decode it once (%2B is '+', %2F is '/', %3D is '=')")
            }
            if !text.contains(UInt8(ascii: "=")) && text.count % 4 != 0 {
                hints.append("the '=' padding may have been stripped; standard base64 keeps it")
            }
            if text.contains(0x0a) || text.contains(0x0d) {
                hints.append("line breaks inside the value: join the base64 into one line")
            }
        case .invalidLength:
            hints.append("AES ciphertexts are whole 16-byte blocks; the value was probably cut or is not an AES-128-CBC ciphertext")
        case .decryptionFailed:
            if !customKey {
                hints.append("with the vendor's key (xiaoa zero-padded to 16 bytes) and IV 1234567890123456 the padding is wrong: the value was made with another key or IV, or was altered")
            } else {
                hints.append("wrong key or IV for this ciphertext, or the ciphertext was altered")
            }
        case .invalidKeyMaterial, .libcrypto:
            break
        }
        return hints
    }
}
