import ArgumentParser
import XiaoaAPI
import XiaoaSigning

/// `xiaoa-crypto verify sign`: is this the sign for this timestamp and domain key?
struct VerifySign: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Check a sign against a timestamp and a domain key (constant-time comparison).",
        discussion: """
            Prints "ok" and exits 0 when the sign is right; otherwise one error line on stderr, a hint line for \
            each known mistake that reproduces the wrong sign (see diagnose sign), and exit 1. With --format json \
            the verdict and the findings go to stdout as {"findings":[…],"ok":…}.

            Examples:
              xiaoa-crypto verify sign --timestamp 1700000000 --domain-key abc \\
                  --sign 8119bf02e2
              xiaoa-crypto verify sign --timestamp "$TS" --domain-key-env KEY \\
                  --sign "$S" --max-skew 300
            """)

    @OptionGroup var check: SignCheckOptions

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let report = try check.diagnose()
        if report.isCorrect {
            if check.format == .json { return try FindingOutput.writeJSON(report.verdictJSON()) }
            OutputBuffer().writeLine("ok")
            // The sign is right, but a millisecond timestamp is still a mistake the vendor's server will meet.
            FindingOutput.warn(report.warnings)
            return
        }
        let message =
            report.signMatches
            ? skewMessage(report.timestampCheck)
            : "sign mismatch: \(check.sign) is not the sign of this timestamp and domain key"
        if check.format == .json {
            try FindingOutput.writeJSON(report.verdictJSON(error: message))
            throw Failure(.mismatch, message)
        }
        throw Failure(.mismatch, message, hints: FindingOutput.hints(report.findings))
    }

    private func skewMessage(_ timestampCheck: TimestampCheck?) -> String {
        switch timestampCheck {
        case .tooOld(let delta)?:
            "timestamp too old: \(delta) seconds before now, more than --max-skew \(check.maxSkew ?? 0)"
        case .inFuture(let delta)?:
            "timestamp in the future: \(delta) seconds after now, more than --max-skew \(check.maxSkew ?? 0)"
        case .notAnInteger?: "timestamp is not an integer number of seconds, so its skew cannot be checked"
        case .fresh?, nil: "the timestamp was refused"
        }
    }
}

/// The inputs of a sign check, shared by `verify sign` and `diagnose sign`.
struct SignCheckOptions: ParsableArguments {
    @Option(help: "The timestamp sent with the request.")
    var timestamp: String

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "The sign to check.")
    var sign: String

    @Option(
        name: .customLong("max-skew"),
        help: ArgumentHelp("Also require the timestamp within this many seconds of now.", valueName: "seconds"))
    var maxSkew: Int64?

    @Option(help: ArgumentHelp("The current Unix time for --max-skew (default: the clock).", valueName: "unix-seconds"))
    var now: Int64?

    @Option(help: "Output format: text, or json (the verdict and findings as data on stdout).")
    var format: OutputFormat = .text

    func validate() throws {
        if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
        if let maxSkew, maxSkew < 0 { throw ValidationError("--max-skew must not be negative") }
    }

    /// The diagnosis of the sign (and, with --max-skew, of the timestamp's age); `verify sign` refuses an empty
    /// domain key, `diagnose sign` examines it (`allowingEmptyKey`).
    func diagnose(allowingEmptyKey: Bool = false) throws(Failure) -> SignDiagnosisReport {
        let key = try domainKey.resolve(allowingEmpty: allowingEmptyKey)
        return SignDiagnosis.diagnose(
            sign: sign, timestamp: timestamp, domainKey: key, now: maxSkew == nil ? nil : (now ?? IO.now()),
            maxSkew: maxSkew)
    }
}
