public import ArgumentParser
public import XiaoaCommandLine

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How every binary of the tool ends on an error, so that `xiaoa-crypto`, `xiaoa-crypto-serve` and
/// `xiaoa-crypto-call` keep one contract: a ``Failure`` is its `error:` line and hints, with its status; a usage
/// error is one `error:` line (in the chosen language) and a hint naming `--help`, exit 64; help and version text
/// go to stdout through ``IO`` (so a failed write is reported), exit 0; anything else is the parser's own ending.
public enum CommandEnding {
    /// Ends the process for `error`, thrown while parsing or running a command of `Root`; `help` names the
    /// command whose `--help` the usage hint points to (`xiaoa-crypto`, `xiaoa-crypto serve`).
    public static func exit<Root: ParsableCommand>(with error: any Error, root: Root.Type, help: String) -> Never {
        if let failure = error as? Failure { end(failure) }
        let code = Root.exitCode(for: error)
        // Help, version and completion scripts are "errors" to the parser. Print its text ourselves (what its
        // exit(withError:) prints, through stdio that would hide a failed write) so a full disk is reported.
        if code == .success {
            let text = Root.fullMessage(for: error)
            if !text.isEmpty {
                do { try IO.write(1, text + "\n", what: "stdout") } catch { end(error) }
            }
            Self.exit(status: 0)
        }
        if code.rawValue == Failure.Status.usage.rawValue || code == .validationFailure {
            let message = Root.message(for: error)
            end(Failure(.usage, lowercasedFirst(message), hints: ["see '\(help) --help' or '<command> --help'"]))
        }
        Root.exit(withError: error)
    }

    /// The `main` of an async binary (`xiaoa-crypto-serve`, `xiaoa-crypto-call`): chooses the language of the
    /// messages first (`--lang`, `XIAOA_LANG`, the locale) so that a usage error is in it too, then parses and runs
    /// the command, and ends as ``exit(with:root:help:)`` says.
    public static func main<Root: AsyncParsableCommand>(_ root: Root.Type, help: String) async {
        IO.language = LanguageOptions.resolve(CommandLine.arguments.dropFirst())
        do {
            var command = try Root.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error, root: Root.self, help: help)
        }
    }

    /// Reports `failure` (its `error:` line and hints) and exits with its status.
    public static func end(_ failure: Failure) -> Never {
        failure.report()
        exit(status: failure.status.rawValue)
    }

    private static func exit(status: Int32) -> Never {
        #if canImport(Glibc)
            Glibc.exit(status)
        #elseif canImport(Musl)
            Musl.exit(status)
        #else
            Darwin.exit(status)
        #endif
    }

    /// The parser's messages start with a capital ("Missing expected argument"); ours are lower-case after
    /// `error:`. An acronym ("URL …") stays as it is.
    private static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first, first.isUppercase, text.dropFirst().first?.isLowercase ?? true else {
            return text
        }
        return first.lowercased() + text.dropFirst()
    }
}
