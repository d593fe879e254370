import ArgumentParser
import XiaoaAPI
import XiaoaCipher

/// `xiaoa-crypto diagnose password`: which mistake gives this ciphertext?
struct DiagnosePassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Name the mistake behind a password ciphertext that does not decrypt (to the expected password).",
        discussion: """
            With an expected password, a candidate mistake counts only when it reproduces that password \
            exactly; without one, when it decrypts to plausible UTF-8 text. Findings may show plaintext bytes \
            (a GBK password in both spellings): this is a debugging command; verify password never does. \
            Exit 0 when the value is right, 1 when not.

            Examples:
              xiaoa-crypto diagnose password --ciphertext 'HHAEEXzBXY4FmXo0mOQ8Hw'
              echo 123456 | xiaoa-crypto diagnose password \\
                  --ciphertext 'Y0ym+5zCLfPCJrJ7jvUQlg==' --expect-stdin
              xiaoa-crypto diagnose password --ciphertext-file wrapped.txt --format json
            """)

    @Option(help: "The ciphertext as received (spaces, line breaks and all).")
    var ciphertext: String?

    @Option(
        name: .customLong("ciphertext-file"),
        help: ArgumentHelp(
            "Read the ciphertext from this file, or - for stdin (one trailing line end dropped).", valueName: "path"))
    var ciphertextFile: String?

    @OptionGroup var expectedPassword: ExpectedPasswordOptions

    @OptionGroup var cipher: CipherOptions

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if (ciphertext == nil) == (ciphertextFile == nil) {
            throw ValidationError("give the ciphertext one way: --ciphertext or --ciphertext-file")
        }
        if expectedPassword.sourcesGiven > 1 {
            throw ValidationError(
                "give the expected password at most one way: --expect, --expect-stdin or --expect-env")
        }
        if expectedPassword.expectStdin && ciphertextFile == "-" {
            throw ValidationError("stdin cannot hold both the ciphertext and the expected password")
        }
    }

    func run() throws {
        let text = try ciphertextText()
        let expected = try expectedPassword.resolve()
        let report = PasswordDiagnosis.diagnose(
            ciphertext: text, expected: expected, key: cipher.keyMaterial, iv: cipher.ivMaterial, revealPlaintext: true)
        switch format {
        case .text:
            let out = OutputBuffer()
            let what = expected == nil ? "UTF-8 text" : "the expected password"
            out.writeLine(
                FindingOutput.say(
                    report.isCorrect
                        ? "ok: the ciphertext decrypts to \(what)" : "wrong: the ciphertext does not decrypt to \(what)"
                ))
            if report.findings.isEmpty { out.writeLine(FindingOutput.say("no finding")) }
            FindingOutput.writeText(report.findings, to: out)
            try out.flush()
        case .json:
            try FindingOutput.writeJSON(report.json())
        }
        if !report.isCorrect { throw ExitCode(Failure.Status.mismatch.rawValue) }
    }

    private func ciphertextText() throws(Failure) -> String {
        if let ciphertext { return ciphertext }
        var bytes = try IO.readFile(ciphertextFile ?? "-", limit: 1 << 20)
        if bytes.last == UInt8(ascii: "\n") {
            bytes.removeLast()
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Failure.badData(
                "the ciphertext is not UTF-8 text", hints: ["a base64 ciphertext is ASCII; check the file"])
        }
        return text
    }
}
