import ArgumentParser
import XiaoaAPI
import XiaoaJSON
import XiaoaLocalization

/// `xiaoa-crypto verify request`: would the vendor's server accept this captured body?
struct VerifyRequest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "request",
        abstract: "Check a captured request body and print the code the server would answer.",
        discussion: """
            Checks, in the server's order: a JSON object; required fields present and strings; a known domain \
            key; the sign; the timestamp's skew (with --max-skew); password fields that decrypt to UTF-8. \
            The code is the first failure's, as the server answers; every later check still runs, and one that \
            fails too is marked "would fail", so that two mistakes show at once. A 13-digit (millisecond) \
            timestamp is named whether or not --max-skew is set. Exit 0 when the request would be accepted \
            (code 0), 1 when not.

            Examples:
              xiaoa-crypto verify request assoc/add captured.json --domain-key demo
              echo 123456 | xiaoa-crypto body assoc/add --domain-key demo \\
                  --user-name xa --c-username c1 \\
                  | xiaoa-crypto verify request assoc/add - --domain-key demo \\
                    --max-skew 300
              xiaoa-crypto verify request assoc/login body.json --domain-keys keys.txt \\
                  --now 1700000000 --format json
            """)

    @OptionGroup var endpoint: EndpointArgument

    @Argument(help: "The captured body, or - for stdin (default).")
    var file: String = "-"

    @OptionGroup var knownKeys: KnownDomainKeyOptions

    @Option(
        name: .customLong("max-skew"),
        help: ArgumentHelp("Allowed distance of the timestamp from now.", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: ArgumentHelp("The current Unix time (default: the clock).", valueName: "unix-seconds"))
    var now: Int64?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if !knownKeys.isGiven {
            throw ValidationError("give the known domain keys: --domain-key K (repeatable) or --domain-keys FILE")
        }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
    }

    func run() throws {
        let endpoint = self.endpoint.endpoint
        let keys = Set(try knownKeys.resolve())
        let body = try IO.readFile(file, limit: 1 << 20)
        let verifier = RequestVerifier(domainKeys: keys, maxSkew: maxSkew)
        let clock = now ?? IO.now()
        let verdict = verifier.verify(body, endpoint: endpoint, now: clock)
        let findings = RequestDiagnosis.findings(for: verdict, now: clock, maxSkew: maxSkew)
        let out = OutputBuffer()
        switch format {
        case .text:
            for check in verdict.checks {
                let (mark, note) =
                    switch check.outcome {
                    case .pass: ("ok  ", "")
                    case .fail: ("FAIL", "")
                    case .wouldFail: ("FAIL", Catalogue.translate("would fail: ", to: IO.language))
                    case .skipped: ("--  ", "")
                    }
                let detail = Catalogue.translate(check.detail, to: IO.language)
                out.writeLine("\(mark)  \(check.name.rawValue): \(note)\(detail)")
            }
            let meaning = Catalogue.translate(verdict.code.meaning, to: IO.language)
            out.writeLine("code \(verdict.code.rawValue) \(verdict.code.message) (\(meaning))")
            // request.* findings restate the failing checks above; the others name the causes and warnings.
            for finding in findings where !finding.id.rawValue.hasPrefix("request.") {
                out.writeLine("hint: \(finding.line(in: IO.language))")
            }
        case .json:
            let value = verdict.json(findings: findings)
            do { out.writeLine(try JCS.canonicalString(value.localized(to: IO.language))) } catch {
                throw Failure.badData(error.description)
            }
        }
        try out.flush()
        if !verdict.isAccepted { throw ExitCode(Failure.Status.mismatch.rawValue) }
    }
}
