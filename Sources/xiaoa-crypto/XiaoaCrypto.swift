import ArgumentParser

#if canImport(Glibc)
    import Glibc
#endif

/// The root command: a thin front over the xiaoa-crypto libraries.
struct XiaoaCrypto: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiaoa-crypto",
        abstract: "Sign, encrypt, verify and diagnose values of the Xiao A voice-platform developer API.",
        discussion: """
            Exit status: 0 ok, 1 verification mismatch, 64 usage error, 65 bad input data, 66 input file missing,
            74 output could not be written.
            Errors go to stderr as one line starting with "error:", followed by "hint:" lines where one fits.
            """,
        version: "0.1.0",
        subcommands: [
            Sign.self, Encrypt.self, Decrypt.self, Verify.self, Diagnose.self, Body.self, Canonicalize.self, Codes.self,
            Vectors.self, Serve.self, Proxy.self, Call.self,
        ])
}

@main
enum Main {
    /// Runs the command; the only place that exits with a status other than 0 (failures are thrown up to here).
    static func main() {
        var thrown: (any Error)?
        // The language first, so that every message, a usage error included, is in it.
        IO.language = LanguageOptions.resolve(CommandLine.arguments.dropFirst())
        do {
            if try !FastPath.run(CommandLine.arguments.dropFirst()) {
                var command = try XiaoaCrypto.parseAsRoot()
                try command.run()
            }
        } catch {
            thrown = error
        }
        // A buffer released without a flush (on the way out, or by a command that threw) failed first.
        if let lost = IO.takeLostOutput() { CommandEnding.end(lost) }
        guard let error = thrown else { return }
        CommandEnding.exit(with: error, root: XiaoaCrypto.self, help: "xiaoa-crypto")
    }
}
