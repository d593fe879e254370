import ArgumentParser
import XiaoaAPI
import XiaoaCipher
import XiaoaPrimitives

/// `xiaoa-crypto verify password`: does this ciphertext decrypt to the password I think?
struct VerifyPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Check that a ciphertext decrypts to an expected password.",
        discussion: """
            The expected password is compared in constant time and never printed. On a mismatch, a hint line \
            names each known mistake that reproduces the ciphertext from the expected password (see diagnose \
            password); with --format json the verdict and findings go to stdout as data.

            Examples:
              echo 123456 | xiaoa-crypto verify password \\
                  --ciphertext HHAEEXzBXY4FmXo0mOQ8Hw== --expect-stdin
              xiaoa-crypto verify password --ciphertext "$C" --expect-env PW
            """)

    @Option(help: "The base64 ciphertext.")
    var ciphertext: String

    @OptionGroup var expected: ExpectedPasswordOptions

    @OptionGroup var cipher: CipherOptions

    @Option(help: "Output format: text, or json (the verdict and findings as data on stdout).")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if expected.sourcesGiven != 1 {
            throw ValidationError("give the expected password one way: --expect, --expect-stdin or --expect-env")
        }
    }

    func run() throws {
        let cipher = try cipher.makeCipher()
        let expected = try self.expected.resolve() ?? []
        var failure: Failure?
        do {
            let plaintext = try CipherInput.decrypt(
                Array(ciphertext.utf8), with: cipher, customKey: self.cipher.isCustom, line: nil, diagnose: false)
            if !ConstantTime.equals(plaintext, expected) {
                failure = Failure(
                    .mismatch,
                    "password mismatch: the ciphertext decrypts to a different value (\(plaintext.count) bytes, "
                        + "expected \(expected.count))"
                )
            }
        } catch {
            // A padding failure answers the question: this ciphertext is not that password under this key.
            let isPaddingFailure = error.status == .badData && error.message.hasPrefix("decryption failed")
            failure = isPaddingFailure ? Failure(.mismatch, error.message) : error
        }
        guard var failure else {
            if format == .json { return try FindingOutput.writeJSON(PasswordDiagnosisReport.correct.json()) }
            return OutputBuffer().writeLine("ok")
        }
        // Name the mistake against the expected password; never show plaintext bytes here.
        let report = PasswordDiagnosis.diagnose(
            ciphertext: ciphertext, expected: expected, key: self.cipher.keyMaterial, iv: self.cipher.ivMaterial,
            revealPlaintext: false)
        if format == .json {
            try FindingOutput.writeJSON(report.json(error: failure.message))
        } else {
            failure.hints = FindingOutput.hints(report.findings)
        }
        throw failure
    }
}

/// Where the expected password comes from: argv (with a warning), stdin or an environment variable.
struct ExpectedPasswordOptions: ParsableArguments {
    @Option(help: "The expected password (visible in the process list; prefer --expect-stdin).")
    var expect: String?

    @Flag(
        name: .customLong("expect-stdin"), help: "Read the expected password from stdin (one trailing newline dropped)."
    )
    var expectStdin = false

    @Option(
        name: .customLong("expect-env"),
        help: ArgumentHelp("Read the expected password from this environment variable.", valueName: "name"))
    var expectEnv: String?

    /// How many of the three ways were used.
    var sourcesGiven: Int { [expect != nil, expectStdin, expectEnv != nil].filter { $0 }.count }

    /// The expected password's bytes, or nil when none was given.
    func resolve() throws(Failure) -> [UInt8]? {
        guard sourcesGiven > 0 else { return nil }
        return try SecretSource(argument: expect, environment: expectEnv, file: nil, what: "expected password")
            .resolve()
    }
}
