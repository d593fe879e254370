import ArgumentParser
import XiaoaAPI
import XiaoaClient
import XiaoaCommandLine
import XiaoaCommandOptions
import XiaoaJSON
import XiaoaLocalization

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

    @OptionGroup var endpointArgument: EndpointArgument

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The API's base URL.", valueName: "url"))
    var baseURL: String

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "Unix time in seconds to sign with (default: now).")
    var timestamp: Int64?

    @OptionGroup var fields: RequestFieldOptions

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

    @OptionGroup var language: LanguageOptions

    /// One ending for every binary of the tool (``CommandEnding``): `error:` lines in the chosen language.
    static func main() async { await CommandEnding.main(Self.self, help: "xiaoa-crypto call") }

    func validate() throws {
        let endpoint = endpointArgument.endpoint
        guard baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://") else {
            throw ValidationError("--base-url must start with http:// or https://")
        }
        if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
        guard connectTimeout > 0, timeout > 0 else { throw ValidationError("timeouts must be positive") }
        try fields.validate(for: endpoint)
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
        let endpoint = endpointArgument.endpoint
        let key = try domainKey.resolve()
        let values = try fields.values(for: endpoint)
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
            let meaning = APICode(rawValue: answer.code)?.meaning ?? "unknown code"
            out.writeLine("meaning: \(Catalogue.translate(meaning, to: IO.language))")
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
        let findings = RequestDiagnosis.findings(for: verdict, now: now, maxSkew: maxSkew)
        // request.* findings restate the failing checks (as in `verify request`); the others name the causes.
        return findings.filter { !$0.id.rawValue.hasPrefix("request.") }.map {
            "\($0.description) (local diagnosis of what was sent)"
        }
    }
}
