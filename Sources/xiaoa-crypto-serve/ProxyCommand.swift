import ArgumentParser
import XiaoaAPI
import XiaoaCommandLine
import XiaoaCommandOptions
import XiaoaProxy
import XiaoaServer

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `proxy` (`xiaoa-crypto proxy …`): the debugging reverse proxy. Reads its options and runs ``ProxyServer``.
struct Proxy: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a debugging proxy in front of the Xiao A API or the stand-in.",
        usage: "xiaoa-crypto proxy --upstream <url> [<options>]",
        discussion: """
            Point the app at this proxy instead of the API's base URL. Every request goes to --upstream \
            unchanged (method, path and query, body bytes, headers but the hop-by-hop ones, Host set to the \
            upstream's) and the answer comes back unchanged. Calls of /assoc/add, /assoc/login, /assoc/delete and \
            /assoc/update (under any base path) are checked as 'verify har' does: one line each on stderr, one \
            JSON line in the request log (--log) with the predicted code beside the upstream's, secrets masked. \
            No answer: 502; slower than --timeout: 504, with a JSON body naming the cause. The console at \
            http://127.0.0.1:PORT/ shows recent requests.

            Examples:
              xiaoa-crypto proxy --upstream http://127.0.0.1:8088 --domain-key demo
              xiaoa-crypto proxy --upstream https://api.example.com/v1 \\
                --domain-keys keys.txt --har session.har --log proxy.log
            """)

    @Option(help: ArgumentHelp("The base URL requests are forwarded to (http or https).", valueName: "url"))
    var upstream: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The TCP port (0: any free port).")
    var port = ProxyConfiguration.defaultPort

    @Option(
        name: .customLong("har"),
        help: ArgumentHelp("Record the session as HAR 1.2 to this file (created with mode 0600).", valueName: "path"))
    var harPath: String?

    @Option(
        name: .customLong("log"),
        help: ArgumentHelp(
            "Write the request log (a JSON line per API call or failure) to a file, or - for stdout.",
            valueName: "path"))
    var logPath: String?

    /// The keys requests are checked against (`demo`, the stand-in's, when none is given).
    @OptionGroup var knownKeys: KnownDomainKeyOptions

    @Option(
        help: ArgumentHelp(
            "Predict 10001 for timestamps more than this many seconds from this machine's clock.",
            valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: ArgumentHelp("How long the upstream may take to answer (504 after).", valueName: "seconds"))
    var timeout = ProxyConfiguration.defaultTimeout

    @Flag(help: "Add the proxy's findings to answers of API calls in X-Xiaoa-Findings (off: transparent).")
    var annotate = false

    @OptionGroup var idleTimeout: IdleTimeoutOption

    @Flag(help: "Do not serve the debugging console (GET / and /console/ are forwarded too).")
    var noConsole = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be positive") }
        do { _ = try UpstreamURL(upstream) } catch { throw ValidationError(error.description) }
    }

    func run() async throws {
        // A request log on a closed pipe must not end the proxy: its failed writes are counted (EPIPE) instead.
        signal(SIGPIPE, SIG_IGN)
        let keys = try Fail.guarding { try knownKeys.resolve() }
        let upstreamURL = try UpstreamURL(upstream)
        var configuration = ProxyConfiguration(
            upstream: upstreamURL, host: host, port: port, harPath: harPath, logPath: logPath, domainKeys: keys,
            maxSkew: maxSkew, timeout: timeout, annotate: annotate, console: noConsole ? nil : .loopback,
            idleTimeout: idleTimeout.timeout)
        configuration.language = IO.language
        let proxy = try Fail.guarding { try ProxyServer(configuration) }
        for notice in proxy.notices { IO.printError(notice) }
        do {
            try await proxy.run { host, port in
                let address = host.contains(":") ? "[\(host)]" : host
                IO.printError("listening on http://\(address):\(port)/, forwarding to \(upstreamURL)")
            }
        } catch {
            IO.printError("error: \(error)")
            throw ExitCode.failure
        }
    }
}
