import ArgumentParser
import XiaoaAPI
import XiaoaCapture
import XiaoaCommandLine
import XiaoaJSON
import XiaoaLocalization

/// `xiaoa-crypto verify har`: what did the app really send, and what did the server answer?
struct VerifyHAR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "har",
        abstract: "Judge every API call recorded in a HAR file: the code it earns and the code it got.",
        discussion: """
            Reads HAR 1.2 as browsers' devtools, mitmproxy, Charles, Proxyman and Postman write it. Every entry \
            whose URL path ends in one of the four endpoints (any host, any base path) is judged as recorded: \
            the method (30002 for anything but POST), the content type (a form post is named), the body bytes \
            (postData.text, or its params; base64 where the tool wrote "encoding": "base64"), with the checks \
            and diagnosis of 'verify request'. The timestamp's skew (--max-skew) is judged at the entry's own \
            startedDateTime, so a capture gets the same verdicts whenever it is judged.

            Per entry: its index in log.entries, time, method, endpoint, the code the request alone earns \
            (predicted; 0 means well-formed, and the accounts decide), the code in the recorded answer (actual) \
            and the findings, among them what a disagreement between the two means. Other entries are skipped \
            and counted. Domain keys, signs and ciphertexts are masked unless --show-secrets.

            Exit 0 when every API entry was (where an answer was recorded) and would be accepted, 1 when not, 65 \
            for a file that is not HAR, 66 when it cannot be read.

            Examples:
              xiaoa-crypto verify har capture.har --domain-key demo --max-skew 300
              xiaoa-crypto verify har - --domain-keys keys.txt --only-failures \\
                  < capture.har
              xiaoa-crypto verify har capture.har --domain-key demo --format json
            """)

    @Argument(help: "The HAR file, or - for stdin.")
    var file: String

    @OptionGroup var knownKeys: KnownDomainKeyOptions

    @Option(
        name: .customLong("max-skew"),
        help: ArgumentHelp("Allowed distance of the timestamp from the entry's time.", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("only-failures"), help: "Show only the entries that were or would be refused.")
    var onlyFailures = false

    @Flag(name: .customLong("show-secrets"), help: "Show domain keys, signs and ciphertexts instead of ***.")
    var showSecrets = false

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        if !knownKeys.isGiven {
            throw ValidationError("give the known domain keys: --domain-key K (repeatable) or --domain-keys FILE")
        }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
    }

    func run() throws {
        let keys = Set(try knownKeys.resolve())
        let name = file == "-" ? "stdin" : file
        let har: HARFile
        do {
            // The bytes are dropped once parsed: only the tree stays, its strings shared with the entries.
            har = try HARFile.parse(IO.readFile(file, limit: Int.max))
        } catch let error as HARError {
            throw Failure.badData("\(name): \(error.reason)")
        }
        let report = CaptureVerifier(domainKeys: keys, maxSkew: maxSkew).judge(har)
        let out = OutputBuffer()
        switch format {
        case .text:
            for verdict in report.verdicts where !onlyFailures || !verdict.isAccepted {
                let shown = showSecrets ? verdict : verdict.masked()
                out.writeLine(shown.line)
                for finding in shown.findings.map({ $0.localized(to: IO.language) }) {
                    out.writeLine("    \(finding.id.rawValue): \(finding.summary)")
                    out.writeLine("      fix: \(finding.fix)")
                }
            }
            out.writeLine(Catalogue.translate(Self.summaryLine(report), to: IO.language))
        case .json:
            let value = report.json(showSecrets: showSecrets, onlyFailures: onlyFailures)
            do { out.writeLine(try JCS.canonicalString(value.localized(to: IO.language))) } catch {
                throw Failure.badData(error.description)
            }
        }
        try out.flush()
        if !report.isAccepted { throw ExitCode(Failure.Status.mismatch.rawValue) }
    }

    /// `12 entries: 9 API calls (4 accepted, 5 refused, 1 answer disagrees), 3 others skipped`.
    static func summaryLine(_ report: CaptureReport) -> String {
        let accepted = report.verdicts.filter(\.isAccepted).count
        let disagreements = report.verdicts.filter(\.isDisagreement).count
        let disagree =
            switch disagreements {
            case 0: ""
            case 1: ", 1 answer disagrees"
            default: ", \(disagreements) answers disagree"
            }
        let skipped = report.entryCount - report.verdicts.count
        let others = skipped == 1 ? "1 other" : "\(skipped) others"
        return "\(report.entryCount) entries: \(report.verdicts.count) API calls (\(accepted) accepted, "
            + "\(report.verdicts.count - accepted) refused\(disagree)), \(others) skipped"
    }
}
