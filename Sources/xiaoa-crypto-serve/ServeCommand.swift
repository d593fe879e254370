import ArgumentParser
import XiaoaAPI
import XiaoaCommandLine
import XiaoaCommandOptions
import XiaoaServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `xiaoa-crypto serve`: the local stand-in for the Xiao A API. A binary of its own (Hummingbird, GRDB and
/// Foundation would slow every start of the main tool); `xiaoa-crypto serve …` executes it.
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiaoa-crypto serve",
        abstract:
            "Run a local stand-in for the Xiao A API: POST /assoc/add, /assoc/login, /assoc/delete, /assoc/update.",
        discussion: """
            Without a subcommand, runs the server (the options of 'run'). Point a client at \
            http://127.0.0.1:8088/. 'proxy' (also 'xiaoa-crypto proxy') runs the debugging proxy instead.

            Examples:
              xiaoa-crypto serve
              xiaoa-crypto serve --db xiaoa.sqlite --domain-key abc --max-skew 300 --log -
              echo 123456 | xiaoa-crypto serve users add xa --db xiaoa.sqlite
              xiaoa-crypto proxy --upstream http://127.0.0.1:8088 --log -
            """,
        subcommands: [Run.self, Users.self, Proxy.self],
        defaultSubcommand: Run.self)

    /// One ending for every binary of the tool (``CommandEnding``): `error:` lines in the chosen language.
    static func main() async {
        ServerExecutor.useEventLoops()
        await CommandEnding.main(Self.self, help: "xiaoa-crypto serve")
    }
}

/// `serve [run]`: the server itself.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the stand-in server (the default).",
        discussion: """
            Answers {"code","message","data"} with the vendor's codes and messages, from SQLite (in memory \
            unless --db). Rejected answers name their causes in the X-Xiaoa-Findings header; --explain puts the \
            checks, the findings and the expected sign steps into data. The request log (--log) has one JSON line \
            per request, secrets masked.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port).")
    var port = 8088

    @Option(
        name: .customLong("db"),
        help: ArgumentHelp("The SQLite database file; in memory when not given.", valueName: "path"))
    var databasePath: String?

    @OptionGroup var knownKeys: KnownDomainKeyOptions

    @Option(
        help: ArgumentHelp(
            "Refuse timestamps more than this many seconds from the server's clock (10001).", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp(
            "Write the request log (one JSON line per request) to a file, or - for stdout.", valueName: "path"))
    var logPath: String?

    @Flag(help: "Put the checks, findings and expected sign steps into data of rejected answers.")
    var explain = false

    @Option(
        name: .customLong("login-url"),
        help: ArgumentHelp(
            "The start of the URL /assoc/login answers (default: this server's /login).", valueName: "url"))
    var loginURL: String?

    @Option(help: ArgumentHelp("How long a login token stays valid.", valueName: "seconds"))
    var tokenLifetime: Int64 = 600

    @Option(help: ArgumentHelp("PBKDF2-HMAC-SHA-256 rounds for stored password hashes.", valueName: "n"))
    var pbkdf2Iterations = PasswordHash.defaultIterations

    @OptionGroup var idleTimeout: IdleTimeoutOption

    @Flag(help: "Do not serve the debugging console at GET /.")
    var noConsole = false

    @Flag(help: "Serve the debugging console to every client, not only to clients on this machine (loopback).")
    var consoleAnywhere = false

    @Flag(help: .hidden)
    var benchRoutes = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard pbkdf2Iterations > 0 else { throw ValidationError("--pbkdf2-iterations must be positive") }
        if noConsole && consoleAnywhere { throw ValidationError("give --no-console or --console-anywhere, not both") }
    }

    func run() async throws {
        // A request log on a closed pipe must not end the server: its failed writes are counted (EPIPE) instead.
        signal(SIGPIPE, SIG_IGN)
        let keys = try Fail.guarding { try knownKeys.resolve() }
        var configuration = ServerConfiguration(
            host: host, port: port, databasePath: databasePath, domainKeys: keys, maxSkew: maxSkew, logPath: logPath,
            explain: explain, benchRoutes: benchRoutes, loginBaseURL: loginURL, tokenLifetime: tokenLifetime,
            pbkdf2Iterations: pbkdf2Iterations, console: noConsole ? nil : consoleAnywhere ? .anywhere : .loopback,
            idleTimeout: idleTimeout.timeout)
        configuration.language = IO.language
        let app = try await Fail.guardingAsync {
            try await buildApplication(
                configuration,
                setup: { setup in
                    for notice in setup.notices { IO.printError(notice) }
                    IO.printError("domain keys: \(setup.domainKeys.count) known")
                },
                onListening: { host, port in
                    IO.printError("listening on http://\(host.contains(":") ? "[\(host)]" : host):\(port)/")
                })
        }
        do {
            try await app.runService()
        } catch {
            IO.printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}

/// Turning ``ServerError`` and ``Failure`` into one `error:` line on stderr and the contract's exit status, which
/// ArgumentParser's `main` exits with.
enum Fail {
    static func guardingAsync<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as ServerError {
            throw exitCode(for: error)
        } catch let failure as Failure {
            throw exitCode(for: failure)
        }
    }

    static func guarding<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ServerError {
            throw exitCode(for: error)
        } catch let failure as Failure {
            throw exitCode(for: failure)
        }
    }

    /// Reports `error` and returns the status to exit with.
    static func exitCode(for error: ServerError) -> ExitCode {
        switch error.kind {
        case .badInput: return exitCode(for: Failure(.badData, error.reason))
        case .noInput: return exitCode(for: Failure(.noInput, error.reason))
        case .internalFailure:
            IO.printError("error: \(error.reason)")
            return .failure
        }
    }

    /// Reports `failure` and returns the status to exit with.
    static func exitCode(for failure: Failure) -> ExitCode {
        failure.report()
        return ExitCode(failure.status.rawValue)
    }
}
