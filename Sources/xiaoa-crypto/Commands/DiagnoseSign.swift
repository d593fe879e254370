import ArgumentParser
import XiaoaAPI
import XiaoaJSON
import XiaoaSigning

/// `xiaoa-crypto diagnose sign`: which mistake gives this sign?
struct DiagnoseSign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Name the mistake that produced a wrong sign (and check the timestamp's age).",
        discussion: """
            Prints the verdict, the right sign, and every finding with its fix and details (the offset and
            length of a wrong cut, the delta of a stale timestamp, …). Exit 0 when the sign is right (and the
            timestamp fresh with --max-skew), 1 when not.

            Examples:
              xiaoa-crypto diagnose sign --timestamp 1700000000 --domain-key abc --sign 8119BF02E2
              xiaoa-crypto diagnose sign --timestamp 1700000000 --domain-key abc --sign 81 --format json
              xiaoa-crypto diagnose sign --timestamp 1700000000123 --domain-key abc --sign 2f34b15449 --max-skew 300
            """)

    @Option(help: "The timestamp sent with the request.")
    var timestamp: String

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "The sign to diagnose.")
    var sign: String

    @Option(name: .customLong("max-skew"), help: ArgumentHelp("Also check the timestamp within this many seconds of now.", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: ArgumentHelp("The current Unix time for --max-skew (default: the clock).", valueName: "unix-seconds"))
    var now: Int64?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func validate() throws {
        if !domainKey.isGiven { throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)") }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
    }

    func run() throws {
        let key = try domainKey.resolve()
        let report = SignDiagnosis.diagnose(
            sign: sign, timestamp: timestamp, domainKey: key, now: maxSkew == nil ? nil : (now ?? IO.now()), maxSkew: maxSkew)
        switch format {
        case .text:
            let out = OutputBuffer()
            out.writeLine(report.isCorrect ? "ok: the sign is right" : report.signMatches ? "wrong: the sign is right but the timestamp is not" : "wrong: the sign does not match")
            out.writeLine("sign        \(sign)")
            out.writeLine("expected    \(report.expectedSign)")
            if let check = report.timestampCheck { out.writeLine("timestamp   \(Self.describe(check))") }
            if report.findings.isEmpty { out.writeLine("no finding") }
            FindingOutput.writeText(report.findings, to: out)
            out.flush()
        case .json:
            try FindingOutput.writeJSON(ok: report.isCorrect, findings: report.findings, extra: [
                "signMatches": .bool(report.signMatches), "expectedSign": .string(report.expectedSign),
            ])
        }
        if !report.isCorrect { throw ExitCode(Failure.Status.mismatch.rawValue) }
    }

    static func describe(_ check: TimestampCheck) -> String {
        switch check {
        case .fresh(let delta): delta >= 0 ? "fresh (\(delta) s old)" : "fresh (\(-delta) s ahead)"
        case .tooOld(let delta): "too old (\(delta) s before now)"
        case .inFuture(let delta): "in the future (\(delta) s after now)"
        case .notAnInteger: "not a whole number of seconds"
        }
    }
}
