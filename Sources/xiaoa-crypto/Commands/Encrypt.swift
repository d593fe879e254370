import ArgumentParser
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto encrypt`: a password to the API's base64 ciphertext.
struct Encrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encrypt a password as the API expects: AES-128-CBC, PKCS#7, base64.",
        discussion: """
            Without TEXT the password is read from stdin (one trailing newline is dropped), so it stays \
            out of the process list and shell history.

            Examples:
              echo 123456 | xiaoa-crypto encrypt          # HHAEEXzBXY4FmXo0mOQ8Hw==
              xiaoa-crypto encrypt --password-env PW
              xiaoa-crypto encrypt --explain 123456
              xiaoa-crypto encrypt --batch < passwords.txt > ciphertexts.txt
            """)

    @Argument(help: "The plaintext (default: read stdin).")
    var text: String?

    @Option(
        name: .customLong("password-env"),
        help: ArgumentHelp("Read the plaintext from this environment variable.", valueName: "name"))
    var passwordEnv: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("Read the plaintext from this file (one trailing newline dropped).", valueName: "path"))
    var passwordFile: String?

    @OptionGroup var cipher: CipherOptions

    @Flag(help: "Encrypt each stdin line; print one base64 line per input line, in order.")
    var batch = false

    @OptionGroup var batchOptions: BatchOptions

    @Flag(help: "Print the key, IV, padded block(s), ciphertext hex and base64.")
    var explain = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        let sources = [text != nil, passwordEnv != nil, passwordFile != nil].filter { $0 }.count
        if sources > 1 { throw ValidationError("give the plaintext one way: TEXT, --password-env or --password-file") }
        if batch && (sources > 0 || explain) {
            throw ValidationError("--batch reads one plaintext per stdin line; drop TEXT and --explain")
        }
    }

    func run() throws {
        if batch {
            let options = cipher
            return try Batch.run(options: batchOptions) { () throws(Failure) in
                EncryptLine(cipher: try options.makeCipher())
            }
        }
        if !self.cipher.isCustom && !explain && passwordEnv == nil && passwordFile == nil {
            return try Self.runPlain(text: text)
        }
        let cipher = try cipher.makeCipher()
        let plaintext = try SecretSource(
            argument: text, environment: passwordEnv, file: passwordFile, what: "plaintext"
        ).resolve()
        let out = OutputBuffer()
        if explain {
            CipherExplain.write(cipher.explain(plaintext), to: out)
            return
        }
        out.writeLine(Base64Strict.encode(cipher.encrypt(plaintext)))
    }

    /// The plain form: the vendor's key and IV, the plaintext from the argument or stdin.
    static func runPlain(text: String?) throws(Failure) {
        let plaintext = try SecretSource(argument: text, environment: nil, file: nil, what: "plaintext").resolve()
        OutputBuffer().writeLine(Base64Strict.encode(PasswordCipher.vendor.encrypt(plaintext)))
    }
}

/// `encrypt --batch`: one plaintext per line to one base64 ciphertext per line.
struct EncryptLine: LineOperation {
    let cipher: PasswordCipher

    mutating func process(_ line: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) -> String? {
        cipher.encryptBase64(UnsafeRawBufferPointer(line), appendingTo: &output)
        return nil
    }
}

/// The `--explain` listing of the cipher's steps, shared by encrypt and decrypt.
enum CipherExplain {
    static func write(_ steps: CipherSteps, to out: OutputBuffer) {
        out.writeLine("key         \(Hex.encode(steps.key))")
        out.writeLine("iv          \(Hex.encode(steps.iv))")
        out.writeLine("plaintext   \(Hex.encode(steps.plaintext))   (\(steps.plaintext.count) bytes)")
        for (index, start) in stride(from: 0, to: steps.padded.count, by: 16).enumerated() {
            let label = index == 0 ? "padded      " : "            "
            out.writeLine(label + Hex.encode(steps.padded[start..<start + 16]) + "   (block \(index + 1))")
        }
        out.writeLine("ciphertext  \(Hex.encode(steps.ciphertext))")
        out.writeLine("base64      \(steps.base64)")
    }
}
