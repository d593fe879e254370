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
        do {
            if try !FastPath.run(CommandLine.arguments.dropFirst()) {
                var command = try XiaoaCrypto.parseAsRoot()
                try command.run()
            }
        } catch {
            thrown = error
        }
        // A buffer released without a flush (on the way out, or by a command that threw) failed first.
        if let lost = IO.takeLostOutput() { report(lost) }
        guard let error = thrown else { return }
        if let failure = error as? Failure { report(failure) }
        let code = XiaoaCrypto.exitCode(for: error)
        // Help, version and completion scripts are "errors" to the parser. Print its text ourselves (what its
        // exit(withError:) prints, through stdio that would hide a failed write) so a full disk is reported.
        if code == .success {
            let text = XiaoaCrypto.fullMessage(for: error)
            if !text.isEmpty {
                do { try IO.write(1, text + "\n", what: "stdout") } catch { report(error) }
            }
            exit(0)
        }
        if code.rawValue == Failure.Status.usage.rawValue || code == .validationFailure {
            let message = XiaoaCrypto.message(for: error)
            report(
                Failure(.usage, lowercasedFirst(message), hints: ["see 'xiaoa-crypto --help' or '<command> --help'"]))
        }
        XiaoaCrypto.exit(withError: error)
    }

    static func report(_ failure: Failure) -> Never {
        failure.report()
        exit(failure.status.rawValue)
    }

    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}
