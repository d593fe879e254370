import ArgumentParser
import XiaoaAPI
import XiaoaClient
import XiaoaCommandLine
import XiaoaJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `xiaoa-crypto call`: sends one request with ``XiaoaClient`` and prints the vendor's answer. A binary of its own
/// (AsyncHTTPClient, SwiftNIO and Foundation would slow every start of the main tool); `xiaoa-crypto call …`
/// executes it.
@main
struct CallCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiaoa-crypto call",
        abstract: "Send one request to the Xiao A API (or the stand-in) and print the answer.",
        discussion: """
            Builds the body like 'xiaoa-crypto body' (signed now, passwords encrypted, canonical JSON), POSTs it \
            to --base-url and prints the code, the vendor's message, its meaning and data (assoc/login: the \
            URL). Passwords come from stdin by default (assoc/update: two lines, old then new), or from \
            --password-env / --password-file. On a rejection, what the client can tell and the local diagnosis \
            of what was sent follow as hint: lines. Nothing is retried.

            Exit status: 0 code 0, 1 the vendor refused (any other code), 64 usage error, 65 bad input, \
            69 the server cannot be reached or does not answer in time, 76 the answer is not the vendor's JSON \
            (or HTTP status not 200).

            Examples:
              echo 123456 | xiaoa-crypto call assoc/add \\
                  --base-url http://127.0.0.1:8088 --domain-key demo \\
                  --user-name xa --c-username c1
              xiaoa-crypto call assoc/login --base-url http://127.0.0.1:8088 \\
                  --domain-key-env XIAOA_KEY --c-username c1 --redirect yxrw
              printf 'old\\nnew\\n' | xiaoa-crypto call assoc/update \\
                  --base-url http://127.0.0.1:8088 --domain-key demo \\
                  --user-name xa --c-username c1 --verbose
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(
        help: ArgumentHelp("The endpoint: assoc/add, assoc/login, assoc/delete or assoc/update.", valueName: "endpoint")
    )
    var endpointName: String

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The API's base URL.", valueName: "url"))
    var baseURL: String

    @OptionGroup var domainKey: CallDomainKeyOptions

    @Option(help: "Unix time in seconds to sign with (default: now).")
    var timestamp: Int64?

    @Option(name: .customLong("user-name"), help: "The Xiao A user name (user_name).")
    var userName: String?

    @Option(name: .customLong("c-username"), help: "The customer-system user name (c_username).")
    var cUsername: String?

    @Option(help: "assoc/login: the target page, yxrw or thls (empty for the home page).")
    var redirect: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password(s) from stdin (the default).")
    var passwordStdin = false

    @Option(
        name: .customLong("password-env"),
        help: ArgumentHelp(
            "Read the password from this environment variable (assoc/update: the new one).", valueName: "name"))
    var passwordEnv: String?

    @Option(
        name: .customLong("old-password-env"),
        help: ArgumentHelp("assoc/update: read the old password from this environment variable.", valueName: "name"))
    var oldPasswordEnv: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("Read the password(s) from this file, like stdin.", valueName: "path"))
    var passwordFile: String?

    @Option(help: "Output format: text, or json (the vendor's answer as received).")
    var format: Format = .text

    @Flag(name: .customLong("dry-run"), help: "Print the request (URL, headers, body) and send nothing.")
    var dryRun = false

    @Flag(help: "Show the request and the answer on stderr, domain key and passwords masked.")
    var verbose = false

    @Option(
        name: .customLong("connect-timeout"),
        help: ArgumentHelp("How long connecting may take.", valueName: "seconds"))
    var connectTimeout: Double = 5

    @Option(help: ArgumentHelp("How long the whole request may take.", valueName: "seconds"))
    var timeout: Double = 10

    func validate() throws {
        guard let endpoint = Endpoint(name: endpointName) else {
            throw ValidationError(
                "unknown endpoint \(endpointName); expected one of "
                    + "\(Endpoint.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw ValidationError("--base-url must start with http:// or https://")
        }
        if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
        guard connectTimeout > 0, timeout > 0 else { throw ValidationError("timeouts must be positive") }
        if endpoint != .login && userName == nil { throw ValidationError("\(endpoint.rawValue) needs --user-name") }
        if endpoint != .login && cUsername == nil { throw ValidationError("\(endpoint.rawValue) needs --c-username") }
        if endpoint != .login && redirect != nil { throw ValidationError("--redirect belongs to assoc/login") }
        if endpoint == .login && userName != nil { throw ValidationError("assoc/login has no user name") }
        if endpoint == .login && (passwordEnv != nil || passwordFile != nil || passwordStdin || oldPasswordEnv != nil) {
            throw ValidationError("assoc/login takes no password")
        }
        if endpoint != .update && oldPasswordEnv != nil {
            throw ValidationError("--old-password-env belongs to assoc/update")
        }
        if passwordEnv != nil && passwordFile != nil {
            throw ValidationError("give --password-env or --password-file, not both")
        }
    }

    func run() async throws {
        do {
            try await call()
        } catch let failure as Failure {
            failure.report()
            throw ExitCode(failure.status.rawValue)
        }
    }

    private func call() async throws {
        let endpoint = Endpoint(name: endpointName)!
        let key = try domainKey.resolve()
        let values = try methodValues(endpoint)
        let clock: @Sendable () -> Int64 = { [timestamp] in timestamp ?? XiaoaClient.Configuration.systemClock() }
        let timeouts = XiaoaClient.Timeouts(
            connect: .milliseconds(Int64(connectTimeout * 1000)), request: .milliseconds(Int64(timeout * 1000)))
        // Built without the HTTP client: nothing to shut down when the values are wrong or nothing is sent.
        let request: XiaoaRequest
        do {
            request = try XiaoaClient(baseURL: baseURL, domainKey: key, configuration: .init(clock: clock))
                .request(endpoint, values: values)
        } catch {
            throw Failure.badData(error.reason)
        }
        let out = OutputBuffer()
        if dryRun {
            out.writeLine("POST \(request.url)")
            for (name, value) in XiaoaRequest.headers { out.writeLine("\(name): \(value)") }
            out.writeLine("")
            out.writeLine(String(decoding: request.body, as: UTF8.self))
            try out.flush()
            return
        }
        if verbose { Transcript.request(request, domainKey: key) }
        let http = XiaoaClient.makeHTTPClient(timeouts: timeouts)
        let client = XiaoaClient(
            baseURL: baseURL, domainKey: key, configuration: .init(httpClient: http, clock: clock, timeouts: timeouts))
        let answer: XiaoaAnswer
        do {
            answer = try await client.send(request)
        } catch {
            try? await http.shutdown()
            throw Failure(
                error.isUnavailable ? .unavailable : .protocolError, error.description,
                hints: error.isUnavailable ? ["is the server running? (xiaoa-crypto serve --port N)"] : [])
        }
        try? await http.shutdown()
        if verbose { Transcript.answer(answer) }
        switch format {
        case .json:
            out.writeLine(answer.text)
        case .text:
            out.writeLine("code: \(answer.code)")
            out.writeLine("message: \(answer.message)")
            out.writeLine("meaning: \(APICode(rawValue: answer.code)?.meaning ?? "unknown code")")
            if endpoint == .login, let url = answer.data?.object?["url"]?.string {
                out.writeLine("url: \(url)")
            } else if let data = answer.data, data.array?.isEmpty != true, data.object?.members.isEmpty != true,
                let text = try? JCS.canonicalString(data)
            {
                // The vendor's PHP answers `"data":[]` when there is nothing to say: not worth a line.
                out.writeLine("data: \(text)")
            }
        }
        try out.flush()
        guard answer.code != 0 else { return }
        let error = client.rejection(answer, to: request)
        throw Failure(.mismatch, error.summary, hints: error.notes + localDiagnosis(request, answer, key: key))
    }

    /// The findings of the library's verifier and diagnosis on what was sent, at the server's time (its `Date`
    /// header) when it gave one: a clock off by more than the usual skew shows as the timestamp's age.
    private func localDiagnosis(_ request: XiaoaRequest, _ answer: XiaoaAnswer, key: String) -> [String] {
        let now = answer.serverDate ?? answer.receivedAt
        let maxSkew: Int64 = 300
        let verdict = RequestVerifier(domainKeys: [key], maxSkew: maxSkew)
            .verify(request.body, endpoint: request.endpoint, now: now)
        let findings = RequestDiagnosis.findings(for: verdict, body: request.body, now: now, maxSkew: maxSkew)
        // request.* findings restate the failing checks (as in `verify request`); the others name the causes.
        return findings.filter { !$0.id.rawValue.hasPrefix("request.") }.map {
            "\($0.description) (local diagnosis of what was sent)"
        }
    }

    /// The method parameters: names and passwords from the options, stdin, the environment or a file.
    private func methodValues(_ endpoint: Endpoint) throws(Failure) -> [String: [UInt8]] {
        var values: [String: [UInt8]] = [:]
        if let userName { values["user_name"] = Array(userName.utf8) }
        if let cUsername { values["c_username"] = Array(cUsername.utf8) }
        if let redirect { values["redirect"] = Array(redirect.utf8) }
        switch endpoint {
        case .add, .delete:
            values["password"] = try SecretSource(
                argument: nil, environment: passwordEnv, file: passwordFile, what: "password"
            ).resolve()
        case .update:
            if let oldPasswordEnv, let passwordEnv {
                values["old_pwd"] = Array(try SecretInput.fromEnvironment(oldPasswordEnv, what: "old password").utf8)
                values["new_pwd"] = Array(try SecretInput.fromEnvironment(passwordEnv, what: "new password").utf8)
            } else if oldPasswordEnv != nil || passwordEnv != nil {
                throw Failure.usage(
                    "assoc/update needs both --old-password-env and --password-env, or two lines on stdin")
            } else {
                let (old, new) = try SecretInput.twoLines(
                    file: passwordFile, what: "assoc/update (old password, then new password)")
                values["old_pwd"] = old
                values["new_pwd"] = new
            }
        case .login:
            break
        }
        return values
    }
}
