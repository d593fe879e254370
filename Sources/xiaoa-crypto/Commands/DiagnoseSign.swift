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
            Prints the verdict, the right sign, and every finding with its fix and details (the offset and \
            length of a wrong cut, the delta of a stale timestamp, …). Exit 0 when the sign is right (and the \
            timestamp fresh with --max-skew), 1 when not.

            Examples:
              xiaoa-crypto diagnose sign --timestamp 1700000000 --domain-key abc \\
                  --sign 8119BF02E2
              xiaoa-crypto diagnose sign --timestamp 1700000000 --domain-key abc \\
                  --sign 81 --format json
              xiaoa-crypto diagnose sign --timestamp 1700000000123 --domain-key abc \\
                  --sign 2f34b15449 --max-skew 300
            """)

    @OptionGroup var check: SignCheckOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let report = try check.diagnose(allowingEmptyKey: true)
        switch check.format {
        case .text:
            let out = OutputBuffer()
            out.writeLine(
                FindingOutput.say(
                    report.isCorrect
                        ? "ok: the sign is right"
                        : report.signMatches
                            ? "wrong: the sign is right but the timestamp is not" : "wrong: the sign does not match"))
            out.writeLine("sign        \(check.sign)")
            out.writeLine("expected    \(report.expectedSign)")
            if let check = report.timestampCheck {
                out.writeLine("timestamp   \(FindingOutput.say(Self.describe(check)))")
            }
            if report.findings.isEmpty && report.warnings.isEmpty { out.writeLine(FindingOutput.say("no finding")) }
            FindingOutput.writeText(report.findings, to: out)
            if !report.warnings.isEmpty {
                out.writeLine(FindingOutput.say("warning (the sign is right, the value is still likely wrong):"))
                FindingOutput.writeText(report.warnings, to: out)
            }
            try out.flush()
        case .json:
            try FindingOutput.writeJSON(report.json)
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
