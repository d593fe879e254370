import ArgumentParser
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto verify password`: does this ciphertext decrypt to the password I think?
struct VerifyPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Check that a ciphertext decrypts to an expected password.",
        discussion: """
            The expected password is compared in constant time and never printed.

            Examples:
              echo 123456 | xiaoa-crypto verify password --ciphertext HHAEEXzBXY4FmXo0mOQ8Hw== --expect-stdin
              xiaoa-crypto verify password --ciphertext "$C" --expect-env PW
            """)

    @Option(help: "The base64 ciphertext.")
    var ciphertext: String

    @Option(help: "The expected password (visible in the process list; prefer --expect-stdin).")
    var expect: String?

    @Flag(name: .customLong("expect-stdin"), help: "Read the expected password from stdin (one trailing newline dropped).")
    var expectStdin = false

    @Option(name: .customLong("expect-env"), help: ArgumentHelp("Read the expected password from this environment variable.", valueName: "name"))
    var expectEnv: String?

    @OptionGroup var cipher: CipherOptions

    func validate() throws {
        let given = [expect != nil, expectStdin, expectEnv != nil].filter { $0 }.count
        if given != 1 { throw ValidationError("give the expected password one way: --expect, --expect-stdin or --expect-env") }
    }

    func run() throws {
        let cipher = try cipher.makeCipher()
        let expected = try SecretSource(argument: expect, environment: expectEnv, file: nil, what: "expected password").resolve()
        let plaintext: [UInt8]
        do {
            plaintext = try CipherInput.decrypt(Array(ciphertext.utf8), with: cipher, customKey: self.cipher.isCustom, line: nil)
        } catch {
            // A padding failure answers the question: this ciphertext is not that password under this key.
            let isPaddingFailure = error.status == .badData && error.message.hasPrefix("decryption failed")
            throw isPaddingFailure ? Failure(.mismatch, error.message, hints: error.hints) : error
        }
        guard ConstantTime.equals(plaintext, expected) else {
            var hints: [String] = []
            if plaintext.count == expected.count + 1, plaintext.last == 0x0a, ConstantTime.equals(plaintext.dropLast(), expected) {
                hints.append("the ciphertext's plaintext ends with a newline: the client encrypted the password with its line end")
            }
            throw Failure(.mismatch, "password mismatch: the ciphertext decrypts to a different value (\(plaintext.count) bytes, expected \(expected.count))", hints: hints)
        }
        OutputBuffer().writeLine("ok")
    }
}
