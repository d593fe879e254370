import ArgumentParser
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto encrypt`: a password to the API's base64 ciphertext.
struct Encrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encrypt a password as the API expects: AES-128-CBC, PKCS#7, base64.",
        discussion: """
            Without TEXT the password is read from stdin (one trailing newline is dropped), so it stays
            out of the process list and shell history.

            Examples:
              echo 123456 | xiaoa-crypto encrypt          # HHAEEXzBXY4FmXo0mOQ8Hw==
              xiaoa-crypto encrypt --password-env PW
              xiaoa-crypto encrypt --explain 123456
              xiaoa-crypto encrypt --batch < passwords.txt > ciphertexts.txt
            """)

    @Argument(help: "The plaintext (default: read stdin).")
    var text: String?

    @Option(name: .customLong("password-env"), help: ArgumentHelp("Read the plaintext from this environment variable.", valueName: "name"))
    var passwordEnv: String?

    @Option(name: .customLong("password-file"), help: ArgumentHelp("Read the plaintext from this file (one trailing newline dropped).", valueName: "path"))
    var passwordFile: String?

    @OptionGroup var cipher: CipherOptions

    @Flag(help: "Encrypt each stdin line; print one base64 line per input line, in order.")
    var batch = false

    @Flag(help: "Print the key, IV, padded block(s), ciphertext hex and base64.")
    var explain = false

    func validate() throws {
        let sources = [text != nil, passwordEnv != nil, passwordFile != nil].filter { $0 }.count
        if sources > 1 { throw ValidationError("give the plaintext one way: TEXT, --password-env or --password-file") }
        if batch && (sources > 0 || explain) { throw ValidationError("--batch reads one plaintext per stdin line; drop TEXT and --explain") }
    }

    func run() throws {
        let cipher = try cipher.makeCipher()
        if batch { return try runBatch(cipher) }
        let plaintext = try SecretSource(argument: text, environment: passwordEnv, file: passwordFile, what: "plaintext").resolve()
        let out = OutputBuffer()
        if explain {
            CipherExplain.write(cipher.explain(plaintext), to: out)
            return
        }
        out.writeLine(Base64Strict.encode(cipher.encrypt(plaintext)))
    }

    private func runBatch(_ cipher: PasswordCipher) throws(Failure) {
        let out = OutputBuffer()
        try LineReader().forEachLine { line, _ in
            out.write(Base64Strict.encode(cipher.encrypt(line)).utf8)
            out.write(CollectionOfOne(UInt8(ascii: "\n")))
        }
        out.flush()
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
